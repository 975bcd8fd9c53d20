import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { e2eAvailable, e2eEnvironment } from "../helpers/browser.js";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

describe.runIf(e2eAvailable())("accessibility (axe-core in Chromium)", () => {
  // The requests demo too, so a representative's My submissions has answers to requests on it.
  const e2e = e2eEnvironment({ SEED_DEMO: "1", DEMO_HISTORY: "1", DEMO_PASSWORD: "demo-password-1", DEMO_REQUESTS: "1" });

  const audit = async (page: import("playwright-core").Page, paths: string[]) => {
    const found: string[] = [];
    for (const path of paths) {
      await page.goto(`${e2e.server.url}${path}`);
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
        return (await axe.run(document, { resultTypes: ["violations"] })).violations.map((v) => ({ id: v.id, impact: v.impact, target: v.nodes[0]?.target.join(" ") }));
      });
      for (const v of violations) if (v.impact === "serious" || v.impact === "critical") found.push(`${path}: ${v.id} (${v.impact}) at ${v.target}`);
    }
    return found;
  };
  // axe is injected as a script, which the site's CSP rightly refuses; the test contexts bypass it.
  const newPage = async () => (await e2e.browser.newContext({ bypassCSP: true })).newPage();
  const sectionId = async () => (await (await fetch(`${e2e.server.url}/api/v1/consultations/ai-guideline`)).json()).sections[2].id as string;

  it("has no serious or critical violations on the pages a reader uses", async () => {
    const page = await newPage();
    const s = await sectionId();
    const paths = [
      "/",
      "/login",
      "/signup",
      "/signup/sent",
      "/forgot",
      "/privacy",
      `/verify/${"a".repeat(24)}.${"b".repeat(24)}`,
      `/reset/${"a".repeat(24)}.${"b".repeat(24)}`,
      "/c/ai-guideline",
      `/c/ai-guideline/s/${s}`,
      "/c/ai-guideline/history",
      `/c/ai-guideline/s/${s}/history`,
      "/c/ai-guideline/versions",
      "/c/ai-guideline/v/1",
      "/c/ai-guideline/compare?from=v1&to=v2",
      "/c/ai-guideline/compare?from=v1&to=v2&layout=side",
      "/c/ai-guideline/v/1/report",
      "/c/ai-guideline/moderation-log",
      "/c/ai-guideline/document",
      "/transparency",
    ];
    expect(await audit(page, paths)).toEqual([]);
  });

  it("has none after posting (the receipt note) and on a filled My submissions page", async () => {
    const page = await newPage();
    await page.goto(`${e2e.server.url}/login`);
    await page.getByLabel("Email").fill("civil@example.org");
    await page.getByLabel("Password").fill("demo-password-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("status").filter({ hasText: "Signed in" }).waitFor();
    await page.goto(`${e2e.server.url}/c/ai-guideline/s/${await sectionId()}`);
    await page.getByLabel("Your comment").fill("A comment whose receipt note is audited.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await page.getByRole("status").filter({ hasText: "Received — reference" }).waitFor();
    await page.addScriptTag({ path: AXE });
    const after = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
      return (await axe.run(document, { resultTypes: ["violations"] })).violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
    });
    expect([...after.map((id) => `section page after posting: ${id}`), ...(await audit(page, ["/account/submissions", "/account/submissions?kind=comment"]))]).toEqual([]);

    // Following, with the button a screen reader names, then the page of what one follows.
    await page.goto(`${e2e.server.url}/c/ai-guideline`);
    await page.getByRole("button", { name: "Follow this consultation", exact: true }).click();
    await page.getByRole("button", { name: "Following ✓ — Unfollow this consultation", exact: true }).waitFor();
    expect(await audit(page, ["/c/ai-guideline", "/account/following", "/requests"])).toEqual([]);
  });

  it("has none on My submissions with answers to information requests", async () => {
    const page = await newPage();
    await page.goto(`${e2e.server.url}/login`);
    await page.getByLabel("Email").fill("rep@acme.example");
    await page.getByLabel("Password").fill("demo-password-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("status").filter({ hasText: "Signed in" }).waitFor();
    await page.goto(`${e2e.server.url}/account/submissions?kind=request`);
    await page.getByRole("heading", { name: /Answers to/ }).first().waitFor();
    expect(await audit(page, ["/account/submissions", "/account/submissions?kind=request"])).toEqual([]);
  });

  it("has none on the drafting team's pages either, editor and toolbar included", async () => {
    const page = await newPage();
    await page.goto(`${e2e.server.url}/login`);
    await page.getByLabel("Email").fill("owner@example.org");
    await page.getByLabel("Password").fill("demo-password-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("status").filter({ hasText: "Signed in" }).waitFor();
    const s = await sectionId();
    const paths = ["/account", "/account/submissions", "/consultations/new", "/consultations/import", "/c/ai-guideline/settings", "/c/ai-guideline/moderation", "/c/ai-guideline/versions", "/c/ai-guideline/v/1/report"];
    const found = await audit(page, paths);
    // A position on a passage, so the positions by passage are on the page too.
    const text: string = (await (await fetch(`${e2e.server.url}/api/v1/sections/${s}`)).json()).text;
    const quote = text.split(/\s+/).slice(0, 4).join(" ");
    const took = await page.request.post(`${e2e.server.url}/c/ai-guideline/s/${s}`, { form: { intent: "position", stance: "support", rationale: "", quote }, headers: { origin: e2e.server.url }, maxRedirects: 0 });
    expect(took.status()).toBe(302);
    // The live editor mounts after hydration: audit it once it is there.
    await page.goto(`${e2e.server.url}/c/ai-guideline/s/${s}`);
    await page.getByRole("toolbar", { name: "Formatting" }).waitFor();
    await page.locator(".passage-positions").waitFor();
    // The rail's Respond boxes open, so their fields are audited as well.
    expect(await page.locator("details.respond-box").count()).toBeGreaterThan(0);
    await page.evaluate(() => document.querySelectorAll<HTMLDetailsElement>("details.respond-box").forEach((d) => (d.open = true)));
    await page.addScriptTag({ path: AXE });
    const editor = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
      return (await axe.run(document, { resultTypes: ["violations"] })).violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
    });
    expect([...found, ...editor.map((id) => `section page: ${id}`)]).toEqual([]);
  });

  it("has none with the working copy's bar and the drafting card (issue 17)", async () => {
    const page = await newPage();
    await page.goto(`${e2e.server.url}/login`);
    await page.getByLabel("Email").fill("owner@example.org");
    await page.getByLabel("Password").fill("demo-password-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("status").filter({ hasText: "Signed in" }).waitFor();
    await page.goto(`${e2e.server.url}/c/ai-guideline/settings`);
    await page.getByRole("radio", { name: /Working copy/ }).check();
    await page.getByRole("button", { name: "Save drafting mode" }).click();
    await page.getByRole("status").filter({ hasText: "The drafting mode is saved" }).waitFor();
    const found = await audit(page, ["/c/ai-guideline/settings", "/c/ai-guideline"]);
    await page.goto(`${e2e.server.url}/c/ai-guideline/s/${await sectionId()}`);
    await page.getByRole("region", { name: "Working copy — not public until published" }).waitFor();
    await page.getByRole("toolbar", { name: "Formatting" }).waitFor();
    await page.addScriptTag({ path: AXE });
    const bar = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
      return (await axe.run(document, { resultTypes: ["violations"] })).violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
    });
    expect([...found, ...bar.map((id) => `section page with the working copy: ${id}`)]).toEqual([]);
  });
});
