import { describe, expect, it } from "vitest";
import { atomXml, type AtomFeed } from "./atom.js";

const feed = (title: string): AtomFeed => ({
  id: "tag:margin.example,2026-01-01:consultation/a",
  lang: "ja",
  title: { text: title },
  subtitle: { text: "s", lang: "en" },
  updated: "2026-01-01T00:00:00.000Z",
  links: [{ rel: "self", type: "application/atom+xml", href: "https://margin.example/c/a/feed.atom?x=1&y=\"2\"" }],
  authors: [{ name: "Office & <Co>" }],
  entries: [],
});

describe("atomXml", () => {
  it("escapes plain text once, so `&amp;` and `<x>` reach a reader as written", () => {
    const xml = atomXml(feed("第1版 <x>&amp; ]]>"));
    expect(xml).toContain('<title type="text">第1版 &lt;x&gt;&amp;amp; ]]&gt;</title>');
    expect(xml).toContain("<name>Office &amp; &lt;Co&gt;</name>");
    expect(xml).toContain('href="https://margin.example/c/a/feed.atom?x=1&amp;y=&quot;2&quot;"');
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ja">');
    expect(xml).toContain('<subtitle type="text" xml:lang="en">s</subtitle>');
  });

  it("drops characters XML cannot carry, keeping the rest of the text", () => {
    const xml = atomXml(feed("a\u0001b\u0000c\uFFFEd\uD800e😀f\tg"));
    expect(xml).toContain('<title type="text">abcde😀f\tg</title>');
  });
});
