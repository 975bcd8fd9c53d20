/**
 * How a section's structure reads as plain text. Comment anchors, quotes,
 * diffs and frozen versions are all offsets into this text, so every walker
 * (the Yjs one in server/collab/text-model.ts, the JSON one here, the
 * attributed one in server/history, the frozen-version renderer in app/)
 * must apply exactly these rules:
 *
 * - The root (the Yjs fragment, or the JSON `doc` at the top) holds blocks.
 * - A container block's children are blocks; any other block is a leaf whose
 *   inline content (text, and "\n" for a hard break) runs together.
 * - Blocks are joined by a blank line; a block with no text takes no room,
 *   not even its separator. A table is a container of rows, a row of cells,
 *   a cell of blocks: its cells read in order, a blank line apart.
 * - An inline node other than a hard break (a footnote) takes no room.
 *
 * Only the root is a container by position: a node *named* `doc` inside it is
 * a leaf like any unknown node. Stored anchors were computed by the Yjs walker
 * (`flatten`), which has always worked this way.
 */

/** Nodes whose children are blocks. */
export const CONTAINER_BLOCKS = ["bulletList", "orderedList", "blockquote", "listItem", "table", "tableRow", "tableHeader", "tableCell"] as const;
export type ContainerBlock = (typeof CONTAINER_BLOCKS)[number];

const CONTAINERS: ReadonlySet<string> = new Set(CONTAINER_BLOCKS);

export function isContainerBlock(name: string | undefined): name is ContainerBlock {
  return name !== undefined && CONTAINERS.has(name);
}

/** What separates two blocks in the plain text. */
export const BLOCK_JOIN = "\n\n";

/** The inline node that stands for a line break, and the text it reads as. */
export const HARD_BREAK = "hardBreak";
export const HARD_BREAK_TEXT = "\n";

/** Blocks' texts joined as the plain text joins them (empty blocks take no room). */
export function joinBlocks(texts: readonly string[]): string {
  return texts.filter((s) => s.length > 0).join(BLOCK_JOIN);
}

/** The part of ProseMirror JSON the plain text depends on (TipTap's JSONContent fits it). */
export interface TextNode {
  type?: string;
  text?: string;
  content?: TextNode[];
}

/** The plain text of one block (a container's blocks joined, a leaf's inline content run together). */
export function blockText(node: TextNode): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === HARD_BREAK) return HARD_BREAK_TEXT;
  const inner = (node.content ?? []).map(blockText);
  return isContainerBlock(node.type) ? joinBlocks(inner) : inner.join("");
}

/** The plain text of a whole document: the root's children as blocks, whatever the root is called. */
export function docText(root: TextNode): string {
  return joinBlocks((root.content ?? []).map(blockText));
}
