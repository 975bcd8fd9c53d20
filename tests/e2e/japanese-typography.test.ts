import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { e2eAvailable, e2eEnvironment, signedInPage, watchErrors } from "../helpers/browser.js";

const PASSWORD = "demo-password-1";
const LONG_URL = "https://www.example.go.jp/policy/ai/guideline/2027/annex/evaluation-and-risk-management-procedures-for-business-operators.html";

/** A Japanese draft with what Japanese typesetting must handle: small kana, brackets, full-width punctuation, Latin words, a long URL. */
const DRAFT = `# 生成AIの利用に関する指針（案）

本指針は、事業者が生成AIを安全に利用するための基本的な考え方を示すものです。

## 第1章 基本的な考え方

事業者は、「人間中心」の原則に従い、AIシステムの開発・提供・利用の各段階において、リスクを適切に評価し、管理しなければならない。ChatGPT や Gemini などの大規模言語モデル（LLM）を業務に用いる場合は、出力の正確性を確認する体制を整えること。参考資料は ${LONG_URL} に掲載している。
`;

/** The font Chromium actually drew a node's text with (DevTools' "Rendered fonts"), by family name. */
async function renderedFonts(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("DOM.enable");
  await cdp.send("CSS.enable");
  const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
  const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
  await cdp.detach();
  return fonts.map((f) => f.familyName);
}

/**
 * Whether `text` is drawn, in `selector`'s font, differently from a code point no font
 * has (which every font stack ends in a missing-glyph box for): a kana drawn as that box
 * draws the same pixels.
 */
function drawnUnlikeMissingGlyph(page: Page, selector: string, text: string): Promise<boolean> {
  return page.evaluate(
    ({ selector, text }) => {
      const font = getComputedStyle(document.querySelector(selector)!).font;
      const draw = (s: string) => {
        const canvas = document.createElement("canvas");
        canvas.width = 200;
        canvas.height = 60;
        const ctx = canvas.getContext("2d")!;
        ctx.font = font.replace(/\d+(\.\d+)?px(\s*\/\s*[\d.]+(px)?)?/, "32px");
        ctx.fillText(s, 10, 40);
        return Array.from(ctx.getImageData(0, 0, 200, 60).data).join(",");
      };
      return draw(text) !== draw("\u{10FFFD}");
    },
    { selector, text },
  );
}

/**
 * Issue 15, item 4: Japanese pages in Chromium with fonts-noto-cjk (installed by .ci/run):
 * a Japanese font draws the text (no boxes), strict line breaking, a long URL wraps on a
 * phone, headings set proportionally, ruby sits above its base; English pages unchanged.
 */
describe.runIf(e2eAvailable())("Japanese typography in Chromium", () => {
  const e2e = e2eEnvironment({ SEED_DEMO: "1", DEMO_REQUESTS: "1", DEMO_PASSWORD: PASSWORD });

  /** Imports the Japanese draft as the convener and opens it; its first section's path. */
  async function japaneseSection(): Promise<string> {
    const { page } = await signedInPage(e2e.browser, e2e.server.url, "convener@example.org", PASSWORD);
    const origin = { origin: e2e.server.url };
    const imported = await page.request.post(`${e2e.server.url}/consultations/import`, {
      headers: origin,
      multipart: { file: { name: "shishin.md", mimeType: "text/markdown", buffer: Buffer.from(DRAFT) } },
      maxRedirects: 0,
    });
    expect(imported.status()).toBe(302);
    const slug = /^\/c\/([^/]+)\/settings$/.exec(imported.headers().location ?? "")![1]!;
    const opened = await page.request.post(`${e2e.server.url}/c/${slug}/settings`, { headers: origin, form: { intent: "phase", to: "open", confirm: "yes" }, maxRedirects: 0 });
    expect(opened.status()).toBe(302);
    const c = (await (await page.request.get(`${e2e.server.url}/api/v1/consultations/${slug}`)).json()) as { contentLanguage: string; sections: { id: string }[] };
    expect(c.contentLanguage).toBe("ja");
    await page.context().close();
    return `/c/${slug}/s/${c.sections[0]!.id}`;
  }

  it("draws a Japanese section with a Japanese font, strict line breaks and wrapping URLs, on a phone and a desktop", async () => {
    const path = await japaneseSection();
    for (const viewport of [
      { width: 360, height: 780 },
      { width: 1280, height: 900 },
    ]) {
      const context = await e2e.browser.newContext({ viewport });
      await context.addCookies([{ name: "margin_lang", value: "ja", url: e2e.server.url }]);
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${e2e.server.url}${path}`);
      // Readers get the reader view (no editor): measure its paragraphs, once the page's scripts run.
      const paragraph = '[data-testid="section-text"][data-ready] p';
      await page.locator(paragraph).filter({ hasText: "人間中心" }).first().waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("ja");

      const style = await page.locator(paragraph).first().evaluate((p) => {
        const s = getComputedStyle(p);
        return { lineBreak: s.lineBreak, wordBreak: s.wordBreak, lineHeight: parseFloat(s.lineHeight) / parseFloat(s.fontSize), fontFamily: s.fontFamily };
      });
      expect(style.lineBreak).toBe("strict");
      expect(style.wordBreak).toBe("normal");
      expect(style.lineHeight).toBeGreaterThanOrEqual(1.7);
      expect(style.fontFamily).toContain("Noto Sans CJK JP");

      // The text is drawn by a Japanese font, not a missing-glyph box.
      const fonts = await renderedFonts(page, paragraph);
      expect(fonts.some((f) => /CJK JP|Noto Sans JP|Hiragino|Yu Gothic|Meiryo/.test(f)), fonts.join(", ")).toBe(true);
      expect(await drawnUnlikeMissingGlyph(page, paragraph, "あ")).toBe(true);
      expect(await drawnUnlikeMissingGlyph(page, paragraph, "漢")).toBe(true);

      // Nothing runs off the side: the long URL wraps instead.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      // Beside the editor (which owns its own DOM), a paragraph as wide as its text, with a link and with ruby.
      const probe = await page.evaluate((u) => {
        const text = document.querySelector('[data-testid="section-text"][data-ready] p')!;
        const box = document.createElement("p");
        box.style.width = `${text.clientWidth}px`;
        box.innerHTML = `参考：<a href="${u}">${u}</a>。<ruby>指針<rp>（</rp><rt>ししん</rt><rp>）</rp></ruby>を参照。`;
        document.querySelector("main")!.append(box);
        const a = box.querySelector("a")!;
        const ruby = box.querySelector("ruby")!;
        const rt = box.querySelector("rt")!;
        const base = ruby.getBoundingClientRect();
        const over = rt.getBoundingClientRect();
        return {
          wrap: getComputedStyle(a).overflowWrap,
          fits: box.scrollWidth <= box.clientWidth,
          rubyAbove: over.bottom <= base.top + base.height / 2,
          rubySmaller: parseFloat(getComputedStyle(rt).fontSize) < parseFloat(getComputedStyle(ruby).fontSize),
        };
      }, LONG_URL);
      expect(probe).toEqual({ wrap: "anywhere", fits: true, rubyAbove: true, rubySmaller: true });

      // Headings are set proportionally.
      expect(await page.locator("h1").first().evaluate((h) => getComputedStyle(h).fontFeatureSettings)).toContain("palt");
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it("leaves an English page's text in its Latin font, with the browser's usual line breaking", async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const s = (await (await page.request.get(`${e2e.server.url}/api/v1/consultations/ai-guideline`)).json()) as { sections: { id: string }[] };
    await page.goto(`${e2e.server.url}/c/ai-guideline/s/${s.sections[0]!.id}`);
    await page.locator('[data-testid="section-text"][data-ready] p').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    const style = await page
      .locator('[data-testid="section-text"][data-ready] p')
      .first()
      .evaluate((p) => ({ lineBreak: getComputedStyle(p).lineBreak, lineHeight: getComputedStyle(p).lineHeight, fontSize: getComputedStyle(p).fontSize }));
    expect(style.lineBreak).toBe("auto");
    expect(parseFloat(style.lineHeight) / parseFloat(style.fontSize)).toBeCloseTo(1.55, 2);
    const fonts = await renderedFonts(page, '[data-testid="section-text"][data-ready] p');
    expect(fonts.some((f) => /CJK/.test(f)), fonts.join(", ")).toBe(false);
    await context.close();
  });
});
