import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { createTestDatabase, type TestDatabase } from "./databases.js";
import { startServer, type TestServer } from "./server.js";

/** Debian's Chromium, or CHROMIUM_PATH; null when neither exists. */
export function chromiumPath(): string | null {
  const path = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  return existsSync(path) ? path : null;
}

/**
 * Whether e2e tests can run. Without a browser they are skipped with a hint,
 * unless E2E_REQUIRED=1 makes that a failure.
 */
export function e2eAvailable(): boolean {
  if (chromiumPath()) return true;
  if (process.env.E2E_REQUIRED === "1") {
    throw new Error("E2E_REQUIRED=1 but no Chromium found: install it with `apt-get install -y chromium` or set CHROMIUM_PATH.");
  }
  process.stderr.write("e2e tests skipped: no Chromium found (apt-get install -y chromium, or set CHROMIUM_PATH)\n");
  return false;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath()!,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/**
 * Collects console errors and uncaught page errors; tests assert the list stays
 * empty. Chromium's own note about a 4xx answer is not an app error: forms answer
 * invalid input with 400, and tests expect it.
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) return;
    errors.push(`console.error: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  return errors;
}

/** A fresh browser context signed in as `email`, with its console watched. */
export async function signedInPage(
  browser: import("playwright-core").Browser,
  base: string,
  email: string,
  password: string,
  viewport = { width: 1400, height: 1000 },
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("status").filter({ hasText: "Signed in" }).waitFor();
  return { page, errors };
}

export interface E2eEnvironment {
  tdb: TestDatabase;
  /** The server under test; a test may replace it (after a restart, say) and teardown stops the current one. */
  server: TestServer;
  browser: Browser;
}

/**
 * A fresh SQLite database, the real server on it (with `env`) and Chromium,
 * set up before the file's tests and torn down after them.
 */
export function e2eEnvironment(env: Record<string, string>): E2eEnvironment {
  const e2e = {} as E2eEnvironment;
  beforeAll(async () => {
    e2e.tdb = await createTestDatabase("sqlite");
    e2e.server = await startServer(e2e.tdb.url, env);
    e2e.browser = await launchChromium();
  });
  afterAll(async () => {
    await e2e.browser?.close();
    await e2e.server?.stop();
    await e2e.tdb?.drop();
  });
  return e2e;
}
