import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, openEventStream } from "../helpers/client.js";
import { connectReplica, firstText, synced, waitFor } from "../helpers/collab.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";

describe.each(databaseKinds())("comments and positions on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let owner: Browser;
  let civil: Browser;
  let industry: Browser;
  let sections: string[];
  let token: string;

  const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}/api/v1${path}`, init);
  const postJson = (path: string, body: unknown, auth = token, method = "POST") =>
    api(path, { method, headers: { "content-type": "application/json", authorization: `Bearer ${auth}` }, body: JSON.stringify(body) });

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000" });
    owner = new Browser(server.url);
    await owner.signIn("owner@example.org", PASSWORD);
    civil = new Browser(server.url);
    await civil.signIn("civil@example.org", PASSWORD);
    industry = new Browser(server.url);
    await industry.signIn("industry@example.org", PASSWORD);
    sections = (await (await api("/consultations/ai-guideline")).json()).sections.map((s: { id: string }) => s.id);
    const created = await industry.postForm("/account", { intent: "create-token", name: "Filing system" });
    token = /mgn_[a-z2-7]{16}_[a-z2-7]{24}/.exec(await created.text())![0];
  });
  afterAll(async () => {
    await server?.stop();
    await tdb?.drop();
  });

  it("sends a comment's Markdown source to its author only: everyone else's page carries the rendered text alone", async () => {
    const id = sections[4]!;
    const res = await civil.postForm(`/c/ai-guideline/s/${id}`, { intent: "comment", kind: "comment", body: "A **firm** point on source-marker-7" });
    expect(res.status).toBe(302);
    const data = async (b: Browser | null) => (b ? await (await b.get(`/c/ai-guideline/s/${id}.data`)).text() : await (await fetch(`${server.url}/c/ai-guideline/s/${id}.data`)).text());
    // The author's edit box starts from the source.
    expect(await data(civil)).toContain("A **firm** point on source-marker-7");
    for (const reader of [null, industry, owner]) {
      const served = await data(reader);
      expect(served).toContain("<strong>firm</strong> point on source-marker-7");
      expect(served).not.toContain("**firm**");
    }
    // Withdrawn again, so the section's comments are as the other tests expect.
    const commentId = /#thread-([a-z2-7]{16})/.exec(res.headers.get("location")!)![1]!;
    expect((await civil.postForm(`/c/ai-guideline/s/${id}`, { intent: "delete", commentId })).status).toBe(302);
  });

  it("posts an anchored comment from the page and lists it with its quote", async () => {
    const id = sections[0]!;
    const res = await civil.postForm(`/c/ai-guideline/s/${id}`, {
      intent: "comment",
      kind: "comment",
      body: "Who decides what counts as <b>good practice</b>?",
      quoteExact: "good practice",
      quotePrefix: "It describes ",
      quoteSuffix: " that organisations",
      quoteStart: "60",
    });
    expect(res.status).toBe(302);
    const list = await (await api(`/sections/${id}/comments`)).json();
    expect(list.items).toHaveLength(1);
    const c = list.items[0];
    expect(c.body).toBe("Who decides what counts as <b>good practice</b>?");
    expect(c.author).toEqual({ name: "Carlos Civil", organisation: "Digital Rights Network", group: "civil_society", verifiedOrganisation: null });
    expect(c.anchor.state).toBe("exact");
    expect(c.anchor.quote.exact).toBe("good practice");
    const text = (await (await api(`/sections/${id}`)).json()).text as string;
    expect(text.slice(c.anchor.start, c.anchor.end)).toBe("good practice");
    const page = await (await new Browser(server.url).get(`/c/ai-guideline/s/${id}`)).text();
    expect(page).toContain("Who decides what counts as &lt;b&gt;good practice&lt;/b&gt;?");
  });

  it("keeps the anchor on its passage while drafters edit, and flags it when the passage changes", async () => {
    const id = sections[0]!;
    const writer = connectReplica(server.url, id, `margin_session=${owner.cookie("margin_session")}`);
    await synced(writer);
    firstText(writer.doc).insert(0, "Preface added. ");
    await waitFor(async () => (await (await api(`/sections/${id}/comments`)).json()).items[0].anchor.state === "moved", 5000, "the anchor to move");
    const moved = (await (await api(`/sections/${id}/comments`)).json()).items[0].anchor;
    const text = (await (await api(`/sections/${id}`)).json()).text as string;
    expect(text.slice(moved.start, moved.end)).toBe("good practice");

    // Rewrite the passage itself.
    const t = firstText(writer.doc);
    const at = t.toString().indexOf("good practice");
    t.delete(at, "good practice".length);
    t.insert(at, "recommended habits");
    await waitFor(async () => (await (await api(`/sections/${id}/comments`)).json()).items[0].anchor.state === "changed", 5000, "the anchor to change");
    const changed = (await (await api(`/sections/${id}/comments`)).json()).items[0].anchor;
    expect(changed.quote.exact).toBe("good practice");
    const page = await (await civil.get(`/c/ai-guideline/s/${id}`)).text();
    expect(page).toContain("The passage this refers to has changed since.");
    writer.destroy();
  });

  it("accepts programmatic submissions with a token, with W3C selectors, and exports W3C annotations", async () => {
    const id = sections[1]!;
    const res = await postJson(`/sections/${id}/comments`, {
      body: "Sector regulators need more technical staff.",
      selector: { type: "TextQuoteSelector", exact: "existing regulators remain responsible for their sectors" },
    });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.anchor.exact).toBe("existing regulators remain responsible for their sectors");
    const reply = await postJson(`/sections/${id}/comments`, { body: "Agreed.", parentId: created.id });
    expect(reply.status).toBe(201);

    const w3c = await (await api(`/sections/${id}/comments?format=w3c`)).json();
    expect(w3c.type).toBe("AnnotationCollection");
    expect(w3c.total).toBe(2);
    const [root, answer] = w3c.first.items;
    expect(root.motivation).toBe("commenting");
    // The passage in the current text, then as quoted, with when (ADR 035).
    expect(root.target[0].selector[0]).toMatchObject({ type: "TextQuoteSelector", exact: "existing regulators remain responsible for their sectors" });
    expect(root.target[0].selector[1].type).toBe("TextPositionSelector");
    expect(root.target[1]).toMatchObject({ state: { type: "TimeState" }, selector: { type: "TextQuoteSelector", exact: "existing regulators remain responsible for their sectors" } });
    expect(answer.motivation).toBe("replying");
    expect(answer.target).toBe(root.id);
  });

  it("refuses bad API input clearly and changes nothing", async () => {
    const id = sections[1]!;
    const before = (await (await api(`/sections/${id}/comments`)).json()).items.length;
    const cases: [unknown, number, string][] = [
      [{ body: "" }, 400, "invalid_input"],
      [{ body: "x", status: "published" }, 400, "invalid_input"],
      [{ body: "x".repeat(10_001) }, 400, "invalid_input"],
      [{ body: "ok", selector: { type: "TextQuoteSelector", exact: "no such words anywhere" } }, 409, "conflict"],
      [{ body: "ok", parentId: "aaaaaaaaaaaaaaaa" }, 404, "not_found"],
    ];
    for (const [body, status, code] of cases) {
      const res = await postJson(`/sections/${id}/comments`, body);
      expect(res.status).toBe(status);
      expect((await res.json()).error.code).toBe(code);
    }
    const malformed = await api(`/sections/${id}/comments`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: "{nope" });
    expect(malformed.status).toBe(400);
    const wrongType = await api(`/sections/${id}/comments`, { method: "POST", headers: { "content-type": "text/plain", authorization: `Bearer ${token}` }, body: "hi" });
    // A body in another format is 415 Unsupported Media Type (ADR 038), not a plain 400.
    expect(wrongType.status).toBe(415);
    const anonymous = await api(`/sections/${id}/comments`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ body: "hi" }) });
    // No token and no session: 401 with the scheme to use (ADR 038), not the Origin check's 403.
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Bearer /);
    const badToken = await postJson(`/sections/${id}/comments`, { body: "hi" }, "mgn_aaaaaaaaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbb");
    expect(badToken.status).toBe(401);
    expect((await (await api(`/sections/${id}/comments`)).json()).items.length).toBe(before);
  });

  it("refuses the same text twice within minutes", async () => {
    const id = sections[2]!;
    expect((await postJson(`/sections/${id}/comments`, { body: "Please define high impact." })).status).toBe(201);
    const again = await postJson(`/sections/${id}/comments`, { body: "Please define high impact." });
    expect(again.status).toBe(409);
  });

  it("shows a small Markdown subset in comments, with markup and unsafe links made harmless", async () => {
    const id = sections[1]!;
    const body = "This is **important**:\n\n- first\n- second\n\n<img src=x onerror=alert(1)> [click](javascript:alert(1)) [guide](https://example.org/guide)";
    const res = await civil.postForm(`/c/ai-guideline/s/${id}`, { intent: "comment", kind: "comment", body });
    expect(res.status).toBe(302);
    const page = await (await new Browser(server.url).get(`/c/ai-guideline/s/${id}`)).text();
    expect(page).toContain("<strong>important</strong>");
    expect(page).toContain("<li>first</li>");
    expect(page).toContain('<a href="https://example.org/guide" rel="nofollow ugc noopener">guide</a>');
    expect(page).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(page).not.toContain("<img src=x");
    expect(page).not.toContain('href="javascript:');
    // The stored and published text stays exactly what was written.
    const items = (await (await api(`/sections/${id}/comments`)).json()).items;
    expect(items.some((c: { body: string }) => c.body === body)).toBe(true);
  });

  it("lets authors edit within the window and delete, leaving a tombstone", async () => {
    const id = sections[3]!;
    const res = await civil.postForm(`/c/ai-guideline/s/${id}`, { intent: "comment", kind: "comment", body: "First thought." });
    expect(res.status).toBe(302);
    const commentId = /#thread-([a-z2-7]{16})/.exec(res.headers.get("location")!)![1]!;
    expect((await industry.postForm(`/c/ai-guideline/s/${id}`, { intent: "edit", commentId, body: "Hijacked." })).status).toBe(403);
    expect((await civil.postForm(`/c/ai-guideline/s/${id}`, { intent: "edit", commentId, body: "Second thought." })).status).toBe(302);
    let items = (await (await api(`/sections/${id}/comments`)).json()).items;
    expect(items[0].body).toBe("Second thought.");
    expect(items[0].editedAt).not.toBeNull();
    expect((await civil.postForm(`/c/ai-guideline/s/${id}`, { intent: "delete", commentId })).status).toBe(302);
    items = (await (await api(`/sections/${id}/comments`)).json()).items;
    expect(items).toHaveLength(0);
    const page = await (await new Browser(server.url).get(`/c/ai-guideline/s/${id}`)).text();
    expect(page).toContain("Deleted by its author.");
    expect(page).not.toContain("Second thought.");
    expect((await civil.postForm(`/c/ai-guideline/s/${id}`, { intent: "reply", parentId: commentId, body: "late" })).status).toBe(404);
  });

  it("records positions, keeps the history, and counts by stakeholder group", async () => {
    const id = sections[4]!;
    expect((await civil.postForm(`/c/ai-guideline/s/${id}`, { intent: "position", stance: "oppose", rationale: "Too weak." })).status).toBe(302);
    expect((await civil.postForm(`/c/ai-guideline/s/${id}`, { intent: "position", stance: "support_with_changes", rationale: "Better." })).status).toBe(302);
    const put = await postJson(`/sections/${id}/positions/me`, { stance: "support" }, token, "PUT");
    expect(put.status).toBe(200);
    const bad = await postJson(`/sections/${id}/positions/me`, { stance: "love it" }, token, "PUT");
    expect(bad.status).toBe(400);
    const counts = await (await api(`/sections/${id}/positions`)).json();
    expect(counts.total).toBe(2);
    expect(counts.counts).toEqual(
      expect.arrayContaining([
        { stakeholder_group: "civil_society", stance: "support_with_changes", n: 1 },
        { stakeholder_group: "industry", stance: "support", n: 1 },
      ]),
    );
    const page = await (await civil.get(`/c/ai-guideline/s/${id}`)).text();
    expect(page).toContain("Your earlier position stays in the record.");
  });

  it("handles suggested amendments: endorse, overlap, accept into the text crediting the proposer, decline with a reason", async () => {
    const id = sections[2]!;
    const suggest = (exact: string, replacement: string, body: string) =>
      postJson(`/sections/${id}/comments`, { kind: "suggestion", body, replacement, selector: { type: "TextQuoteSelector", exact } });
    const first = await (await suggest("documented impact assessment", "independent impact assessment", "Make it independent.")).json();
    const second = await (await suggest("impact assessment before deployment", "impact assessment and audit before deployment", "Add audits.")).json();
    expect(first.status).toBe("published");

    // Endorse, from the page.
    expect((await civil.postForm(`/c/ai-guideline/s/${id}`, { intent: "react", commentId: first.id, reaction: "endorse" })).status).toBe(302);
    const ownReaction = await industry.postForm(`/c/ai-guideline/s/${id}`, { intent: "react", commentId: first.id, reaction: "endorse" });
    expect(ownReaction.status).toBe(409);
    let page = await (await owner.get(`/c/ai-guideline/s/${id}`)).text();
    expect(page).toContain("1 endorse · 0 oppose");
    expect(page).toContain("Overlaps another open suggestion");

    // Only the drafting team may accept.
    expect((await civil.postForm(`/c/ai-guideline/s/${id}`, { intent: "accept", commentId: first.id })).status).toBe(403);
    expect((await owner.postForm(`/c/ai-guideline/s/${id}`, { intent: "accept", commentId: first.id })).status).toBe(302);
    const text = (await (await api(`/sections/${id}`)).json()).text as string;
    expect(text).toContain("independent impact assessment");
    expect(text).not.toContain("documented impact assessment");
    const history = await (await api(`/sections/${id}/history`)).json();
    expect(history.items[0].suggestionId).toBe(first.id);
    expect(history.items[0].authors.map((a: { name: string }) => a.name)).toEqual(["Olivia Owner", "Ines Industry"]);
    expect((await owner.postForm(`/c/ai-guideline/s/${id}`, { intent: "accept", commentId: first.id })).status).toBe(409);

    // The overlapping one now points at changed words and cannot be applied automatically.
    const stale = await owner.postForm(`/c/ai-guideline/s/${id}`, { intent: "accept", commentId: second.id });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("The passage has changed since this was suggested");
    expect((await owner.postForm(`/c/ai-guideline/s/${id}`, { intent: "decline", commentId: second.id, reason: "" })).status).toBe(400);
    expect((await owner.postForm(`/c/ai-guideline/s/${id}`, { intent: "decline", commentId: second.id, reason: "Covered by the accepted change." })).status).toBe(302);
    page = await (await new Browser(server.url).get(`/c/ai-guideline/s/${id}`)).text();
    expect(page).toContain("Covered by the accepted change.");
    const listed = (await (await api(`/sections/${id}/comments`)).json()).items;
    expect(listed.find((c: { id: string }) => c.id === first.id).suggestionStatus).toBe("accepted");
    expect(listed.find((c: { id: string }) => c.id === second.id).suggestionStatus).toBe("declined");
  });

  it("refuses comments once the consultation is closed, on every path", async () => {
    await owner.postForm("/c/ai-guideline/settings", { intent: "phase", to: "closed" });
    const id = sections[5]!;
    const page = await civil.postForm(`/c/ai-guideline/s/${id}`, { intent: "comment", kind: "comment", body: "Too late?" });
    expect(page.status).toBe(403);
    const apiRes = await postJson(`/sections/${id}/comments`, { body: "Too late?" });
    expect(apiRes.status).toBe(403);
    expect((await postJson(`/sections/${id}/positions/me`, { stance: "support" }, token, "PUT")).status).toBe(403);
    expect((await (await api(`/sections/${id}/comments`)).json()).items).toHaveLength(0);
    await owner.postForm("/c/ai-guideline/settings", { intent: "phase", to: "open", confirm: "yes" });
  });

  it("keeps pre-moderated comments from everyone but their author and the team", async () => {
    await owner.postForm("/c/ai-guideline/settings", { intent: "settings", title: "Draft Guideline on the Responsible Use of Artificial Intelligence in Business", summary: "s", opensAt: "", closesAt: "", moderationMode: "pre" });
    const id = sections[6]!;
    const res = await civil.postForm(`/c/ai-guideline/s/${id}`, { intent: "comment", kind: "comment", body: "Waiting for approval." });
    expect(res.status).toBe(302);
    expect((await (await api(`/sections/${id}/comments`)).json()).items).toHaveLength(0);
    expect(await (await new Browser(server.url).get(`/c/ai-guideline/s/${id}`)).text()).not.toContain("Waiting for approval.");
    expect(await (await industry.get(`/c/ai-guideline/s/${id}`)).text()).not.toContain("Waiting for approval.");
    const own = await (await civil.get(`/c/ai-guideline/s/${id}`)).text();
    expect(own).toContain("Waiting for approval.");
    expect(own).toContain("Awaiting moderation");
    expect(await (await owner.get(`/c/ai-guideline/s/${id}`)).text()).toContain("Waiting for approval.");
  });

  it("tells open pages about new activity through the event stream", async () => {
    const id = sections[2]!;
    const stream = await openEventStream(`${server.url}/c/ai-guideline/s/${id}/events`);
    expect(stream.response.headers.get("content-type")).toContain("text/event-stream");
    const got = stream.until("event: activity");
    await postJson(`/sections/${id}/positions/me`, { stance: "neutral" }, token, "PUT");
    expect(await got).toContain("event: activity");
    stream.close();
  });
});

describe("posting limits", () => {
  let tdb: TestDatabase;
  let server: TestServer;
  beforeAll(async () => {
    tdb = await createTestDatabase("sqlite");
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "3" });
  });
  afterAll(async () => {
    await server?.stop();
    await tdb?.drop();
  });

  it("answers 429 with Retry-After once an account posts too fast, and stores nothing more", async () => {
    const civil = new Browser(server.url);
    await civil.signIn("civil@example.org", PASSWORD);
    const id = (await (await fetch(`${server.url}/api/v1/consultations/ai-guideline`)).json()).sections[0].id;
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 5; i++) {
      last = await civil.postForm(`/c/ai-guideline/s/${id}`, { intent: "comment", kind: "comment", body: `Point number ${i}.` });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([302, 302, 302, 429, 429]);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await (await fetch(`${server.url}/api/v1/sections/${id}/comments`)).json()).items).toHaveLength(3);
  });
});
