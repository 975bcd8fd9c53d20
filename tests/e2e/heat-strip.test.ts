import { describe, expect, it } from "vitest";
import { Browser } from "../helpers/client.js";
import { e2eAvailable, e2eEnvironment, signedInPage } from "../helpers/browser.js";

const PASSWORD = "demo-password-1";

/** Issue 18: the heat strip beside the text jumps to the comments on its passage. */
describe.runIf(e2eAvailable())("the heat strip in Chromium", () => {
  const e2e = e2eEnvironment({ SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000" });

  it("lists a commented passage with its numbers and opens the rail filtered to it", async () => {
    const base = e2e.server.url;
    const c = await (await fetch(`${base}/api/v1/consultations/ai-guideline`)).json();
    const sectionId = (c.sections as { id: string }[]).at(-1)!.id;
    const text = (await (await fetch(`${base}/api/v1/sections/${sectionId}`)).json()).text as string;
    const blocks = text.split("\n\n");
    const block = blocks.findIndex((b) => b.split(/\s+/).length > 8);
    const exact = blocks[block]!.split(/\s+/).slice(1, 5).join(" ");
    const civil = new Browser(base);
    await civil.signIn("civil@example.org", PASSWORD);
    const token = /mgn_[a-z2-7]{16}_[a-z2-7]{24}/.exec(await (await civil.postForm("/account", { intent: "create-token", name: "heat" })).text())![0];
    const post = (body: Record<string, unknown>) =>
      fetch(`${base}/api/v1/sections/${sectionId}/comments`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    expect((await post({ body: "Heat: on the passage", selector: { type: "TextQuoteSelector", exact } })).status).toBe(201);
    expect((await post({ body: "Heat: on the whole section" })).status).toBe(201);

    const { page, errors } = await signedInPage(e2e.browser, base, "industry@example.org", PASSWORD);
    await page.goto(`${base}/c/ai-guideline/s/${sectionId}`);
    await page.locator('[data-testid="section-text"][data-ready]').waitFor();
    const strip = page.getByRole("navigation", { name: "Where the comments are" });
    const link = strip.getByRole("link", { name: new RegExp(`Passage ${block + 1}.*1 comment`) });
    await link.click();
    await page.waitForURL(new RegExp(`passage=${block}`));
    await page.getByTestId("rail-passage").waitFor();
    const rail = page.locator(".rail");
    await expect.poll(() => rail.getByText("Heat: on the passage").count()).toBe(1);
    expect(await rail.getByText("Heat: on the whole section").count()).toBe(0);
    expect(await strip.locator('[aria-current="true"]').count()).toBe(1);
    // Back to the whole section.
    await rail.getByRole("link", { name: "Show the comments on the whole section" }).click();
    await expect.poll(() => rail.getByText("Heat: on the whole section").count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
