import { createHash } from "node:crypto";
import { getSchema, type JSONContent } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { renderToHTMLString } from "@tiptap/static-renderer/pm/html-string";
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import type { Token, Tokens } from "marked";
import * as Y from "yjs";
import { lexMarkdown } from "../domain/markdown.js";

/** The name of the XmlFragment the editor binds to (TipTap's Collaboration default). */
export const FRAGMENT = "default";

/**
 * The editor's document model. It must match the browser editor's extensions
 * (app/components/editor/extensions.ts); a unit test compares the two schemas.
 */
export const SERVER_EXTENSIONS = [StarterKit.configure({ undoRedo: false, link: { openOnClick: false } })];
export const schema = getSchema(SERVER_EXTENSIONS);

const SAFE_HREF = /^(https?:|mailto:|#|\/(?!\/))/i;

/** The section's content as ProseMirror JSON. */
export function docToJson(doc: Y.Doc): JSONContent {
  return yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(FRAGMENT)) as JSONContent;
}

// Drafters can paste any link; readers must never get a javascript: URL.
function withSafeLinks(node: JSONContent): JSONContent {
  return {
    ...node,
    ...(node.marks ? { marks: node.marks.filter((m) => m.type !== "link" || SAFE_HREF.test(String(m.attrs?.href ?? "").trim())) } : {}),
    ...(node.content ? { content: node.content.map(withSafeLinks) } : {}),
  };
}

/** Server-rendered HTML of the section (text escaped, links limited to safe schemes). */
export function docToHtml(doc: Y.Doc): string {
  const json = docToJson(doc);
  if (!json.content || json.content.length === 0) return "";
  return renderToHTMLString({ extensions: SERVER_EXTENSIONS, content: withSafeLinks(json) });
}

const CONTAINERS = new Set(["doc", "bulletList", "orderedList", "blockquote", "listItem"]);

/** Plain text: blocks separated by blank lines, inline content run together. */
export function jsonToText(node: JSONContent): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return "\n";
  const inner = (node.content ?? []).map(jsonToText);
  return CONTAINERS.has(node.type ?? "") ? inner.filter((s) => s.length > 0).join("\n\n") : inner.join("");
}

export function docToText(doc: Y.Doc): string {
  return jsonToText(docToJson(doc));
}

/**
 * A hash of the content itself (not of Yjs's encoding, which depends on how a
 * state was assembled), so a replay of the history can be checked against it.
 */
export function contentHash(doc: Y.Doc): string {
  return createHash("sha256").update(JSON.stringify(docToJson(doc))).digest("hex");
}

/**
 * contentHash for a document that changes a little at a time (a replay of its
 * history): each top-level block's JSON is kept until a transaction touches
 * it, so a step costs the changed block, not the whole section. The result is
 * exactly contentHash(doc); a unit test holds the two together.
 */
export class IncrementalContentHash {
  private readonly blocks = new WeakMap<object, string>();
  private readonly fragment: Y.XmlFragment;

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
    const parts = this.fragment.toArray().map((block) => {
      let json = this.blocks.get(block);
      if (json === undefined) {
        // The same serialiser as docToJson, one block at a time.
        const one = yXmlFragmentToProsemirrorJSON({ toArray: () => [block] } as unknown as Y.XmlFragment) as JSONContent;
        json = JSON.stringify(one.content![0]);
        this.blocks.set(block, json);
      }
      return json;
    });
    return createHash("sha256").update(`{"type":"doc","content":[${parts.join(",")}]}`).digest("hex");
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

// Markdown → ProseMirror JSON, straight from marked's tokens, so no DOM is needed on the server.

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
        const safe = SAFE_HREF.test(link.href.trim());
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
      case "hr":
        out.push({ type: "horizontalRule" });
        break;
      case "table": {
        const table = t as Tokens.Table;
        for (const row of [table.header, ...table.rows]) {
          out.push(paragraph(row.flatMap((cell, i) => [...(i > 0 ? [text(" | ", [])] : []), ...inline(cell.tokens)])));
        }
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
