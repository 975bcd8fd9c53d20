import { describe, expect, it } from "vitest";
import { e2eAvailable, e2eEnvironment, watchErrors } from "../helpers/browser.js";

describe.runIf(e2eAvailable())("a participant in Chromium", () => {
  const e2e = e2eEnvironment({ SEED_DEMO: "1", DEMO_PASSWORD: "demo-password-1" });

  it("signs up, is asked to check the mail, signs in, reads a section and signs out", async () => {
    const context = await e2e.browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);

    await page.goto(e2e.server.url);
    await page.getByRole("link", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "Create an account" }).waitFor();

    // A first attempt with mistakes shows errors next to the fields.
    await page.getByLabel("Email").fill("not an email");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("alert").filter({ hasText: "Enter an email address like name@example.org." }).first().waitFor();
    expect(await page.getByLabel("Email").getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel("Email").fill("reader@example.org");
    await page.getByLabel("Password").fill("a reasonable passphrase");
    await page.getByLabel("Display name").fill("Rita Reader");
    await page.getByLabel("Organisation (optional)").fill("Open Data Society");
    await page.getByLabel("Stakeholder group").selectOption("civil_society");
    await page.getByRole("checkbox", { name: /privacy notice/ }).check();
    await page.getByRole("button", { name: "Create account" }).click();
    // A sign-up answers alike whether or not the address has an account, so it signs no one in.
    await page.getByRole("heading", { name: "Check your mail" }).waitFor();

    await page.getByRole("link", { name: "Sign in" }).first().click();
    await page.getByLabel("Email").fill("reader@example.org");
    await page.getByLabel("Password").fill("a reasonable passphrase");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("status").filter({ hasText: "Signed in as Rita Reader" }).first().waitFor();

    await page.getByRole("link", { name: /Draft Guideline on the Responsible Use/ }).click();
    await page.getByRole("heading", { level: 1 }).filter({ hasText: "Draft Guideline on the Responsible Use" }).first().waitFor();
    await page.getByText(/days left/).first().waitFor();
    await page.getByRole("link", { name: /A risk-based approach/ }).first().click();
    await page.getByRole("heading", { level: 1, name: /A risk-based approach/ }).waitFor();
    await page.getByRole("article").filter({ hasText: "Not every use of AI warrants the same care" }).first().waitFor();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("link", { name: "Sign in" }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
