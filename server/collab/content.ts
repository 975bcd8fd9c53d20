import { createHash, type Hash } from "node:crypto";
import { getSchema, type JSONContent } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { renderToHTMLString } from "@tiptap/static-renderer/pm/html-string";
import type { Mark as PmMark, NodeType } from "@tiptap/pm/model";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { isSafeHref } from "../../common/safe-url.js";
import { docText } from "../../common/text-blocks.js";
import { DOCUMENT_EXTENSIONS } from "../../common/editor-schema.js";

/** The name of the XmlFragment the editor binds to (TipTap's Collaboration default). */
export const FRAGMENT = "default";

/**
 * The editor's document model. It must match the browser editor's extensions
 * (app/components/editor/extensions.ts); a unit test compares the two schemas.
 */
export const SERVER_EXTENSIONS = [StarterKit.configure({ undoRedo: false, link: { openOnClick: false } }), ...DOCUMENT_EXTENSIONS];
export const schema = getSchema(SERVER_EXTENSIONS);

/**
 * The section's content as ProseMirror JSON that fits the editor's schema.
 * Content the editor cannot show (another binding's nodes or marks, plain
 * text or values under the fragment, embeds) is left out, keeping the text
 * of blocks it cannot place (see `fitDoc`): reading a section never throws.
 */
export function docToJson(doc: Y.Doc): JSONContent {
  return fitDoc(storedJson(doc));
}

/**
 * The fragment as y-tiptap's `yXmlFragmentToProsemirrorJSON` serialises it,
 * unknown nodes and marks included, except that what is not XML at all (plain
 * text, values or shared types under the fragment or an element, shared types
 * embedded in text) is skipped instead of throwing. `contentHash` hashes this,
 * so every state that could be hashed before still hashes the same.
 */
export function storedJson(doc: Y.Doc): JSONContent {
  return { type: "doc", content: doc.getXmlFragment(FRAGMENT).toArray().flatMap(storedTop) as JSONContent[] };
}

/** One top-level child as y-tiptap writes it (a top-level text node stays an array, as y-tiptap leaves it). */
function storedTop(item: unknown): (JSONContent | JSONContent[])[] {
  if (item instanceof Y.XmlText) return [storedText(item)];
  if (item instanceof Y.XmlElement) return [storedElement(item)];
  return [];
}

function storedText(text: Y.XmlText): JSONContent[] {
  const out: JSONContent[] = [];
  for (const d of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    if (d.insert instanceof Y.AbstractType) continue;
    const node: JSONContent = { type: "text", text: d.insert as string };
    if (d.attributes) node.marks = Object.keys(d.attributes).map((key) => ({ type: markName(key), attrs: d.attributes![key] as Record<string, unknown> }));
    out.push(node);
  }
  return out;
}

/** One element (a top-level block, say) as `storedJson` writes it. */
export function storedElement(el: Y.XmlElement): JSONContent {
  const node: JSONContent = { type: el.nodeName };
  const attrs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(el.getAttributes() as Record<string, unknown>)) if (!(value instanceof Y.AbstractType)) attrs[key] = value;
  if (Object.keys(attrs).length) node.attrs = attrs;
  const children = el.toArray();
  if (children.length) node.content = children.flatMap((c) => (c instanceof Y.XmlText ? storedText(c) : c instanceof Y.XmlElement ? [storedElement(c)] : []));
  return node;
}

/** y-prosemirror stores overlapping marks of one type as `name--<8 characters of hash>`. */
export function markName(attribute: string): string {
  return /(.*)(--[a-zA-Z0-9+/=]{8})$/.exec(attribute)?.[1] ?? attribute;
}

function fits(json: JSONContent): boolean {
  try {
    schema.nodeFromJSON(json).check();
    return true;
  } catch {
    return false;
  }
}

const isNode = (v: unknown): v is JSONContent => typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as JSONContent).type === "string";

/**
 * Makes stored JSON fit the schema. Valid content comes back as it is. Else,
 * block by block: unknown nodes keep only their own text (as a paragraph),
 * unknown or disallowed marks are dropped, and a container whose children no
 * longer fit (concurrent edits can empty a list) gives way to the blocks inside it.
 * The text that results is the text `flatten` reads from the Yjs structure, so
 * offsets keep their meaning.
 */
export function fitDoc(json: JSONContent): JSONContent {
  if (fits(json)) return json;
  return { type: "doc", content: (json.content ?? []).flatMap(fitBlock) };
}

function fitBlock(node: unknown): JSONContent[] {
  if (!isNode(node)) return [];
  const type = schema.nodes[node.type!];
  // A `doc` below the root is not a container (common/text-blocks.ts): like an unknown node, it keeps only its own text.
  if (!type || type === schema.topNodeType) {
    const content = fitInline(node.content, schema.nodes.paragraph!);
    return content.length > 0 ? [{ type: "paragraph", content }] : [];
  }
  if (type.isInline) return [];
  if (type.isTextblock) {
    const content = fitInline(node.content, type);
    const block: JSONContent = { type: node.type, ...(isPlainObject(node.attrs) ? { attrs: node.attrs } : {}), ...(content.length > 0 ? { content } : {}) };
    if (fits(block)) return [block];
    const plain: JSONContent = content.length > 0 ? { type: "paragraph", content } : { type: "paragraph" };
    return fits(plain) && content.length > 0 ? [plain] : [];
  }
  if (type.isLeaf) {
    const leaf: JSONContent = { type: node.type, ...(isPlainObject(node.attrs) ? { attrs: node.attrs } : {}) };
    return fits(leaf) ? [leaf] : [];
  }
  const children = (node.content ?? []).flatMap(fitBlock);
  const container: JSONContent = { type: node.type, ...(isPlainObject(node.attrs) ? { attrs: node.attrs } : {}), content: children };
  return fits(container) ? [container] : children.flatMap(leavesOf);
}

function leavesOf(node: JSONContent): JSONContent[] {
  const type = schema.nodes[node.type!]!;
  return type.isTextblock || type.isLeaf ? [node] : (node.content ?? []).flatMap(leavesOf);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function fitInline(content: unknown, parent: NodeType): JSONContent[] {
  if (!Array.isArray(content)) return [];
  const out: JSONContent[] = [];
  for (const child of content) {
    if (!isNode(child)) continue;
    const type = schema.nodes[child.type!];
    if (!type || !type.isInline || parent.contentMatch.matchType(type) === null) continue;
    if (type.isText && (typeof child.text !== "string" || child.text.length === 0)) continue;
    const marks = fitMarks(child.marks, parent);
    const node: JSONContent = type.isText ? { type: "text", text: child.text } : { type: child.type, ...(isPlainObject(child.attrs) ? { attrs: child.attrs } : {}) };
    if (marks.length > 0) node.marks = marks;
    out.push(node);
  }
  return out;
}

function fitMarks(marks: unknown, parent: NodeType): NonNullable<JSONContent["marks"]> {
  if (!Array.isArray(marks)) return [];
  let set: readonly PmMark[] = [];
  for (const m of marks) {
    if (!isNode(m)) continue;
    const type = schema.marks[m.type!];
    if (!type || !parent.allowsMarkType(type)) continue;
    try {
      set = schema.markFromJSON({ type: m.type, ...(isPlainObject(m.attrs) ? { attrs: m.attrs } : {}) }).addToSet(set);
    } catch {
      // Attributes the mark cannot take: the text stays, without it.
    }
  }
  return set.map((mark) => mark.toJSON() as NonNullable<JSONContent["marks"]>[number]);
}

// Drafters can paste any link; readers must never get a javascript: URL.
function withSafeLinks(node: JSONContent): JSONContent {
  return {
    ...node,
    ...(node.marks ? { marks: node.marks.filter((m) => m.type !== "link" || isSafeHref(String(m.attrs?.href ?? ""))) } : {}),
    ...(node.content ? { content: node.content.map(withSafeLinks) } : {}),
  };
}

/** Server-rendered HTML of the section (text escaped, links limited to safe schemes). */
export function docToHtml(doc: Y.Doc): string {
  return jsonToHtml(docToJson(doc));
}

/**
 * Server-rendered HTML of editor JSON (docToJson's, or a version's frozen
 * text), fitted to the schema. `idPrefix` keeps footnote ids unique when
 * several sections share a page.
 */
export function jsonToHtml(json: JSONContent, idPrefix = ""): string {
  const fitted = fitDoc(json);
  if (!fitted.content || fitted.content.length === 0) return "";
  return withFootnotes(renderToHTMLString({ extensions: SERVER_EXTENSIONS, content: withSafeLinks(fitted) }), idPrefix);
}

const FOOTNOTE_HTML = /<sup class="footnote-ref" title="[^"]*" data-footnote="([^"]*)"\s*\/?>(?:<\/sup>)?/g;

/**
 * Numbers the footnote references in rendered HTML, links each to its note and
 * back, and lists the notes after the text (their text is already escaped in
 * the attribute it is taken from).
 */
function withFootnotes(html: string, prefix: string): string {
  const notes: string[] = [];
  const body = html.replace(FOOTNOTE_HTML, (_all, text: string) => {
    notes.push(text);
    const n = notes.length;
    return `<sup class="footnote-ref"><a href="#${prefix}fn-${n}" id="${prefix}fnref-${n}" role="doc-noteref">${n}</a></sup>`;
  });
  if (notes.length === 0) return body;
  const items = notes.map((text, i) => `<li id="${prefix}fn-${i + 1}"><p>${text} <a href="#${prefix}fnref-${i + 1}" role="doc-backlink">↩</a></p></li>`).join("");
  return `${body}<section class="footnotes" role="doc-endnotes"><ol>${items}</ol></section>`;
}

/** Plain text (common/text-blocks.ts): the offsets comment anchors count in; it agrees with `flatten`. */
export function docToText(doc: Y.Doc): string {
  return docText(docToJson(doc));
}

/**
 * A hash of the content itself (not of Yjs's encoding, which depends on how a
 * state was assembled), so a replay of the history can be checked against it.
 */
export function contentHash(doc: Y.Doc): string {
  return createHash("sha256").update(JSON.stringify(storedJson(doc))).digest("hex");
}

/**
 * contentHash for a document that changes a little at a time (a replay of its
 * history): each top-level block's JSON is kept until a transaction touches
 * it, and so is the SHA-256 state before each block, so a step costs the
 * changed block and the blocks after it, not the whole section. The result is
 * exactly contentHash(doc); a unit test holds the two together.
 */
export class IncrementalContentHash {
  private readonly blocks = new WeakMap<object, string>();
  private readonly fragment: Y.XmlFragment;
  /** The blocks the last hash covered, in order. */
  private covered: object[] = [];
  /**
   * The hash having read the opening and the blocks before `kept.at` (the first
   * block the last step changed): edits tend to stay in one place, so the next
   * step usually starts there. One state, so a step makes two copies at most.
   */
  private kept: { at: number; state: Hash } = { at: 0, state: createHash("sha256").update(`{"type":"doc","content":[`) };

  constructor(doc: Y.Doc) {
    this.fragment = doc.getXmlFragment(FRAGMENT);
    doc.on("afterTransaction", (tr: Y.Transaction) => {
      for (const type of tr.changed.keys()) {
        // Forget the top-level block that contains the changed type.
        let t: Y.AbstractType<unknown> | null = type as Y.AbstractType<unknown>;
        while (t && t._item && t._item.parent !== this.fragment) t = t._item.parent as Y.AbstractType<unknown> | null;
        if (t) this.blocks.delete(t);
      }
    });
  }

  hash(): string {
    const blocks = this.fragment.toArray().filter((b) => b instanceof Y.XmlElement || b instanceof Y.XmlText);
    // How many blocks from the start are the same objects as last time, unchanged.
    let same = 0;
    while (same < blocks.length && same < this.covered.length && blocks[same] === this.covered[same] && this.blocks.has(blocks[same]!)) same += 1;
    let from = 0;
    let h: Hash;
    if (this.kept.at <= same) {
      from = this.kept.at;
      h = this.kept.state.copy();
    } else {
      h = createHash("sha256").update(`{"type":"doc","content":[`);
    }
    for (let k = from; k < blocks.length; k++) {
      if (k === same) this.kept = { at: same, state: h.copy() };
      if (k > 0) h.update(",");
      h.update(this.blockJson(blocks[k]!));
    }
    if (same >= blocks.length) this.kept = { at: blocks.length, state: h.copy() };
    this.covered = blocks;
    return h.update("]}").digest("hex");
  }

  /** A top-level block's JSON, from the same serialiser as storedJson. */
  private blockJson(block: object): string {
    let json = this.blocks.get(block);
    if (json === undefined) {
      json = JSON.stringify(storedTop(block)[0]);
      this.blocks.set(block, json);
    }
    return json;
  }
}

/** A Yjs update that fills an empty document with the given content. */
export function jsonToUpdate(json: JSONContent): Uint8Array {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(schema, json, doc.getXmlFragment(FRAGMENT));
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

// Markdown → editor JSON lives in its own module; re-exported for the importers that found it here.
export { TOKENS_MAX_DEPTH, markdownToJson, tokensToJson } from "./markdown-json.js";
