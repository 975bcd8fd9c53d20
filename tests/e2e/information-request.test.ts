import { describe, expect, it } from "vitest";
import { e2eAvailable, e2eEnvironment, signedInPage } from "../helpers/browser.js";

const PASSWORD = "demo-password-1";
const OPEN = "/requests/ai-risk-practice-survey";
const CLOSED = "/requests/ai-incident-reporting-closed";
const SECRET = "Our red-team found two jailbreaks in March (e2e marker 7q).";

describe.runIf(e2eAvailable())("an information request in Chromium", () => {
  const e2e = e2eEnvironment({ SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, DEMO_REQUESTS: "1" });

  it("a company answers with mixed levels and sees who read its restricted answer; the public sees aggregates, a suppressed cell and who took part", async () => {
    const base = e2e.server.url;
    const company = await signedInPage(e2e.browser, base, "rep@northwind.example", PASSWORD);
    await company.page.goto(`${base}${OPEN}`);
    await company.page.getByRole("link", { name: /answer/i }).first().click();
    await company.page.getByRole("heading", { name: "Answers", exact: true }).waitFor();

    const levels = company.page.locator("fieldset.levels");
    // q1 single choice, public and named; q2 multiple choice, public without the name; q3 a number, aggregate only;
    // q4 yes/no, recipients only; q5 free text, recipients only.
    await company.page.locator('input[type="radio"][value="Our own framework"]').check();
    await levels.nth(0).locator('input[value="public_named"]').check();
    await company.page.locator('input[type="checkbox"][value="Red-teaming"]').check();
    await levels.nth(1).locator('input[value="public_unnamed"]').check();
    await company.page.locator("input[inputmode=decimal]").fill("2");
    await levels.nth(2).locator('input[value="aggregate"]').check();
    await company.page.locator('input[type="radio"][value="yes"]').check();
    await levels.nth(3).locator('input[value="recipients"]').check();
    await company.page.locator("textarea").first().fill(SECRET);
    await levels.nth(4).locator('input[value="recipients"]').check();
    // Who will read each answer is said before anything is sent.
    await expect(levels.nth(4).textContent()).resolves.toContain("Rina Reviewer");
    await company.page.getByRole("button", { name: "Review and submit" }).click();
    await company.page.getByRole("heading", { name: "Check before submitting" }).waitFor();
    await company.page.getByRole("button", { name: "Submit", exact: true }).click();
    await company.page.getByRole("heading", { name: "Receipt", exact: true }).waitFor();

    // A member of the recipient body reads the restricted answer.
    const reviewer = await signedInPage(e2e.browser, base, "reviewer1@example.org", PASSWORD);
    await reviewer.page.goto(`${base}${OPEN}/answers`);
    await reviewer.page.getByText(SECRET).waitFor();

    // The company sees who read it.
    await company.page.goto(`${base}${OPEN}/access`);
    await company.page.getByText("Rina Reviewer").first().waitFor();

    // The public, after the deadline of the closed request: tables, a suppressed cell, the participation list.
    const context = await e2e.browser.newContext();
    const reader = await context.newPage();
    await reader.goto(`${base}${CLOSED}/results`);
    await reader.getByRole("table").first().waitFor();
    await reader.getByText(/suppressed/i).first().waitFor();
    await reader.getByText("Digital Rights Network").first().waitFor();
    await reader.getByText("We are a civil-society network and run no AI systems of our own.").waitFor();
    expect(await reader.content()).not.toContain(SECRET);
    await context.close();
    expect([...company.errors, ...reviewer.errors]).toEqual([]);
  });
});
