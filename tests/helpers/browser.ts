import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

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
