import type { CDPSession, Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { Browser as HttpClient } from "../helpers/client.js";
import { e2eAvailable, e2eEnvironment, signedInPage } from "../helpers/browser.js";
import { connectReplica, fragmentText, type Replica } from "../helpers/collab.js";

const PASSWORD = "demo-password-1";
const SECTION = /Public procurement of AI/;

/**
 * Japanese input: an IME composes text (compositionstart/update/end, with the
 * uncommitted text already in the page) before it commits it. Chromium's own
 * IME path is driven through the DevTools protocol, as a Japanese keyboard would.
 */
describe.runIf(e2eAvailable())("typing Japanese with an IME in Chromium", () => {
  const e2e = e2eEnvironment({ SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000" });
  const replicas: Replica[] = [];
  afterAll(() => replicas.forEach((r) => r.destroy()));

  async function openSection(email: string): Promise<{ page: Page; errors: string[]; cdp: CDPSession; sectionId: string }> {
    const { page, errors } = await signedInPage(e2e.browser, e2e.server.url, email, PASSWORD);
    await page.goto(`${e2e.server.url}/c/ai-guideline`);
    await page.getByRole("link", { name: SECTION }).click();
    // Drafters get the live editor; everyone else the reader view.
    await page.locator('[data-testid="section-text"][data-ready], [data-testid="connection-status"]:has-text("Live")').first().waitFor();
    const sectionId = new URL(page.url()).pathname.split("/").at(-1)!;
    return { page, errors, cdp: await page.context().newCDPSession(page), sectionId };
  }

  /** One composition step: the IME shows `text` uncommitted, the caret at its end. */
  const compose = (cdp: CDPSession, text: string) => cdp.send("Input.imeSetComposition", { text, selectionStart: text.length, selectionEnd: text.length });
  const commit = (cdp: CDPSession, text: string) => cdp.send("Input.insertText", { text });

  /** Records the composition events the editor sees (an IME's composition ended early shows as an extra "end"). */
  const recordCompositions = (page: Page, selector = ".ProseMirror") =>
    page.evaluate((selector) => {
      const seen: string[] = [];
      (window as unknown as { compositions: string[] }).compositions = seen;
      const target = document.querySelector(selector)!;
      target.addEventListener("compositionstart", () => seen.push("start"));
      target.addEventListener("compositionend", (e) => seen.push(`end:${(e as CompositionEvent).data}`));
    }, selector);
  const compositions = (page: Page) => page.evaluate(() => (window as unknown as { compositions: string[] }).compositions);

  /** A second editor's replica (the stock y-websocket client, signed in as a drafter). */
  async function remoteEditor(sectionId: string): Promise<Replica> {
    const http = new HttpClient(e2e.server.url);
    expect((await http.signIn("drafter@example.org", PASSWORD)).status).toBe(302);
    const replica = connectReplica(e2e.server.url, sectionId, `margin_session=${http.cookie("margin_session")}`);
    replicas.push(replica);
    await new Promise<void>((resolve) => (replica.provider.synced ? resolve() : replica.provider.once("sync", () => resolve())));
    return replica;
  }

  /** Inserts `text` at the start of the paragraph that holds `marker`, as another editor typing there. */
  function remoteInsert(replica: Replica, marker: string, text: string) {
    const fragment = replica.doc.getXmlFragment("default");
    for (const block of fragment.toArray()) {
      const first = "toArray" in block ? block.toArray()[0] : undefined;
      if (first && "insert" in first && first.toString().includes(marker)) {
        replica.doc.transact(() => (first as unknown as { insert(i: number, s: string): void }).insert(0, text));
        return;
      }
    }
    throw new Error(`no paragraph with ${marker}`);
  }

  it("keeps a composition in the editor whole while others edit the same paragraph and a new comment arrives", async () => {
    const owner = await openSection("owner@example.org");
    const replica = await remoteEditor(owner.sectionId);
    const editor = owner.page.getByRole("textbox", { name: /Text of/ });
    const first = owner.page.locator(".ProseMirror p").first();
    const original = (await first.textContent())!;
    const opening = original.slice(0, 24);

    // The caret at the end of the first paragraph (End would stop at the end of its first line).
    await first.click();
    await owner.page.evaluate(() => {
      const p = document.querySelector(".ProseMirror p")!;
      const range = document.createRange();
      range.selectNodeContents(p);
      range.collapse(false);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
    });
    await owner.page.keyboard.type(" ");
    await recordCompositions(owner.page);

    await compose(owner.cdp, "k");
    await compose(owner.cdp, "か");
    await compose(owner.cdp, "かんじ");
    // Mid-composition: another editor types at the start of the same paragraph, and in another one …
    remoteInsert(replica, opening, "遠隔の編集。");
    await first.filter({ hasText: "遠隔の編集。" }).waitFor();
    // … and someone comments on the passage, so the page re-reads its data and its highlights.
    const civil = new HttpClient(e2e.server.url);
    await civil.signIn("civil@example.org", PASSWORD);
    // On the words just before the caret, so its highlight would split the text node being composed in.
    const quote = original.slice(-16);
    const posted = await civil.postForm(`/c/ai-guideline/s/${owner.sectionId}`, {
      intent: "comment",
      kind: "comment",
      body: "A comment that arrives during a composition.",
      quoteExact: quote,
      quotePrefix: original.slice(-48, -16),
      quoteSuffix: "",
      quoteStart: String("遠隔の編集。".length + original.length - 16),
    });
    expect(posted.status).toBe(302);
    await owner.page.getByRole("article", { name: /Comment by Carlos Civil/ }).waitFor();
    // Neither ended the composition: the IME still holds its text.
    expect(await compositions(owner.page)).toEqual(["start"]);

    await compose(owner.cdp, "漢字");
    await commit(owner.cdp, "漢字");
    expect(await compositions(owner.page)).toEqual(["start", "end:漢字"]);
    // The new comment's highlight, held back during the composition, follows it.
    await owner.page.locator(".ProseMirror .anchor").first().waitFor();
    await owner.page.keyboard.type("です。");

    await first.filter({ hasText: "漢字です。" }).waitFor();
    const shown = (await first.textContent())!;
    // The remote words once, the composed words once, and nothing of the composition's steps.
    expect(shown).toBe(`遠隔の編集。${original} 漢字です。`);

    // Every replica agrees: the other editor's copy holds the same words once each.
    await expect.poll(() => fragmentText(replica.doc).split("\n")[0], { timeout: 10_000 }).toBe(shown);
    expect(await editor.getAttribute("contenteditable")).toBe("true");
    expect(owner.errors).toEqual([]);
  });

  it("commits a composition in the comment form exactly once, even when the page re-reads its data meanwhile", async () => {
    const civil = await openSection("civil@example.org");
    const body = civil.page.getByLabel("Your comment");
    await body.click();
    await recordCompositions(civil.page, "#body");
    await compose(civil.cdp, "いけん");
    // Someone else's comment makes the page re-read its data mid-composition.
    const industry = new HttpClient(e2e.server.url);
    await industry.signIn("industry@example.org", PASSWORD);
    await industry.postForm(`/c/ai-guideline/s/${civil.sectionId}`, { intent: "comment", kind: "comment", body: "Another comment during the composition." });
    await civil.page.getByRole("article", { name: "Comment by Ines Industry" }).first().waitFor();
    expect(await compositions(civil.page)).toEqual(["start"]);
    await compose(civil.cdp, "意見");
    await commit(civil.cdp, "意見");
    await compose(civil.cdp, "です");
    await commit(civil.cdp, "です。");
    expect(await body.inputValue()).toBe("意見です。");
    expect(await compositions(civil.page)).toEqual(["start", "end:意見", "start", "end:です。"]);

    // Enter that commits a composition is not a submission; the button is.
    await civil.page.getByRole("button", { name: "Post comment" }).click();
    await civil.page.getByRole("status").filter({ hasText: "Your comment is posted" }).waitFor();
    await civil.page.locator(".comment-body", { hasText: "意見です。" }).waitFor();
    expect(civil.errors).toEqual([]);
  });
});
