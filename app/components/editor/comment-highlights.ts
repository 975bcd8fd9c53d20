import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { relativePositionToAbsolutePosition, ySyncPluginKey } from "@tiptap/y-tiptap";
import * as Y from "yjs";

export interface HighlightAnchor {
  id: string;
  /** Base64 Yjs relative positions from the server. */
  start: string;
  end: string;
}

export const highlightKey = new PluginKey<DecorationSet>("commentHighlights");

function decode(b64: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

/**
 * Marks commented passages in the editor. The anchors are Yjs relative
 * positions, resolved again on every change, so a highlight follows its
 * passage while others edit around or inside it.
 */
export const CommentHighlights = Extension.create<{ doc: Y.Doc; onActivate: (id: string) => void }, { anchors: HighlightAnchor[]; active: string | null }>({
  name: "commentHighlights",
  addOptions() {
    return { doc: new Y.Doc(), onActivate: () => {} };
  },
  addStorage() {
    return { anchors: [], active: null };
  },
  addProseMirrorPlugins() {
    const storage = this.storage;
    const ydoc = this.options.doc;
    const onActivate = this.options.onActivate;
    const build = (state: Parameters<NonNullable<Plugin["spec"]["state"]>["init"]>[1]) => {
      const binding = ySyncPluginKey.getState(state)?.binding;
      if (!binding) return DecorationSet.empty;
      const fragment = ydoc.getXmlFragment("default");
      const decorations: Decoration[] = [];
      for (const a of storage.anchors) {
        const s = decode(a.start);
        const e = decode(a.end);
        if (!s || !e) continue;
        let from = relativePositionToAbsolutePosition(ydoc, fragment, s, binding.mapping);
        let to = relativePositionToAbsolutePosition(ydoc, fragment, e, binding.mapping);
        // y-tiptap declines positions at the very start of the document as possibly
        // misresolved; when both ends sit in one text node, one end gives the other.
        if ((from === null) !== (to === null)) {
          const ys = Y.createAbsolutePositionFromRelativePosition(s, ydoc);
          const ye = Y.createAbsolutePositionFromRelativePosition(e, ydoc);
          if (ys && ye && ys.type === ye.type && ys.type instanceof Y.XmlText) {
            if (from === null && to !== null) from = to - (ye.index - ys.index);
            else if (to === null && from !== null) to = from + (ye.index - ys.index);
          }
        }
        if (from === null || to === null || to <= from || to > state.doc.content.size) continue;
        decorations.push(
          Decoration.inline(from, to, {
            class: a.id === storage.active ? "anchor anchor--active" : "anchor",
            "data-comment-id": a.id,
          }),
        );
      }
      return DecorationSet.create(state.doc, decorations);
    };
    return [
      new Plugin({
        key: highlightKey,
        state: {
          init: (_config, state) => build(state),
          apply: (tr, old, _oldState, newState) => (tr.docChanged || tr.getMeta(highlightKey) || tr.getMeta(ySyncPluginKey) ? build(newState) : old.map(tr.mapping, tr.doc)),
        },
        props: {
          decorations: (state) => highlightKey.getState(state),
          handleClick: (_view, _pos, event) => {
            const target = (event.target as HTMLElement | null)?.closest("[data-comment-id]");
            const id = target?.getAttribute("data-comment-id");
            if (id) onActivate(id);
            return false;
          },
        },
      }),
    ];
  },
});
