import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { parse } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { e2eAvailable, e2eEnvironment, signedInPage } from "../helpers/browser.js";

const PASSWORD = "demo-password-1";
const SECTION = /Public procurement of AI/;
const TEXT = '[data-testid="section-text"]';
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

interface ApiComment {
  body: string;
  anchor: { start: number; end: number; quote: { exact: string } } | null;
}

/** Choosing a passage in the reader view (no editor): by keyboard, by the actions beside a selection, and as the editor would. */
describe.runIf(e2eAvailable())("choosing a passage in the reader view in Chromium", () => {
  const e2e = e2eEnvironment({ SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000" });

  async function openSection(email: string): Promise<{ page: Page; errors: string[]; sectionId: string }> {
    const { page, errors } = await signedInPage(e2e.browser, e2e.server.url, email, PASSWORD);
    await page.goto(`${e2e.server.url}/c/ai-guideline`);
    await page.getByRole("link", { name: SECTION }).click();
    await page.locator('[data-testid="section-text"][data-ready], [data-testid="connection-status"]:has-text("Live")').first().waitFor();
    return { page, errors, sectionId: new URL(page.url()).pathname.split("/").at(-1)! };
  }

  /** Presses Tab until a paragraph of the text has focus (failing if none does within `max` presses); returns its text. */
  async function tabToParagraph(page: Page, max = 60): Promise<string> {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press("Tab");
      const text = await page.evaluate((sel) => {
        const el = document.activeElement;
        return el && el.closest(sel) && el.matches("[data-start]") ? el.textContent : null;
      }, TEXT);
      if (text) return text;
    }
    throw new Error(`no paragraph of the text reached in ${max} presses of Tab`);
  }

  const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent || null);
  const hiddenQuote = (page: Page) =>
    page.evaluate(() => {
      const value = (name: string) => (document.querySelector(`input[name="${name}"]`) as HTMLInputElement).value;
      return { exact: value("quoteExact"), prefix: value("quotePrefix"), suffix: value("quoteSuffix"), start: value("quoteStart") };
    });

  async function comments(sectionId: string): Promise<ApiComment[]> {
    return ((await (await fetch(`${e2e.server.url}/api/v1/sections/${sectionId}/comments`)).json()) as { items: ApiComment[] }).items;
  }

  it("reaches a paragraph with Tab, comments on it with Enter, and anchors the comment to that paragraph", async () => {
    const { page, errors, sectionId } = await openSection("civil@example.org");
    // The text is no text box: nothing claims a role it cannot honour.
    expect(await page.getByRole("textbox", { name: /Text of/ }).count()).toBe(0);
    const paragraph = await tabToParagraph(page);
    expect(paragraph.length).toBeGreaterThan(20);
    // The paragraph's actions appear beside it; Enter chooses it.
    await page.getByRole("group", { name: "Actions on the passage" }).getByRole("button", { name: "Comment on this paragraph" }).waitFor();
    await page.keyboard.press("Enter");
    await page.locator("#quote-hint q").waitFor();
    expect((await hiddenQuote(page)).exact).toBe(paragraph);
    expect(await focusedId(page)).toBe("body");
    const body = "The whole paragraph needs a definition of public bodies (keyboard).";
    await page.keyboard.type(body);
    await page.getByRole("button", { name: "Post comment" }).click();
    await page.getByRole("status").filter({ hasText: "Your comment is posted" }).waitFor();

    const posted = (await comments(sectionId)).find((c) => c.body === body);
    expect(posted?.anchor?.quote.exact).toBe(paragraph);
    // Marked in the reader's text, where the paragraph is.
    await page.locator(`${TEXT} mark.anchor`).filter({ hasText: paragraph }).first().waitFor();
    expect(errors).toEqual([]);
  });

  it("chooses a paragraph on a screen reader's Enter in browse mode (a click with no pointer), never on a mouse click", async () => {
    const { page, errors } = await openSection("industry@example.org");
    const first = page.locator(`${TEXT} p`).first();
    await first.click();
    // A mouse click only places the caret: no passage is chosen, focus stays in the text.
    expect((await hiddenQuote(page)).exact).toBe("");
    const paragraph = await tabToParagraph(page);
    await page.evaluate(() => document.activeElement!.dispatchEvent(new MouseEvent("click", { bubbles: true, detail: 0 })));
    await page.waitForFunction(() => document.activeElement?.id === "body");
    expect((await hiddenQuote(page)).exact).toBe(paragraph);
    expect(errors).toEqual([]);
  });

  it("selects words with Shift and the arrows, reaches the actions with Tab, dismisses them with Escape, and suggests a change", async () => {
    const { page, errors } = await openSection("industry@example.org");
    const paragraph = await tabToParagraph(page);
    const words = paragraph.split(" ").slice(0, 3).join(" ");
    // Shift+Arrow starts a selection at the paragraph's edge; Ctrl+Shift+Arrow extends it by words.
    await page.keyboard.press("Shift+ArrowRight");
    await page.keyboard.press("Control+Shift+ArrowRight");
    await page.keyboard.press("Control+Shift+ArrowRight");
    await page.keyboard.press("Control+Shift+ArrowRight");
    expect(await page.evaluate(() => getSelection()?.toString())).toBe(words);
    // The form takes the passage when the browser reports the selection (an event of its own, soon after).
    await page.waitForFunction((w) => (document.querySelector('input[name="quoteExact"]') as HTMLInputElement).value === w, words);

    const actions = page.getByRole("group", { name: "Actions on the passage" });
    await actions.getByRole("button", { name: "Comment", exact: true }).waitFor();
    // The actions sit by the selection, not somewhere down the page.
    const [box, sel] = [await actions.boundingBox(), await page.evaluate(() => getSelection()!.getRangeAt(0).getBoundingClientRect().toJSON() as DOMRect)];
    expect(Math.abs(box!.y - sel.y)).toBeLessThan(80);

    await page.keyboard.press("Tab");
    expect(await focusedId(page)).toBe("Comment");
    await page.keyboard.press("Escape");
    await actions.waitFor({ state: "detached" });
    expect(await page.evaluate((t) => document.activeElement?.matches(`${t} [data-start]`), TEXT)).toBe(true);

    // Again, and this time "Suggest a change": the form's suggestion is picked, with the words to rewrite.
    await page.keyboard.press("Control+Shift+ArrowLeft");
    await page.keyboard.press("Control+Shift+ArrowRight");
    await actions.waitFor();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(await focusedId(page)).toBe("Suggest a change");
    await page.keyboard.press("Enter");
    expect(await page.getByRole("radio", { name: /Suggest new wording/ }).isChecked()).toBe(true);
    await page.waitForFunction(() => document.activeElement?.id === "replacement");
    expect(await page.locator("#replacement").inputValue()).toBe(words);
    expect(errors).toEqual([]);
  });

  it("makes the same quote from a selection in the reader view as the editor makes, across paragraphs", async () => {
    const drafter = await openSection("owner@example.org");
    const reader = await openSection("civil@example.org");
    await drafter.page.locator(".ProseMirror[contenteditable=true]").waitFor();
    // From the middle of the first paragraph into the second, in each page's own text.
    const select = (page: Page, root: string) =>
      page.evaluate((root) => {
        const [p1, p2] = [...document.querySelectorAll(`${root} p`)] as HTMLElement[];
        const walk = (p: HTMLElement) => document.createTreeWalker(p, NodeFilter.SHOW_TEXT).nextNode() as Text;
        const range = document.createRange();
        range.setStart(walk(p1!), 10);
        range.setEnd(walk(p2!), 12);
        const sel = getSelection()!;
        sel.removeAllRanges();
        sel.addRange(range);
      }, root);
    await select(drafter.page, ".ProseMirror");
    await select(reader.page, TEXT);
    await drafter.page.locator("#quote-hint q").waitFor();
    await reader.page.locator("#quote-hint q").waitFor();
    const fromEditor = await hiddenQuote(drafter.page);
    const fromReader = await hiddenQuote(reader.page);
    expect(fromEditor.exact).toContain("\n\n");
    expect(fromReader).toEqual(fromEditor);

    // The reader's selection has its actions by it; "Comment" takes the reader to the form with it.
    await reader.page.getByRole("group", { name: "Actions on the passage" }).getByRole("button", { name: "Comment", exact: true }).click();
    await reader.page.waitForFunction(() => document.activeElement?.id === "body");
    const body = "Across two paragraphs, from the reader view.";
    await reader.page.keyboard.type(body);
    await reader.page.getByRole("button", { name: "Post comment" }).click();
    await reader.page.getByRole("status").filter({ hasText: "Your comment is posted" }).waitFor();
    const posted = (await comments(reader.sectionId)).find((c) => c.body === body);
    expect(posted?.anchor?.quote.exact).toBe(fromEditor.exact);
    expect(posted?.anchor?.start).toBe(Number(fromEditor.start));
    expect([...drafter.errors, ...reader.errors]).toEqual([]);
  });

  it("has no serious or critical accessibility violations with a paragraph focused and its actions shown", async () => {
    // axe is injected as a script, which the site's CSP rightly refuses; this context bypasses it.
    const context = await e2e.browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}/login`);
    await page.getByLabel("Email").fill("civil@example.org");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("status").filter({ hasText: "Signed in" }).waitFor();
    await page.goto(`${e2e.server.url}/c/ai-guideline`);
    await page.getByRole("link", { name: SECTION }).click();
    await page.locator(`${TEXT}[data-ready]`).waitFor();
    await tabToParagraph(page);
    await page.getByRole("group", { name: "Actions on the passage" }).waitFor();
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
      return (await axe.run(document, { resultTypes: ["violations"] })).violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    });
    expect(violations).toEqual([]);
    await context.close();
  });

  it("serves the text with its highlights and no text box before any script runs", async () => {
    const { sectionId } = await openSection("civil@example.org");
    const html = await (await fetch(`${e2e.server.url}/c/ai-guideline/s/${sectionId}`)).text();
    const text = parse(html).querySelector(TEXT)!;
    expect(text).not.toBeNull();
    expect(parse(html).querySelectorAll('[role="textbox"]')).toHaveLength(0);
    // Comments made above are marked, by their passage's words.
    const marked = text.querySelectorAll("mark.anchor").map((m) => m.text);
    const anchors = (await comments(sectionId)).flatMap((c) => (c.anchor ? [c.anchor.quote.exact] : []));
    expect(anchors.length).toBeGreaterThan(0);
    for (const exact of anchors) expect(marked.join("")).toContain(exact.split("\n\n")[0]);
  });
});
