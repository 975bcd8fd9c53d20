import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "a long enough password";
const ENV = { SEED_DEMO: "1", DEMO_PASSWORD: "demo-password-1" };

/**
 * An operator turns REQUIRE_VERIFIED_EMAIL on after people signed up without
 * confirming: their sessions and API tokens still open, but the policy holds
 * every submission back until they confirm, naming the address and keeping
 * what they typed, and they cannot sign in again until then.
 */
describe.each(databaseKinds())("unconfirmed accounts once confirmation is required, on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { ...ENV, REQUIRE_VERIFIED_EMAIL: "0" });
  });
  afterAll(async () => {
    await server?.stop();
    await tdb?.drop();
  });

  it("holds back comments, positions and API writes of a session made before, and refuses a new sign-in", async () => {
    const b = new Browser(server.url);
    const email = `early-${kind}-${Math.random().toString(36).slice(2, 8)}@example.org`;
    const signup = await b.postForm("/signup", { email, password: PASSWORD, displayName: "Early Bird", organisation: "", stakeholderGroup: "individual", consent: "yes" });
    expect(signup.status).toBe(302);
    expect((await b.signIn(email, PASSWORD)).status).toBe(302);
    const created = await b.postForm("/account", { intent: "create-token", name: "Filing" });
    const token = /mgn_[a-z2-7]{16}_[a-z2-7]{24}/.exec(await created.text())![0];
    const c = (await (await fetch(`${server.url}/api/v1/consultations/ai-guideline`)).json()) as { sections: { id: string }[] };
    const sectionId = c.sections[0]!.id;

    await server.stop();
    server = await startServer(tdb.url, { ...ENV, REQUIRE_VERIFIED_EMAIL: "1" });
    const again = new Browser(server.url);
    again.setCookie("margin_session", b.cookie("margin_session")!);

    const home = await (await again.get("/")).text();
    expect(home).toContain(`Confirm your address ${email} to take part`);
    const refused = await again.postForm(`/c/ai-guideline/s/${sectionId}`, { intent: "comment", kind: "comment", body: "My carefully typed comment" });
    expect(refused.status).toBe(403);
    const html = await refused.text();
    expect(html).toContain(`Confirm your address ${email} before submitting`);
    expect(html).toContain("My carefully typed comment");
    expect((await again.postForm(`/c/ai-guideline/s/${sectionId}`, { intent: "position", stance: "support" })).status).toBe(403);
    const api = await fetch(`${server.url}/api/v1/sections/${sectionId}/comments`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ body: "From the filing system" }),
    });
    expect(api.status).toBe(403);
    const comments = (await (await fetch(`${server.url}/api/v1/sections/${sectionId}/comments`)).json()) as { items: { body: string }[] };
    expect(comments.items.map((x) => x.body)).not.toContain("My carefully typed comment");

    const fresh = new Browser(server.url);
    const signIn = await fresh.signIn(email, PASSWORD);
    expect(signIn.status).toBe(401);
    expect(await signIn.text()).toContain("not confirmed yet");
  });
});
