// Atom (RFC 4287) written by hand: the `feed` package sends every entry title as
// type="html" inside CDATA and unescapes "&amp;" in the feed's own title, so a
// plain-text name such as `第1版 <x>&amp;` could not reach a reader as written
// (ADR 036). Every text construct here is type="text", escaped once.

/** A person construct (§3.2): a name, and where to find out more. */
export interface AtomPerson {
  name: string;
  uri?: string;
}

/** A plain-text construct and the language its words are in, when it differs from the enclosing one. */
export interface AtomText {
  text: string;
  lang?: string;
}

export interface AtomLink {
  href: string;
  rel?: "alternate" | "self" | "related" | "via";
  type?: string;
}

export interface AtomEntry {
  id: string;
  title: AtomText;
  /** ISO 8601 with a time zone. */
  updated: string;
  links: AtomLink[];
  authors: AtomPerson[];
  content: AtomText;
  categories: string[];
}

export interface AtomFeed {
  id: string;
  /** The feed's `xml:lang`: the language its text is in unless an element says otherwise. */
  lang: string;
  title: AtomText;
  subtitle: AtomText;
  updated: string;
  links: AtomLink[];
  authors: AtomPerson[];
  entries: AtomEntry[];
}

// Characters XML 1.0 cannot carry at all (controls, lone surrogates, U+FFFE/U+FFFF): dropped, so the feed stays well-formed.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text for element content: the three characters markup gives meaning to, escaped. */
function xmlText(s: string): string {
  return s.replace(NOT_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Text for a double-quoted attribute value. */
function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, "&quot;");
}

const langAttr = (lang: string | undefined) => (lang ? ` xml:lang="${xmlAttr(lang)}"` : "");

function textElement(name: string, t: AtomText, indent: string): string {
  return `${indent}<${name} type="text"${langAttr(t.lang)}>${xmlText(t.text)}</${name}>`;
}

function linkElement(l: AtomLink, indent: string): string {
  return `${indent}<link${l.rel ? ` rel="${l.rel}"` : ""}${l.type ? ` type="${xmlAttr(l.type)}"` : ""} href="${xmlAttr(l.href)}"/>`;
}

function personElement(p: AtomPerson, indent: string): string {
  const uri = p.uri ? `<uri>${xmlText(p.uri)}</uri>` : "";
  return `${indent}<author><name>${xmlText(p.name)}</name>${uri}</author>`;
}

/** The feed as an XML document (UTF-8). */
export function atomXml(feed: AtomFeed): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom"${langAttr(feed.lang)}>`,
    `  <id>${xmlText(feed.id)}</id>`,
    textElement("title", feed.title, "  "),
    textElement("subtitle", feed.subtitle, "  "),
    `  <updated>${xmlText(feed.updated)}</updated>`,
    ...feed.links.map((l) => linkElement(l, "  ")),
    ...feed.authors.map((p) => personElement(p, "  ")),
    "  <generator>Margin</generator>",
  ];
  for (const e of feed.entries) {
    lines.push(
      "  <entry>",
      `    <id>${xmlText(e.id)}</id>`,
      textElement("title", e.title, "    "),
      `    <updated>${xmlText(e.updated)}</updated>`,
      ...e.links.map((l) => linkElement(l, "    ")),
      ...e.authors.map((p) => personElement(p, "    ")),
      ...e.categories.map((c) => `    <category term="${xmlAttr(c)}"/>`),
      textElement("content", e.content, "    "),
      "  </entry>",
    );
  }
  lines.push("</feed>");
  return `${lines.join("\n")}\n`;
}
