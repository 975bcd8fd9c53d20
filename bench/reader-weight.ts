// The JavaScript a section page makes the browser download: for a reader (anonymous, and a signed-in
// participant who may comment) and for a drafter who edits, summed over the scripts Chromium fetched.
// Run after `npm run build`: it serves the built bundle.
import { gzipSync } from "node:zlib";
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { createTestDatabase } from "../tests/helpers/databases.js";
import { startServer } from "../tests/helpers/server.js";
import { fmt, heading, row } from "./lib.js";

const PASSWORD = "bench-password-1";

interface Weight {
  scripts: number;
  /** Bytes of the scripts as decoded (what the browser parses). */
  raw: number;
  /** Bytes of the bodies on the wire (equal to raw when the server does not compress). */
  transferred: number;
  /** What gzip -6 would make of them: the figure behind a compressing proxy. */
  gzip: number;
}

/** Loads `url` and sums every script fetched until the page is ready and no script request is pending. */
async function weigh(page: Page, url: string, ready: string): Promise<Weight> {
  const pending = new Set<string>();
  const done: Promise<Weight>[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script") pending.add(r.url());
  });
  page.on("requestfinished", (r) => {
    if (r.resourceType() !== "script") return;
    done.push(
      (async () => {
        const res = await r.response();
        const body = res ? await res.body() : Buffer.alloc(0);
        const sizes = await r.sizes();
        pending.delete(r.url());
        return { scripts: 1, raw: body.length, transferred: sizes.responseBodySize, gzip: gzipSync(body, { level: 6 }).length };
      })(),
    );
  });
  await page.goto(url, { waitUntil: "load" });
  await page.locator(ready).first().waitFor();
  // A lazily loaded chunk starts after hydration: wait until every script asked for has arrived.
  await page.waitForFunction(() => document.readyState === "complete");
  while (pending.size > 0) await page.waitForEvent("requestfinished", { timeout: 30_000 }).catch(() => undefined);
  const all = await Promise.all(done);
  return all.reduce((a, b) => ({ scripts: a.scripts + b.scripts, raw: a.raw + b.raw, transferred: a.transferred + b.transferred, gzip: a.gzip + b.gzip }), { scripts: 0, raw: 0, transferred: 0, gzip: 0 });
}

async function anonymous(browser: Browser, url: string, ready: string): Promise<Weight> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    return await weigh(page, url, ready);
  } finally {
    await context.close();
  }
}

async function signedIn(browser: Browser, base: string, email: string, url: string, ready: string): Promise<Weight> {
  const context = await browser.newContext();
  try {
    // Signed in through the context's own requests, so no sign-in page puts scripts in the cache first.
    const res = await context.request.post(`${base}/login`, { form: { email, password: PASSWORD }, headers: { Origin: base }, maxRedirects: 0 });
    if (res.status() >= 400) throw new Error(`sign-in as ${email} answered ${res.status()}`);
    return await weigh(await context.newPage(), url, ready);
  } finally {
    await context.close();
  }
}

const kb = (n: number) => fmt(n / 1024, 1);

async function main() {
  const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (!existsSync(executablePath)) throw new Error("no Chromium: install it or set CHROMIUM_PATH");
  const tdb = await createTestDatabase("sqlite");
  const server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, LOG_LEVEL: "error" });
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const c = await (await fetch(`${server.url}/api/v1/consultations/ai-guideline`)).json();
    const url = `${server.url}/c/ai-guideline/s/${c.sections[0].id as string}`;
    // The reader's text (before: the read-only editor; after: the server-rendered reader view), and the drafter's editor.
    const readerReady = "[data-testid=section-text][data-ready], .ProseMirror";
    const editorReady = ".ProseMirror[contenteditable=true]";
    const reader = await anonymous(browser, url, readerReady);
    const participant = await signedIn(browser, server.url, "civil@example.org", url, readerReady);
    const editor = await signedIn(browser, server.url, "owner@example.org", url, editorReady);
    heading("JavaScript downloaded on a section page (KiB, summed over every script fetched)");
    row(["viewer", "scripts", "raw", "transferred", "gzip -6"]);
    for (const [name, w] of [
      ["anonymous reader", reader],
      ["participant (may comment)", participant],
      ["drafter (editor)", editor],
    ] as const)
      row([name, w.scripts, kb(w.raw), kb(w.transferred), kb(w.gzip)]);
    row(["reader / drafter (raw)", `${fmt(reader.raw / editor.raw, 2)}×`, "", "", `${fmt(reader.gzip / editor.gzip, 2)}× gzip`]);
    process.stdout.write(`(the server sends scripts ${reader.transferred < reader.raw ? "compressed" : "uncompressed"}; "gzip -6" is what a compressing proxy would send)\n`);
  } finally {
    await browser.close();
    await server.stop();
    await tdb.drop();
  }
}

await main();
process.exit(0);
