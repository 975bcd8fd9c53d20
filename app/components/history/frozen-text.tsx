import { Fragment, type ReactNode } from "react";
import { isSafeHref } from "../../../common/safe-url.js";
import { BLOCK_JOIN, HARD_BREAK, HARD_BREAK_TEXT, blockText, isContainerBlock } from "../../../common/text-blocks.js";

/** ProseMirror JSON as stored in a version (see server/collab/content.ts). */
export interface PmNode {
  type?: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  content?: PmNode[];
}

export interface Highlight {
  id: string;
  start: number;
  end: number;
  label: string;
}

function withMarks(node: PmNode, children: ReactNode, key: string): ReactNode {
  let out = children;
  for (const m of node.marks ?? []) {
    if (m.type === "bold") out = <strong key={key}>{out}</strong>;
    else if (m.type === "italic") out = <em key={key}>{out}</em>;
    else if (m.type === "strike") out = <s key={key}>{out}</s>;
    else if (m.type === "underline") out = <u key={key}>{out}</u>;
    else if (m.type === "code") out = <code key={key}>{out}</code>;
    else if (m.type === "link") {
      const href = String(m.attrs?.href ?? "").trim();
      out = isSafeHref(href) ? <a key={key} href={href} rel="nofollow noopener">{out}</a> : out;
    }
  }
  return out;
}

/**
 * Renders a frozen version's content read-only, marking comment passages by
 * their offsets in its plain text (counted by the rules of common/text-blocks.ts).
 */
export function FrozenText({ content, highlights }: { content: PmNode; highlights: Highlight[] }) {
  let offset = 0;
  const renderText = (node: PmNode, key: string): ReactNode => {
    const text = node.text ?? "";
    const start = offset;
    offset += text.length;
    const cuts = new Set([0, text.length]);
    for (const h of highlights) {
      if (h.end > start && h.start < start + text.length) {
        cuts.add(Math.max(0, h.start - start));
        cuts.add(Math.min(text.length, h.end - start));
      }
    }
    const points = [...cuts].sort((a, b) => a - b);
    const parts: ReactNode[] = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i]!;
      const b = points[i + 1]!;
      const piece = text.slice(a, b);
      const h = highlights.find((x) => x.start <= start + a && start + b <= x.end);
      parts.push(
        h ? (
          <a key={i} href={`#note-${h.id}`} className="anchor" title={h.label}>
            {piece}
          </a>
        ) : (
          piece
        ),
      );
    }
    // Keyed: a block's children are an array (React warns, and tests fail on console.error, otherwise).
    return withMarks(node, <Fragment key={key}>{parts}</Fragment>, key);
  };
  const render = (node: PmNode, key: string, root = false): ReactNode => {
    if (node.type === "text") return renderText(node, key);
    if (node.type === HARD_BREAK) {
      offset += HARD_BREAK_TEXT.length;
      return <br key={key} />;
    }
    const kids: ReactNode[] = [];
    const children = node.content ?? [];
    if (root || isContainerBlock(node.type)) {
      let first = true;
      children.forEach((child, i) => {
        if (blockText(child).length === 0) {
          kids.push(render(child, `${key}.${i}`));
          return;
        }
        if (!first) offset += BLOCK_JOIN.length;
        first = false;
        kids.push(render(child, `${key}.${i}`));
      });
    } else {
      children.forEach((child, i) => kids.push(render(child, `${key}.${i}`)));
    }
    if (root) return <>{kids}</>;
    switch (node.type) {
      case "paragraph":
        return <p key={key}>{kids}</p>;
      case "heading": {
        const level = Math.min(6, Math.max(2, Number(node.attrs?.level ?? 2) + 1));
        const Tag = `h${level}` as "h3";
        return <Tag key={key}>{kids}</Tag>;
      }
      case "bulletList":
        return <ul key={key}>{kids}</ul>;
      case "orderedList":
        return <ol key={key}>{kids}</ol>;
      case "listItem":
        return <li key={key}>{kids}</li>;
      case "blockquote":
        return <blockquote key={key}>{kids}</blockquote>;
      case "codeBlock":
        return <pre key={key}>{kids}</pre>;
      case "horizontalRule":
        return <hr key={key} />;
      default:
        return <div key={key}>{kids}</div>;
    }
  };
  return <>{render(content, "r", true)}</>;
}
