import type { NodeType } from "@tiptap/pm/model";
import * as Y from "yjs";
import { FOOTNOTE, FOOTNOTE_TEXT_MAX, TABLE_SPAN_MAX } from "../../common/editor-schema.js";
import { FRAGMENT, markName, schema, storedElement } from "./content.js";

/**
 * Keeps content the editor cannot show out of a section. Any Yjs client may
 * write anything into a document (an image, a plain Y.Text under
 * another name); Margin's editor, its server-side rendering, folding and
 * `margin verify` understand only the schema in content.ts.
 *
 * What is checked is what an update inserts, never what it deletes: concurrent
 * edits can leave a list empty or a list item starting with a heading, which
 * y-prosemirror repairs on the clients and `fitDoc` on the server, so the
 * order and count rules of the schema are not enforced here. Which kind of
 * child sits in which kind of parent, however, only the inserting client
 * decides, so those rules are.
 */

/** Origin of the shadow's mirror of the live document. */
const MIRROR = Symbol("mirror");
const CHECK = Symbol("check");

const allowed = new Map<NodeType, Set<NodeType>>();

/** Every node type that may appear anywhere in `parent`'s content (its content expression's automaton). */
function allowedChildren(parent: NodeType): Set<NodeType> {
  let out = allowed.get(parent);
  if (out) return out;
  out = new Set();
  const seen = new Set<unknown>();
  const stack = [parent.contentMatch];
  while (stack.length > 0) {
    const match = stack.pop()!;
    if (seen.has(match)) continue;
    seen.add(match);
    for (let i = 0; i < match.edgeCount; i++) {
      const edge = match.edge(i);
      out.add(edge.type);
      stack.push(edge.next);
    }
  }
  allowed.set(parent, out);
  return out;
}

function rootName(doc: Y.Doc, type: Y.AbstractType<any>): string {
  for (const [name, t] of doc.share) if (t === type) return name;
  return "?";
}

function nodeTypeOf(parent: Y.AbstractType<any>, fragment: Y.XmlFragment): NodeType | undefined {
  if (parent === fragment) return schema.topNodeType;
  return parent instanceof Y.XmlElement ? schema.nodes[parent.nodeName] : undefined;
}

const SPANS: ReadonlySet<string> = new Set(["tableCell", "tableHeader"]);

/**
 * Attributes whose values a client chooses freely and readers' pages render:
 * a footnote's text and a cell's spans and widths are bounded here, so that a
 * client cannot hide megabytes in one attribute or ask for a million columns.
 */
function attributeProblem(node: string, key: string, value: unknown): string | null {
  if (node === FOOTNOTE && key === "text") {
    return typeof value === "string" && value.length <= FOOTNOTE_TEXT_MAX ? null : `a footnote text that is not a string of at most ${FOOTNOTE_TEXT_MAX} characters`;
  }
  if (SPANS.has(node) && (key === "colspan" || key === "rowspan")) {
    return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= TABLE_SPAN_MAX ? null : `a ${key} that is not a whole number from 1 to ${TABLE_SPAN_MAX}`;
  }
  if (SPANS.has(node) && key === "colwidth") {
    const ok = value === null || (Array.isArray(value) && value.length <= TABLE_SPAN_MAX && value.every((w) => Number.isFinite(w)));
    return ok ? null : "a column width that is not a short list of numbers";
  }
  if (SPANS.has(node) && key === "align") {
    return value === null || value === "left" || value === "center" || value === "right" ? null : "a cell alignment other than left, center or right";
  }
  return null;
}

/**
 * Why one struct holds what the editor cannot show, or null when it fits.
 * Adds the top-level block it belongs to to `touched`.
 */
function problemOf(item: Y.Item, fragment: Y.XmlFragment, touched: Set<Y.XmlElement>): string | null {
  const parent = item.parent;
  if (!(parent instanceof Y.AbstractType)) return "content without a parent";
  let root: Y.AbstractType<any> = parent;
  let top: Y.Item = item;
  while (root._item !== null) {
    top = root._item;
    root = top.parent as Y.AbstractType<any>;
  }
  if (root !== fragment) return `a "${rootName(fragment.doc!, root)}" root beside the editor's "${FRAGMENT}"`;
  const content = item.content;
  // Plain characters in a text node that was checked when it was made change nothing the schema
  // rules on, so their block is not converted again: typing stays O(1) however long the paragraph.
  if (parent instanceof Y.XmlText && item.parentSub === null && content instanceof Y.ContentString) return null;
  if (top.parentSub === null && top.content instanceof Y.ContentType && top.content.type instanceof Y.XmlElement && !top.deleted) touched.add(top.content.type);

  if (item.parentSub !== null) {
    // Node attributes are plain values; nothing else in the document is a map.
    if (!(parent instanceof Y.XmlElement && parent !== fragment && content instanceof Y.ContentAny)) return "keyed (map) content where the editor keeps none";
    return attributeProblem(parent.nodeName, item.parentSub, content.arr[content.arr.length - 1]);
  }
  if (parent instanceof Y.XmlText) {
    if (content instanceof Y.ContentFormat) {
      const name = markName(content.key);
      const mark = schema.marks[name];
      if (!mark) return `an unknown mark "${name.slice(0, 40)}"`;
      const block = parent._item?.parent;
      const blockType = block instanceof Y.AbstractType ? nodeTypeOf(block, fragment) : undefined;
      return blockType && blockType.allowsMarkType(mark) ? null : `the mark ${name} where it is not allowed`;
    }
    return "an embed inside text";
  }
  if (parent instanceof Y.XmlFragment) {
    const parentType = nodeTypeOf(parent, fragment);
    if (!parentType) return `content inside an unknown node "${(parent as Y.XmlElement).nodeName.slice(0, 40)}"`;
    if (!(content instanceof Y.ContentType)) return `plain ${content.constructor.name.replace(/^Content/, "").toLowerCase()} content directly inside ${parentType.name}`;
    const child = content.type;
    if (child instanceof Y.XmlText) return allowedChildren(parentType).has(schema.nodes.text!) ? null : `text directly inside ${parentType.name}`;
    if (child instanceof Y.XmlElement) {
      const type = schema.nodes[child.nodeName];
      if (!type) return `an unknown node "${child.nodeName.slice(0, 40)}"`;
      return allowedChildren(parentType).has(type) ? null : `${type.name} inside ${parentType.name}`;
    }
    return `a shared ${child.constructor.name.replace(/^Y/, "")} inside ${parentType.name}`;
  }
  return "content under a shared type the editor does not use";
}

/** Converts one top-level block with the editor's schema; the reason it cannot be, or null. */
function blockProblem(block: Y.XmlElement): string | null {
  try {
    const node = schema.nodeFromJSON(storedElement(block));
    let problem: string | null = null;
    node.descendants((child, _pos, parent) => {
      if (problem) return false;
      const p = parent ?? node;
      if (!allowedChildren(p.type).has(child.type)) problem = `${child.type.name} inside ${p.type.name}`;
      else if (child.marks.some((m) => !p.type.allowsMarkType(m.type))) problem = `a mark not allowed in ${p.type.name}`;
      return true;
    });
    return problem;
  } catch (e) {
    return `a ${block.nodeName} block the editor cannot read (${e instanceof Error ? e.message.slice(0, 60) : "?"})`;
  }
}

/** Everything the transaction integrated: the structs between its before- and after-state, per client. */
function inspect(tr: Y.Transaction, fragment: Y.XmlFragment): string | null {
  const touched = new Set<Y.XmlElement>();
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = tr.doc.store.clients.get(client)!;
    // Adjacent structs of one client merge at the end of a transaction: start from the one holding `before`.
    for (let i = Y.findIndexSS(structs, before); i < structs.length && structs[i]!.id.clock < after; i++) {
      const s = structs[i]!;
      if (!(s instanceof Y.Item) || s.deleted) continue;
      const problem = problemOf(s, fragment, touched);
      if (problem) return problem;
    }
  }
  for (const block of touched) {
    const problem = blockProblem(block);
    if (problem) return problem;
  }
  return null;
}

/**
 * Checks client updates against a shadow copy of a live document before they
 * are committed. The shadow mirrors every update the live document gets
 * (applying one twice changes nothing) and also holds accepted updates that
 * are still being committed, so a client's next update finds what it builds on.
 */
export class SchemaGuard {
  private shadow!: Y.Doc;
  private fragment!: Y.XmlFragment;
  private found: string | null = null;
  /** Accepted here, not yet applied to the live document. */
  private readonly pending = new Set<Uint8Array>();
  private readonly mirror = (update: Uint8Array) => Y.applyUpdate(this.shadow, update, MIRROR);

  constructor(private readonly live: Y.Doc) {
    this.rebuild();
    live.on("update", this.mirror);
  }

  private rebuild(): void {
    this.shadow?.destroy();
    const shadow = new Y.Doc();
    this.fragment = shadow.getXmlFragment(FRAGMENT);
    Y.applyUpdate(shadow, Y.encodeStateAsUpdate(this.live), MIRROR);
    for (const u of this.pending) Y.applyUpdate(shadow, u, MIRROR);
    shadow.on("afterTransaction", (tr: Y.Transaction) => {
      if (tr.origin === CHECK) this.found = inspect(tr, this.fragment);
    });
    this.shadow = shadow;
  }

  /**
   * Null when the update holds only what the editor can show (it is then kept
   * as pending until `applied`); else why not, and the shadow is rebuilt
   * without it.
   */
  check(update: Uint8Array): string | null {
    const pendingBefore = this.shadow.store.pendingStructs;
    this.found = null;
    try {
      Y.applyUpdate(this.shadow, update, CHECK);
    } catch (e) {
      this.found = `an update Yjs cannot apply (${e instanceof Error ? e.message.slice(0, 60) : "?"})`;
    }
    const pendingAfter = this.shadow.store.pendingStructs;
    // Held back for missing predecessors, it would later be integrated by a mirror, unchecked.
    if (!this.found && pendingAfter !== null && pendingAfter !== pendingBefore) this.found = "an update that builds on changes the server does not have";
    const problem = this.found;
    if (problem) this.rebuild();
    else this.pending.add(update);
    return problem;
  }

  /** The accepted update reached the live document (or will not: its commit failed). */
  applied(update: Uint8Array): void {
    this.pending.delete(update);
  }

  destroy(): void {
    this.live.off("update", this.mirror);
    this.shadow.destroy();
  }
}

/**
 * What a stored document holds that the editor cannot show (for verify and
 * export to name the section); empty when everything fits.
 */
export function unsupportedContent(doc: Y.Doc): string[] {
  const problems = new Set<string>();
  for (const [name, type] of doc.share) {
    if (name === FRAGMENT) continue;
    const used = type._length > 0 || [...type._map.values()].some((item) => !item.deleted);
    if (used) problems.add(`a "${name}" root beside the editor's "${FRAGMENT}"`);
  }
  const fragment = doc.getXmlFragment(FRAGMENT);
  const touched = new Set<Y.XmlElement>();
  const walk = (type: Y.AbstractType<any>) => {
    for (let item = type._start; item; item = item.right) visit(item);
    for (const item of type._map.values()) visit(item);
  };
  const visit = (item: Y.Item) => {
    if (item.deleted) return;
    const problem = problemOf(item, fragment, touched);
    if (problem) problems.add(problem);
    if (item.content instanceof Y.ContentType) walk(item.content.type);
  };
  walk(fragment);
  for (const block of touched) {
    const problem = blockProblem(block);
    if (problem) problems.add(problem);
  }
  return [...problems];
}
