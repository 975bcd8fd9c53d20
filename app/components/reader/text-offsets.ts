/**
 * DOM points in the reader view ↔ offsets in the section's plain text. Every
 * text block the view renders carries `data-start` (its first character's
 * offset, by the rules of common/text-blocks.ts) and `data-length`; inside a
 * block only the text's own characters are text nodes, and a hard break is a
 * <br> that reads as one "\n". Highlights and marks add elements, never text.
 */

const BLOCK = "[data-start]";

function blockBounds(el: Element): { start: number; end: number } {
  const start = Number(el.getAttribute("data-start"));
  return { start, end: start + Number(el.getAttribute("data-length")) };
}

/** Characters of `block`'s text before the point (node, offset) inside it. */
function charsBefore(block: Element, node: Node, offset: number): number {
  const range = block.ownerDocument.createRange();
  range.selectNodeContents(block);
  range.setEnd(node, offset);
  let n = range.toString().length;
  for (const br of block.querySelectorAll("br")) if (range.intersectsNode(br)) n += 1;
  return n;
}

/**
 * The plain-text offset of a DOM point. A point between blocks (or outside the
 * text) counts as the start of the next block when it begins a range, and as
 * the end of the previous one when it ends it.
 */
export function offsetOfPoint(root: Element, node: Node, offset: number, side: "start" | "end"): number | null {
  const holder = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  const block = holder?.closest(BLOCK);
  if (block && root.contains(block)) return blockBounds(block).start + charsBefore(block, node, offset);
  const point = root.ownerDocument.createRange();
  point.setStart(node, offset);
  const blocks = [...root.querySelectorAll(BLOCK)];
  if (side === "start") {
    const next = blocks.find((b) => point.comparePoint(b, 0) > 0);
    return next ? blockBounds(next).start : null;
  }
  const previous = blocks.filter((b) => point.comparePoint(b, b.childNodes.length) < 0).pop();
  return previous ? blockBounds(previous).end : null;
}

/** The plain-text range a DOM range covers, or null when it holds none of the text. */
export function offsetsOfRange(root: Element, range: Range): { start: number; end: number } | null {
  if (range.collapsed) return null;
  const start = offsetOfPoint(root, range.startContainer, range.startOffset, "start");
  const end = offsetOfPoint(root, range.endContainer, range.endOffset, "end");
  return start === null || end === null || end <= start ? null : { start, end };
}

/** The plain-text range of one block (a paragraph, a heading, a list item's paragraph). */
export function offsetsOfBlock(block: Element): { start: number; end: number } {
  return blockBounds(block);
}
