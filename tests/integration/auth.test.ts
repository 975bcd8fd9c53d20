import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "node-html-parser";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "correct horse battery";

describe.each(databaseKinds())("accounts and sessions on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { LOGIN_LIMIT_PER_EMAIL: "4", LOGIN_LIMIT_PER_IP: "1000", SIGNUP_LIMIT_PER_IP: "1000" });
  });
  afterAll(async () => {
    await server?.stop();
    await tdb?.drop();
  });

  it("signs up, shows the account, signs out", async () => {
    const b = new Browser(server.url);
    const email = await b.signUp({ displayName: "Ada Example" });
    expect(b.cookie("margin_session")).toMatch(/^[a-z2-7]{24}\.[a-z2-7]{24}$/);
    const account = await b.get("/account");
    expect(account.status).toBe(200);
    const html = await account.text();
    expect(html).toContain("Ada Example");
    expect(html).toContain(email);

    const out = await b.postForm("/logout", {});
    expect(out.status).toBe(302);
    expect(b.cookie("margin_session")).toBeUndefined();
    const after = await b.get("/account");
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toBe("/login?redirectTo=%2Faccount");
  });

  it("keeps a one-time message for the page that shows it, whatever else is fetched first", async () => {
    const b = new Browser(server.url);
    await b.signUp();
    await b.postForm("/logout", {});
    expect(b.cookie("margin_flash")).toBeTruthy();
    // Remix's route manifest, an open page's event stream or a feed reader asking in between must not use it up.
    await b.get("/__manifest?p=%2F&version=test", { accept: "*/*" });
    await b.get("/c/no-such-consultation/s/aaaaaaaaaaaaaaaa/events", { accept: "text/event-stream" });
    await b.get("/c/no-such-consultation/feed.atom", { accept: "application/atom+xml" });
    expect(await (await b.get("/", { accept: "text/html" })).text()).toContain("You are signed out.");
    // The page did use it up.
    expect(await (await b.get("/", { accept: "text/html" })).text()).not.toContain("You are signed out.");
  });

  it("shows field errors for bad sign-up input and creates nothing", async () => {
    const b = new Browser(server.url);
    const res = await b.postForm("/signup", { email: "not-an-email", password: "short", displayName: "  ", stakeholderGroup: "aliens" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Enter an email address like name@example.org.");
    expect(html).toContain("Password needs at least 8 characters.");
    expect(html).toContain("Display name is required.");
    expect(html).toContain("Choose a stakeholder group.");
    expect(html).toContain('aria-invalid="true"');
    expect(b.cookie("margin_session")).toBeUndefined();
  });

  it("refuses hostile text and duplicated fields", async () => {
    const b = new Browser(server.url);
    const rtl = await b.postForm("/signup", { email: "rtl@example.org", password: PASSWORD, displayName: "evil\u202Egnp.exe", stakeholderGroup: "other" });
    expect(rtl.status).toBe(400);
    expect(await rtl.text()).toContain("text-direction override");
    const dup = await b.postForm("/signup", { email: ["dup@example.org", "other@example.org"], password: PASSWORD, displayName: "D", stakeholderGroup: "other" });
    expect(dup.status).toBe(400);
    expect(await dup.text()).toContain("sent more than once");
    const check = await new Browser(server.url).signIn("dup@example.org", PASSWORD);
    expect(check.status).toBe(401);
  });

  it("ignores fields it does not expect (no mass assignment)", async () => {
    const b = new Browser(server.url);
    const res = await b.postForm("/signup", {
      email: "mass@example.org",
      password: PASSWORD,
      displayName: "Mass",
      stakeholderGroup: "other",
      siteRole: "admin",
      site_role: "admin",
      consent: "yes",
    });
    expect(res.status).toBe(302);
    expect((await b.signIn("mass@example.org", PASSWORD)).status).toBe(302);
    expect(await (await b.get("/account")).text()).not.toContain("site administrator");
  });

  it("answers unknown email and wrong password identically", async () => {
    const b = new Browser(server.url);
    const email = await b.signUp();
    const wrong = await new Browser(server.url).signIn(email, "wrong password!");
    const unknown = await new Browser(server.url).signIn("nobody@example.org", "wrong password!");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    // The pages may differ only in the echoed email and the per-request CSP nonce.
    const normalise = (html: string, typed: string) => {
      const nonce = parse(html).querySelector("[nonce]")?.getAttribute("nonce") ?? "";
      return html.split(typed).join("EMAIL").split(nonce).join("NONCE");
    };
    expect(normalise(await wrong.text(), email)).toBe(normalise(await unknown.text(), "nobody@example.org"));
  });

  it("limits sign-in attempts per email with 429 and Retry-After", async () => {
    const email = await new Browser(server.url).signUp();
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 5; i++) {
      last = await new Browser(server.url).signIn(email, "wrong password!");
      statuses.push(last.status);
    }
    // Four attempts per window: the sign-in right after sign-up was the first.
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await last!.text()).toContain("Too many sign-in attempts");
  });

  it("treats malformed or forged session cookies as signed out and clears them", async () => {
    for (const value of ["garbage", "a.b", `${"a".repeat(24)}.${"b".repeat(24)}`, "%%%"]) {
      const b = new Browser(server.url);
      b.setCookie("margin_session", value);
      const res = await b.get("/");
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("Sign in");
      expect(b.cookie("margin_session")).toBeUndefined();
    }
  });

  it("refuses POSTs without our Origin and changes nothing", async () => {
    const body = new URLSearchParams({ email: "csrf@example.org", password: PASSWORD, displayName: "C", stakeholderGroup: "other" });
    for (const origin of [undefined, "null", "https://evil.example"]) {
      const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
      if (origin) headers.origin = origin;
      const res = await fetch(`${server.url}/signup`, { method: "POST", body, headers, redirect: "manual" });
      expect(res.status).toBe(403);
    }
    expect((await new Browser(server.url).signIn("csrf@example.org", PASSWORD)).status).toBe(401);
  });

  it("refuses bodies over 1 MiB with 413", async () => {
    const b = new Browser(server.url);
    const res = await b.postForm("/signup", { email: "big@example.org", password: PASSWORD, displayName: "x".repeat(1_100_000), stakeholderGroup: "other" });
    expect(res.status).toBe(413);
    expect((await new Browser(server.url).signIn("big@example.org", PASSWORD)).status).toBe(401);
  });

  it("lists sessions and signs out everywhere", async () => {
    const a = new Browser(server.url);
    const email = await a.signUp();
    const b = new Browser(server.url);
    expect((await b.signIn(email, PASSWORD)).status).toBe(302);
    const page = await (await a.get("/account")).text();
    expect(parse(page).querySelectorAll('[name="sessionId"]')).toHaveLength(2);
    expect((await a.postForm("/account", { intent: "revoke-all" })).status).toBe(302);
    expect((await b.get("/account")).status).toBe(302);
    expect((await a.get("/account")).status).toBe(302);
  });

  it("creates an API token shown once, uses it, and revokes it", async () => {
    const b = new Browser(server.url);
    await b.signUp();
    const created = await b.postForm("/account", { intent: "create-token", name: "Submissions system" });
    expect(created.status).toBe(200);
    const token = /mgn_[a-z2-7]{16}_[a-z2-7]{24}/.exec(await created.text())?.[0];
    expect(token).toBeDefined();
    const page = await (await b.get("/account")).text();
    expect(page).toContain("Submissions system");
    expect(page).not.toContain(token!);

    const ok = await fetch(`${server.url}/api/v1/consultations`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    const id = token!.slice(4, 20);
    expect((await b.postForm("/account", { intent: "revoke-token", tokenId: id })).status).toBe(302);
    const revoked = await fetch(`${server.url}/api/v1/consultations`, { headers: { authorization: `Bearer ${token}` } });
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).error.code).toBe("unauthenticated");
  });

  it("redirects only to same-site paths after sign-in", async () => {
    // One account per attempt: each has four sign-ins per window, and signing up used one.
    for (const target of ["//evil.example", "https://evil.example", "/\\evil.example"]) {
      const email = await new Browser(server.url).signUp();
      const res = await new Browser(server.url).postForm("/login", { email, password: PASSWORD, redirectTo: target });
      expect(res.headers.get("location")).toBe("/");
    }
    const email = await new Browser(server.url).signUp();
    const res = await new Browser(server.url).postForm("/login", { email, password: PASSWORD, redirectTo: "/account" });
    expect(res.headers.get("location")).toBe("/account");
  });
});
