import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import type { EditorState } from "@tiptap/pm/state";
import { noteCaret, type CaretHint } from "../../collab/cursor-diff.js";

/**
 * The caret's run of text (text nodes between inline nodes, as the binding
 * keeps them in one Y.XmlText) and its offset in that run.
 */
export function caretHint(state: EditorState): CaretHint | null {
  const $head = state.selection.$head;
  const parent = $head.parent;
  if (!parent.inlineContent) return null;
  let pos = 0;
  let text = "";
  let caret = -1;
  let found = false;
  parent.forEach((child) => {
    if (found) return;
    if (child.isText) {
      if ($head.parentOffset >= pos && $head.parentOffset <= pos + child.nodeSize) caret = text.length + ($head.parentOffset - pos);
      text += child.text ?? "";
    } else {
      if (caret >= 0) found = true;
      else text = "";
    }
    pos += child.nodeSize;
  });
  return caret >= 0 ? { text, caret } : null;
}

/** Tells the collaboration binding's diff where the caret is after each change (app/collab/cursor-diff.ts). */
export const CaretHintExtension = Extension.create({
  name: "caretHint",
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey("caretHint"),
        state: {
          init: () => null,
          apply(tr, _value, _old, state) {
            if (tr.docChanged) noteCaret(caretHint(state));
            return null;
          },
        },
      }),
    ];
  },
});
