// The drafting team's grouping view in Chromium (issue 18, ADR 031): the demo's crowd of
// comments is grouped by topic as it is seeded; the owner opens the view from the
// consultation page, sees the topics, renames one, moves a comment to another topic, and
// finds both kept after a reload.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { e2eAvailable, e2eEnvironment, signedInPage } from "../helpers/browser.js";

const PASSWORD = "demo-password-1";
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

describe.runIf(e2eAvailable())("the team's grouping view in Chromium", () => {
  const e2e = e2eEnvironment({ SEED_DEMO: "1", DEMO_HISTORY: "1", DEMO_PASSWORD: PASSWORD });

  it("lists topics, renames one and moves a comment, and keeps both", async () => {
    const { page, errors } = await signedInPage(e2e.browser, e2e.server.url, "owner@example.org", PASSWORD);
    await page.goto(`${e2e.server.url}/c/ai-guideline`);
    await page.getByRole("link", { name: "Comments by topic" }).click();
    await page.getByRole("heading", { level: 1, name: "Comments by topic" }).waitFor();
    const topics = page.getByTestId("topic");
    await topics.first().waitFor();
    expect(await topics.count()).toBeGreaterThanOrEqual(2);
    // Each topic names its distinctive words and its count.
    await expect.poll(() => topics.first().getByText(/Distinctive words: \S/).count()).toBe(1);
    await topics.first().getByText(/\d+ comments?/).first().waitFor();

    // Open the largest topic (its heading link is the way in, by keyboard too).
    const link = topics.first().getByRole("heading", { level: 2 }).getByRole("link");
    await link.focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("group-name").waitFor();
    const groupUrl = page.url();
    await page.getByRole("link", { name: "Respond to this group" }).waitFor();
    expect(await page.getByRole("link", { name: "Respond to this group" }).getAttribute("href")).toMatch(/^\/c\/ai-guideline\/groups\/[a-z2-7]{16}\/respond$/);

    // Rename it.
    await page.getByRole("textbox", { name: "Name", exact: true }).fill("Transparency of training data");
    await page.getByLabel("Gist of the opinions (optional)").fill("Developers should say what they trained on.");
    await page.getByRole("button", { name: "Save name" }).click();
    await page.getByRole("status").filter({ hasText: "The group is renamed." }).waitFor();
    await page.getByRole("heading", { level: 1, name: "Transparency of training data" }).waitFor();

    // Move its first comment to another topic.
    const first = page.getByTestId("group-member").first();
    const movedId = await first.getAttribute("data-comment-id");
    expect(movedId).toMatch(/^[a-z2-7]{16}$/);
    const before = await page.getByTestId("group-member").count();
    await first.getByRole("checkbox").check();
    const target = page.getByRole("combobox", { name: "To the group" });
    const targetValue = await target.locator("option").first().getAttribute("value");
    await target.selectOption(targetValue!);
    await page.getByRole("button", { name: "Move selected" }).click();
    await page.getByRole("status").filter({ hasText: "The comment is moved." }).waitFor();

    // Kept after a reload: the name stays, the comment is gone from here and in the other topic, placed by the team.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Transparency of training data" }).waitFor();
    expect(await page.locator(`[data-comment-id="${movedId}"]`).count()).toBe(0);
    expect(await page.getByTestId("group-member").count()).toBe(before - 1);
    await page.goto(`${e2e.server.url}/c/ai-guideline/groups/${targetValue}`);
    const moved = page.locator(`[data-comment-id="${movedId}"]`);
    await moved.waitFor();
    await moved.getByText("Placed by the team").waitFor();

    // The list shows the new name, marked as the team's.
    await page.getByRole("link", { name: "All groups" }).click();
    await page.getByRole("link", { name: /Transparency of training data/ }).waitFor();
    expect(page.url()).not.toBe(groupUrl);
    expect(errors).toEqual([]);
  });

  it("has no serious or critical accessibility violations on the list and a group's page (axe-core)", async () => {
    // axe is injected as a script, which the site's CSP rightly refuses; this context bypasses it.
    const page = await (await e2e.browser.newContext({ bypassCSP: true })).newPage();
    await page.goto(`${e2e.server.url}/login`);
    await page.getByRole("main").getByLabel("Email").fill("owner@example.org");
    await page.getByRole("main").getByLabel("Password").fill(PASSWORD);
    await page.getByRole("main").getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("status").filter({ hasText: "Signed in" }).waitFor();
    await page.goto(`${e2e.server.url}/c/ai-guideline/groups`);
    const href = await page.getByTestId("topic").first().getByRole("link").first().getAttribute("href");
    const found: string[] = [];
    for (const path of ["/c/ai-guideline/groups", href!]) {
      await page.goto(`${e2e.server.url}${path}`);
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
        return (await axe.run(document, { resultTypes: ["violations"] })).violations.map((v) => ({ id: v.id, impact: v.impact, target: v.nodes[0]?.target.join(" ") }));
      });
      for (const v of violations) if (v.impact === "serious" || v.impact === "critical") found.push(`${path}: ${v.id} (${v.impact}) at ${v.target}`);
    }
    expect(found).toEqual([]);
  });
});
