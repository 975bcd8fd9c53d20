// How readable the public history stays when two drafters type at once: two
// Chromium pages type about 80 characters together (paragraphs 1 and 3 of the
// first demo section), then this prints the change sets they became (authors,
// summaries), the section history page's height at 1280 px, and who the
// compare credits with each insertion.
//
//   npx tsx bench/history-readability.ts                 (starts a server from this checkout)
//   BENCH_URL=http://127.0.0.1:3101 npx tsx bench/history-readability.ts   (a running demo server,
//   DEMO_PASSWORD demo-password-1: to measure another build, e.g. the one before a change)
import { chromium } from "playwright-core";
import { waitFor } from "../tests/helpers/collab.js";
import { createTestDatabase } from "../tests/helpers/databases.js";
import { startServer } from "../tests/helpers/server.js";
import { heading, row } from "./lib.js";
import { caretBefore } from "../tests/helpers/editor-caret.js";

const PASSWORD = process.env.BENCH_PASSWORD ?? "demo-password-1";
const DANA = "make, publish and regularly review and ";
const OLIVIA = "the whole independent drafting review ";

async function main() {
  let base = process.env.BENCH_URL;
  let stop = async () => {};
  if (!base) {
    const tdb = await createTestDatabase("sqlite");
    const server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, LOG_LEVEL: "error" });
    base = server.url;
    stop = async () => {
      await server.stop();
      await tdb.drop();
    };
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const sectionId: string = (await (await fetch(`${base}/api/v1/consultations/ai-guideline`)).json()).sections[0].id;
    const signedIn = async (email: string) => {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await page.goto(`${base}/login`);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("status").filter({ hasText: "Signed in" }).waitFor();
      await page.goto(`${base}/c/ai-guideline/s/${sectionId}`);
      await page.getByTestId("connection-status").filter({ hasText: "Live" }).waitFor();
      return page;
    };
    const dana = await signedIn("drafter@example.org");
    const olivia = await signedIn("owner@example.org");
    const history = async () => (await (await fetch(`${base}/api/v1/sections/${sectionId}/history?limit=100`)).json()).items as { seq: number; summary: string; authors: { name: string }[] }[];
    // The team's view: the drafting before opening (where the history starts) is the team's only.
    const team = async (path: string) => (await olivia.request.get(`${base}/api/v1/sections/${sectionId}${path}`)).json();
    const startSeq: number = (await team("/history")).items[0]?.seq ?? 0;
    await caretBefore(dana, 0, "maintain");
    await caretBefore(olivia, 2, "team");
    await Promise.all([dana.keyboard.type(DANA, { delay: 20 }), olivia.keyboard.type(OLIVIA, { delay: 23 })]);
    const text = async (): Promise<string> => (await (await fetch(`${base}/api/v1/sections/${sectionId}`)).json()).text;
    await waitFor(async () => (await text()).includes(`${DANA}maintain`) && (await text()).includes(`${OLIVIA}team`), 30_000, "both edits stored");
    // Folded once the section has been idle (COLLAB_CHANGESET_IDLE_MS, 3 s by default).
    await waitFor(async () => ((await history())[0]?.seq ?? 0) >= startSeq + DANA.length + OLIVIA.length, 30_000, "the typing folded");

    const fresh = (await history()).filter((h) => h.seq > startSeq);
    heading(`History of two drafters typing ${DANA.length + OLIVIA.length} characters at once`);
    row(["change sets", fresh.length]);
    for (const h of fresh.slice(0, 6)) row([h.authors.map((a) => a.name).join(" + "), h.summary]);
    if (fresh.length > 6) row(["…", `${fresh.length - 6} more`]);

    const reader = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await reader.goto(`${base}/c/ai-guideline/s/${sectionId}/history`);
    row(["history page height at 1280 px", await reader.evaluate(() => document.documentElement.scrollHeight)]);
    if (process.env.BENCH_SCREENSHOT) await reader.screenshot({ path: process.env.BENCH_SCREENSHOT, fullPage: true });

    const diff = await team(`/diff?from=${startSeq}&to=current`);
    for (const s of (diff.spans as { type: string; text: string; authors: { name: string }[] }[]).filter((x) => x.type === "insert")) {
      row([`compare: inserted “${s.text.trim()}”`, s.authors.map((a) => a.name).join(", ")]);
    }
  } finally {
    await browser.close();
    await stop();
  }
}

void main();
