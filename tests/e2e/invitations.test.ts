import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eAvailable, e2eEnvironment, watchErrors } from "../helpers/browser.js";
import { startSmtp, type TestSmtp } from "../helpers/smtp.js";
import { INVITATION_LINK } from "../helpers/invitations.js";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

type Page = import("playwright-core").Page;

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ["violations"] })).violations.map((v) => ({ id: v.id, impact: v.impact, target: v.nodes[0]?.target.join(" ") }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}) at ${v.target}`);
}

/** Issue 16, item 3 in Chromium: the owner invites from the team card; the invitee reads the mail, makes an account on the link's page and lands on the consultation as a drafter. */
describe.runIf(e2eAvailable())("an invitation by mail, in the browser", () => {
  let smtp: TestSmtp;
  // Registered first, so it runs before the environment starts the server (which reads SMTP_URL then).
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await smtp?.close();
  });
  const e2e = e2eEnvironment({
    SEED_DEMO: "1",
    DEMO_PASSWORD: "demo-password-1",
    get SMTP_URL() {
      return smtp.url;
    },
  });

  it("goes from the team card to the mail to a new account on the team, with no console errors and no serious axe findings", async () => {
    const email = `e2e-invitee-${Date.now().toString(36)}@example.org`;
    // axe is injected as a script, which the site's CSP rightly refuses; these contexts bypass it.
    const ownerPage = await (await e2e.browser.newContext({ bypassCSP: true })).newPage();
    const ownerErrors = watchErrors(ownerPage);
    await ownerPage.goto(`${e2e.server.url}/login`);
    await ownerPage.getByLabel("Email").fill("owner@example.org");
    await ownerPage.getByLabel("Password").fill("demo-password-1");
    await ownerPage.getByRole("button", { name: "Sign in" }).click();
    await ownerPage.getByRole("status").filter({ hasText: "Signed in" }).waitFor();
    await ownerPage.goto(`${e2e.server.url}/c/ai-guideline/settings`);
    await ownerPage.getByLabel("Invite by email").fill(email);
    await ownerPage.getByLabel("Role", { exact: true }).selectOption("drafter");
    await ownerPage.getByRole("button", { name: "Invite", exact: true }).click();
    await ownerPage.getByRole("status").filter({ hasText: `An invitation is on its way to ${email}` }).waitFor();
    await ownerPage.getByRole("cell", { name: email, exact: true }).waitFor();

    const mail = await smtp.waitFor((m) => m.to.includes(email));
    const link = mail.text.match(INVITATION_LINK)![0];

    const context = await e2e.browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(link);
    await page.getByRole("heading", { name: "Create your account and accept" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByLabel("Display name").fill("Eve Invitee");
    await page.getByLabel("Stakeholder group").selectOption("academia");
    await page.getByRole("checkbox").check();
    await page.getByRole("button", { name: "Create account and accept" }).click();
    await page.getByRole("status").filter({ hasText: "Welcome to the team of" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/c/ai-guideline");
    await page.getByText("as drafter").first().waitFor();

    await ownerPage.reload();
    await ownerPage.getByRole("cell", { name: /Eve Invitee/ }).first().waitFor();
    expect(await seriousViolations(ownerPage)).toEqual([]);

    // Used once: the same link now says so.
    await page.goto(link);
    await page.getByRole("heading", { name: "This invitation cannot be used" }).waitFor();
    expect([...ownerErrors, ...errors]).toEqual([]);
  });
});
