import type { JSONContent } from "@tiptap/core";
import type { Token, Tokens } from "marked";
import { isSafeHref } from "../../common/safe-url.js";
import { FOOTNOTE, FOOTNOTE_TEXT_MAX } from "../../common/editor-schema.js";
import { lexMarkdown, type FootnoteDefinitionToken, type FootnoteRefToken } from "../text/markdown.js";

// Markdown → ProseMirror JSON (the editor's model), straight from marked's tokens,
// so no DOM is needed on the server. Imports and seeds go through it.

type Mark = NonNullable<JSONContent["marks"]>[number];

/**
 * How deeply tokensToJson follows nested tokens (quotes, lists, emphasis).
 * Imports are refused well before this (MARKDOWN_MAX_NESTING); past it, the
 * rest of a token is kept as its source text instead of recursing further.
 */
export const TOKENS_MAX_DEPTH = 64;

function rawText(t: Token): string {
  return "raw" in t ? String(t.raw) : "";
}

function inline(tokens: Token[] | undefined, marks: Mark[] = [], depth = 0): JSONContent[] {
  const out: JSONContent[] = [];
  for (const t of tokens ?? []) {
    if (depth >= TOKENS_MAX_DEPTH && "tokens" in t && t.tokens && t.tokens.length > 0) {
      out.push(text(rawText(t), marks));
      continue;
    }
    switch (t.type) {
      case "strong":
        out.push(...inline((t as Tokens.Strong).tokens, [...marks, { type: "bold" }], depth + 1));
        break;
      case "em":
        out.push(...inline((t as Tokens.Em).tokens, [...marks, { type: "italic" }], depth + 1));
        break;
      case "del":
        out.push(...inline((t as Tokens.Del).tokens, [...marks, { type: "strike" }], depth + 1));
        break;
      case "codespan":
        out.push(text((t as Tokens.Codespan).text, [...marks, { type: "code" }]));
        break;
      case "link": {
        const link = t as Tokens.Link;
        const safe = isSafeHref(link.href);
        out.push(...inline(link.tokens, safe ? [...marks, { type: "link", attrs: { href: link.href.trim() } }] : marks, depth + 1));
        break;
      }
      case "br":
        out.push({ type: "hardBreak" });
        break;
      case "image":
        out.push(text((t as Tokens.Image).text, marks));
        break;
      case "text":
        if ("tokens" in t && t.tokens && t.tokens.length > 0) out.push(...inline(t.tokens, marks, depth + 1));
        else out.push(text(decodeEntities((t as Tokens.Text).text), marks));
        break;
      case "escape":
        out.push(text((t as Tokens.Escape).text, marks));
        break;
      case "footnoteRef": {
        const ref = t as unknown as FootnoteRefToken;
        out.push(ref.note === undefined ? text(ref.raw, marks) : { type: FOOTNOTE, attrs: { text: ref.note.slice(0, FOOTNOTE_TEXT_MAX) } });
        break;
      }
      default:
        out.push(text("raw" in t ? String(t.raw) : "", marks));
    }
  }
  return out.filter((n) => n.type !== "text" || (n.text ?? "").length > 0);
}

function decodeEntities(s: string): string {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}

function text(s: string, marks: Mark[]): JSONContent {
  return marks.length > 0 ? { type: "text", text: s, marks } : { type: "text", text: s };
}

function paragraph(content: JSONContent[]): JSONContent {
  return content.length > 0 ? { type: "paragraph", content } : { type: "paragraph" };
}

function blocks(tokens: Token[], depth = 0): JSONContent[] {
  const out: JSONContent[] = [];
  for (const t of tokens) {
    if (depth >= TOKENS_MAX_DEPTH && (t.type === "blockquote" || t.type === "list")) {
      if (rawText(t).trim()) out.push(paragraph([text(rawText(t).trim(), [])]));
      continue;
    }
    switch (t.type) {
      case "space":
        break;
      case "heading": {
        const h = t as Tokens.Heading;
        out.push({ type: "heading", attrs: { level: Math.min(6, Math.max(1, h.depth)) }, content: inline(h.tokens) });
        break;
      }
      case "paragraph":
        out.push(paragraph(inline((t as Tokens.Paragraph).tokens)));
        break;
      case "text":
        out.push(paragraph(inline("tokens" in t && t.tokens ? t.tokens : [t])));
        break;
      case "blockquote": {
        const inner = blocks((t as Tokens.Blockquote).tokens, depth + 1);
        out.push({ type: "blockquote", content: inner.length > 0 ? inner : [paragraph([])] });
        break;
      }
      case "list": {
        const list = t as Tokens.List;
        const items = list.items.map((item) => {
          const inner = blocks(item.tokens, depth + 1);
          return { type: "listItem", content: inner.length > 0 ? inner : [paragraph([])] };
        });
        out.push(list.ordered ? { type: "orderedList", attrs: { start: Number(list.start) || 1 }, content: items } : { type: "bulletList", content: items });
        break;
      }
      case "code": {
        const code = (t as Tokens.Code).text;
        out.push(code ? { type: "codeBlock", content: [{ type: "text", text: code }] } : { type: "codeBlock" });
        break;
      }
      case "footnoteDefinition": {
        // A used definition lives on in its references; an unused one stays as the text it was.
        const def = t as unknown as FootnoteDefinitionToken;
        if (!def.used) out.push(paragraph([text(def.raw.trim(), [])]));
        break;
      }
      case "hr":
        out.push({ type: "horizontalRule" });
        break;
      case "table": {
        const table = t as Tokens.Table;
        const row = (cells: Tokens.TableCell[], type: string): JSONContent => ({
          type: "tableRow",
          content: cells.map((cell, i) => {
            const align = table.align[i];
            return { type, ...(align ? { attrs: { align } } : {}), content: [paragraph(inline(cell.tokens))] };
          }),
        });
        out.push({ type: "table", content: [row(table.header, "tableHeader"), ...table.rows.map((r) => row(r, "tableCell"))] });
        break;
      }
      default:
        // Raw HTML and anything unknown is kept as visible text, never as markup.
        if ("raw" in t && String(t.raw).trim()) out.push(paragraph([text(String(t.raw).trim(), [])]));
    }
  }
  return out;
}

/** ProseMirror JSON for Markdown tokens (a section body). */
export function tokensToJson(tokens: Token[]): JSONContent {
  return { type: "doc", content: blocks(tokens) };
}

/** ProseMirror JSON for a Markdown string. */
export function markdownToJson(markdown: string): JSONContent {
  return tokensToJson(lexMarkdown(markdown));
}
