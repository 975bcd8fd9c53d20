import type { ReactNode } from "react";

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

const CONTAINERS = new Set(["doc", "bulletList", "orderedList", "blockquote", "listItem"]);
const SAFE_HREF = /^(https?:|mailto:|#|\/(?!\/))/i;

/** Plain-text length with the same rules as the server's jsonToText (anchor offsets depend on it). */
function textOf(node: PmNode): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return "\n";
  const inner = (node.content ?? []).map(textOf);
  return CONTAINERS.has(node.type ?? "") ? inner.filter((s) => s.length > 0).join("\n\n") : inner.join("");
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
      out = SAFE_HREF.test(href) ? <a key={key} href={href} rel="nofollow noopener">{out}</a> : out;
    }
  }
  return out;
}

/**
 * Renders a frozen version's content read-only, marking comment passages by
 * their offsets in its plain text.
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
    return withMarks(node, <>{parts}</>, key);
  };
  const render = (node: PmNode, key: string): ReactNode => {
    if (node.type === "text") return renderText(node, key);
    if (node.type === "hardBreak") {
      offset += 1;
      return <br key={key} />;
    }
    const kids: ReactNode[] = [];
    const children = node.content ?? [];
    if (CONTAINERS.has(node.type ?? "")) {
      let first = true;
      children.forEach((child, i) => {
        if (textOf(child).length === 0) {
          kids.push(render(child, `${key}.${i}`));
          return;
        }
        if (!first) offset += 2;
        first = false;
        kids.push(render(child, `${key}.${i}`));
      });
    } else {
      children.forEach((child, i) => kids.push(render(child, `${key}.${i}`)));
    }
    switch (node.type) {
      case "doc":
        return <>{kids}</>;
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
  return <>{render(content, "r")}</>;
}
