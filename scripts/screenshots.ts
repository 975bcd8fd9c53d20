/**
 * Refreshes the README's screenshots (docs/*.png) from the real app: builds
 * nothing itself (run `npm run build` first), starts `margin serve` with the
 * demo on a throwaway SQLite file and a free port, and photographs the pages
 * in Debian's Chromium (CHROMIUM_PATH to use another).
 *
 *   npm run build && npm run screenshots
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { DEMO_JA_SLUG } from "../db/seed/demo-ja.js";
import { DEMO_SLUG } from "../db/seed/demo.js";

const ROOT = resolve(import.meta.dirname, "..");
/** How long the server may take to build its demo on a busy machine. */
const START_BUDGET_MS = 180_000;

async function startDemo(dir: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(ROOT, "bin/margin.js"), "serve", "--demo"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: "0",
      DATABASE_URL: `file:${join(dir, "margin.sqlite")}`,
      MAIL_OUTBOX_DIR: join(dir, "outbox"),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no "listening" line within ${START_BUDGET_MS} ms:\n${out}`)), START_BUDGET_MS);
    child.stdout.on("data", () => {
      const m = /Margin listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    });
    child.once("exit", (code) => fail(new Error(`server exited with ${code}:\n${out}`)));
  });
  return { url, stop: () => child.kill("SIGTERM") };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "margin-shots-"));
  const server = await startDemo(dir);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const base = server.url.replace(/\/$/, "");
    const shot = async (path: string, file: string, opts: { locale?: string; width?: number; height?: number; full?: boolean; scrollTo?: string } = {}) => {
      const context = await browser.newContext({ viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 }, locale: opts.locale ?? "en-GB" });
      const page = await context.newPage();
      await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
      // A page whose point is further down (the first changed section of a comparison) is shown from there.
      if (opts.scrollTo) await page.locator(opts.scrollTo).first().evaluate((el) => el.closest("section, article, .card")?.scrollIntoView());
      await page.screenshot({ path: join(ROOT, "docs", file), fullPage: opts.full ?? false });
      await context.close();
      process.stdout.write(`docs/${file} ← ${path}\n`);
    };
    await shot(`/c/${DEMO_SLUG}`, "screenshot.png", { full: true });
    await shot(`/c/${DEMO_SLUG}/compare?from=v1&to=v2`, "screenshot-compare.png", { width: 1200, height: 1000, scrollTo: "ins" });
    const sections = await (await fetch(`${base}/api/v1/consultations/${DEMO_SLUG}`)).json();
    const jaSections = await (await fetch(`${base}/api/v1/consultations/${DEMO_JA_SLUG}`)).json();
    const firstSection = (c: { sections?: { id: string }[] }) => c.sections?.[0]?.id;
    await shot(`/c/${DEMO_JA_SLUG}/s/${firstSection(jaSections)}`, "screenshot-ja.png", { locale: "ja-JP" });
    await shot(`/c/${DEMO_SLUG}/s/${firstSection(sections)}`, "screenshot-en.png");
  } finally {
    await browser.close();
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
