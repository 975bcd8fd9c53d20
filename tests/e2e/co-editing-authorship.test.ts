import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createDb } from "../../db/client.js";
import { listSectionUpdatesAfter } from "../../db/queries/collab.js";
import { creditIds } from "../../server/collab/authorship.js";
import { loadSectionState } from "../../server/collab/persistence.js";
import { e2eAvailable, e2eEnvironment, signedInPage } from "../helpers/browser.js";
import { waitFor } from "../helpers/collab.js";
import { caretBefore } from "../helpers/editor-caret.js";

const PASSWORD = "demo-password-1";

describe.runIf(e2eAvailable())("two drafters typing at once in Chromium", () => {
  const e2e = e2eEnvironment({ SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COLLAB_CHANGESET_IDLE_MS: "1500" });

  it("keeps every typed character with its typist, even typed before an equal one, and names one author per inserted run", async () => {
    const sectionId: string = (await (await fetch(`${e2e.server.url}/api/v1/consultations/ai-guideline`)).json()).sections[0].id;
    const dana = await signedInPage(e2e.browser, e2e.server.url, "drafter@example.org", PASSWORD, { width: 1280, height: 900 });
    const olivia = await signedInPage(e2e.browser, e2e.server.url, "owner@example.org", PASSWORD, { width: 1280, height: 900 });
    for (const { page } of [dana, olivia]) {
      await page.goto(`${e2e.server.url}/c/ai-guideline/s/${sectionId}`);
      await page.getByTestId("connection-status").filter({ hasText: "Live" }).waitFor();
    }
    // The team's view of the history (it includes the drafting before opening).
    const teamApi = async (path: string) => (await olivia.page.request.get(`${e2e.server.url}/api/v1/sections/${sectionId}${path}`)).json();
    const startSeq: number = (await teamApi("/history")).items[0].seq;
    // Each first keystroke equals the character after the caret: "|maintain" + "m", "|team" + "t".
    await caretBefore(dana.page, 0, "maintain");
    await caretBefore(olivia.page, 2, "team");
    await Promise.all([dana.page.keyboard.type("make and ", { delay: 20 }), olivia.page.keyboard.type("the whole ", { delay: 23 })]);
    const text = async (): Promise<string> => (await (await fetch(`${e2e.server.url}/api/v1/sections/${sectionId}`)).json()).text;
    await waitFor(async () => (await text()).includes("make and maintain") && (await text()).includes("the whole team"), 15_000, "both edits stored");

    // Per character, from what is stored: who created each Yjs id.
    const db = createDb(e2e.tdb.url);
    try {
      const users = new Map((await db.kysely.selectFrom("user").select(["id", "display_name"]).execute()).map((u) => [u.id, u.display_name]));
      const log = await listSectionUpdatesAfter(db.kysely, sectionId, 0);
      const credits = creditIds(log.map((u) => ({ userId: u.user_id ?? "", data: u.data })));
      const state = await loadSectionState(db, sectionId);
      const paragraph = (n: number) => {
        const out: { ch: string; by: string }[] = [];
        const xml = (state.doc.getXmlFragment("default").get(n) as Y.XmlElement).get(0) as Y.XmlText;
        for (let item = xml._start; item; item = item.right) {
          if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
          [...item.content.str].forEach((ch, i) => out.push({ ch, by: users.get(credits.authorOf(item.id.client, item.id.clock + i) ?? "") ?? "?" }));
        }
        return out;
      };
      const authorsOf = (chars: { ch: string; by: string }[], phrase: string) => {
        const at = chars.map((c) => c.ch).join("").indexOf(phrase);
        return [...new Set(chars.slice(at, at + phrase.length).map((c) => c.by))];
      };
      const first = paragraph(0);
      expect(authorsOf(first, "make and ")).toEqual(["Dana Drafter"]);
      expect(authorsOf(first, "maintain")).toEqual(["Olivia Owner"]);
      expect(authorsOf(paragraph(2), "the whole ")).toEqual(["Olivia Owner"]);
      state.doc.destroy();
    } finally {
      await db.close();
    }

    // The compare: one author per inserted run.
    await waitFor(async () => (await teamApi("/history")).items[0].seq > startSeq, 15_000, "the typing folded");
    const diff = await teamApi(`/diff?from=${startSeq}&to=current`);
    const inserts = (diff.spans as { type: string; text: string; authors: { name: string }[] }[]).filter((s) => s.type === "insert").map((s) => [s.text.trim(), s.authors.map((a) => a.name)]);
    expect(inserts).toEqual([
      ["make and", ["Dana Drafter"]],
      ["the whole", ["Olivia Owner"]],
    ]);

    // On the compare page: each run's author named once, and every insertion reachable by keyboard with its author.
    const page = olivia.page;
    await page.goto(`${e2e.server.url}/c/ai-guideline/compare?from=${startSeq}&to=current`);
    const section = page.getByRole("region", { name: /^Changes to 1\./ });
    expect(await section.locator(".diff-who:not(.diff-who--on-focus)").allInnerTexts()).toEqual(["Dana Drafter", "Olivia Owner"]);
    await page.getByRole("link", { name: "Full history of this section" }).first().focus();
    let title: string | null = null;
    for (let i = 0; i < 20 && title === null; i++) {
      await page.keyboard.press("Tab");
      title = await page.evaluate(() => (document.activeElement?.matches("ins.diff-ins") ? document.activeElement.getAttribute("title") : null));
    }
    expect(title).toBe("Written by Dana Drafter (Government)");
    expect([...dana.errors, ...olivia.errors]).toEqual([]);
  });
});
