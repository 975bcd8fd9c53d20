import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSigningKeyPem, signStatement, signingKeyFromPem } from "../../server/ledger/signing.js";
import { apiRoutes } from "../../server/http/api/index.js";
import { openApiPath } from "../../server/http/api/registry.js";
import type { Services } from "../../server/http/context.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { createResponseChecker } from "../helpers/openapi-check.js";
import { startServer, type TestServer } from "../helpers/server.js";

// Issue 19, items 9 and 10 (ADR 038): the OpenAPI description of /api/v1 and the HTTP semantics around it.
const PASSWORD = "demo-password-1";
const SLUG = "ai-guideline";
/** Small enough to run out of in a test. */
const POSTS_PER_MINUTE = 3;
const ELSEWHERE = "https://third-party.example";

type Doc = { openapi: string; paths: Record<string, Record<string, unknown>>; servers: { url: string }[] };

describe.each(databaseKinds())("the HTTP API's description and semantics on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let token: string;
  let sectionId: string;
  let doc: Doc;

  const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}/api/v1${path}`, init);
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    api(`/sections/${sectionId}/comments`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: String(POSTS_PER_MINUTE) });
    const industry = new Browser(server.url);
    await industry.signIn("industry@example.org", PASSWORD);
    token = /mgn_[a-z2-7]{16}_[a-z2-7]{24}/.exec(await (await industry.postForm("/account", { intent: "create-token", name: "OpenAPI test" })).text())![0];
    sectionId = (await (await api(`/consultations/${SLUG}`)).json()).sections[0].id;
    doc = (await (await api("/openapi.json")).json()) as Doc;
  });
  afterAll(async () => {
    await server?.stop();
    await tdb?.drop();
  });

  it("serves an OpenAPI 3.1 document that a real validator accepts, readable cross-site", async () => {
    const res = await api("/openapi.json", { headers: { origin: ELSEWHERE } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers[0]!.url).toBe(`${server.origin}/api/v1`);
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("describes every route the server registers, and the ones the README promises", () => {
    // The declarations only close over services; building them needs none.
    const routes = apiRoutes({} as Services);
    expect(routes.length).toBeGreaterThan(25);
    for (const r of routes) expect(doc.paths[openApiPath(r.path)], `${r.method} ${r.path}`).toHaveProperty(r.method);
    const promised = [
      "/consultations",
      "/consultations/{slug}",
      "/sections/{id}",
      "/sections/{id}/history",
      "/sections/{id}/versions",
      "/sections/{id}/diff",
      "/sections/{id}/comments",
      "/sections/{id}/positions",
      "/sections/{id}/positions/me",
      "/ledger",
      "/ledger/head",
      "/ledger/checkpoints",
      "/requests",
      "/search",
      "/openapi.json",
    ];
    for (const p of promised) expect(Object.keys(doc.paths)).toContain(p);
    expect(Object.keys(doc.paths["/sections/{id}/comments"]!).sort()).toEqual(["get", "post"]);
    // The one paging style is what the document teaches; the older parameter is there, marked deprecated.
    const ledgerParams = (doc.paths["/ledger"]!.get as { parameters: { name: string; deprecated?: boolean }[] }).parameters;
    expect(ledgerParams.map((p) => [p.name, p.deprecated ?? false])).toEqual([
      ["limit", false],
      ["cursor", false],
      ["after", true],
    ]);
  });

  it("checks a response against the document, and finds a wrong one (the global check can fail)", async () => {
    const check = createResponseChecker(doc as never);
    const headRes = await api("/ledger/head");
    const body = await headRes.json();
    const seen = { method: "GET", path: "/api/v1/ledger/head", status: 200, contentType: "application/json; charset=utf-8" };
    expect(check({ ...seen, body })).toEqual([]);
    expect(check({ ...seen, body: { ...body, seq: "seven" } }).join()).toMatch(/body does not match the schema/);
    expect(check({ ...seen, body: { chain: "public" } }).join()).toMatch(/must have required property/);
    expect(check({ ...seen, contentType: "text/html", body }).join()).toMatch(/media type text\/html not declared/);
    expect(check({ ...seen, status: 302, body }).join()).toMatch(/status not declared/);
    expect(check({ ...seen, method: "DELETE", status: 404, body: { error: { code: "not_found", message: "x" } } }).join()).toMatch(/405 was expected/);
  });

  it("lets any site read public data (never with credentials) and answers the preflight", async () => {
    const anonymous = await api("/consultations", { headers: { origin: ELSEWHERE } });
    expect(anonymous.headers.get("access-control-allow-origin")).toBe("*");
    expect(anonymous.headers.get("access-control-allow-credentials")).toBeNull();
    expect(anonymous.headers.get("access-control-expose-headers")).toContain("Link");
    // HEAD too.
    const head = await api(`/sections/${sectionId}`, { method: "HEAD", headers: { origin: ELSEWHERE } });
    expect([head.status, head.headers.get("access-control-allow-origin")]).toEqual([200, "*"]);

    // A request that carries a token or a cookie may see more (a team sees its drafts): no CORS for it.
    const withToken = await api("/consultations", { headers: { origin: ELSEWHERE, authorization: `Bearer ${token}` } });
    expect(withToken.status).toBe(200);
    expect(withToken.headers.get("access-control-allow-origin")).toBeNull();
    const withCookie = await api("/consultations", { headers: { origin: ELSEWHERE, cookie: "margin_session=whatever" } });
    expect(withCookie.headers.get("access-control-allow-origin")).toBeNull();
    // Caches key on who asks, and keep what a caller with credentials saw to that caller.
    for (const res of [anonymous, withToken, withCookie]) expect(res.headers.get("vary")).toMatch(/Cookie.*Authorization/);
    expect(withToken.headers.get("cache-control")).toBe("private");
    expect(anonymous.headers.get("cache-control")).toBeNull();

    const preflight = await api(`/sections/${sectionId}/comments`, {
      method: "OPTIONS",
      headers: { origin: ELSEWHERE, "access-control-request-method": "GET", "access-control-request-headers": "accept" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toBe("GET, HEAD");
    expect(preflight.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("accept");
    expect(preflight.headers.get("access-control-allow-headers")?.toLowerCase()).not.toContain("authorization");
    expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();
    expect(preflight.headers.get("allow")).toBe("GET, POST, HEAD, OPTIONS");

    // Writes are never open cross-site: a path of writes only has no CORS at all, and a write's answer carries none.
    const writesOnly = await api(`/sections/${sectionId}/positions/me`, { method: "OPTIONS", headers: { origin: ELSEWHERE, "access-control-request-method": "PUT" } });
    expect([writesOnly.status, writesOnly.headers.get("access-control-allow-origin"), writesOnly.headers.get("allow")]).toEqual([204, null, "PUT, OPTIONS"]);
    const write = await api(`/sections/${sectionId}/positions/me`, {
      method: "PUT",
      headers: { origin: ELSEWHERE, "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ stance: "support", rationale: "" }),
    });
    expect(write.status).toBe(200);
    expect(write.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers a wrong method with 405 and Allow, not 404", async () => {
    const res = await api("/consultations", { method: "DELETE" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect((await res.json()).error.code).toBe("method_not_allowed");
    const put = await api(`/sections/${sectionId}/comments`, { method: "PUT", headers: { "content-type": "application/json" }, body: "{}" });
    expect([put.status, put.headers.get("allow")]).toEqual([405, "GET, POST, HEAD, OPTIONS"]);
    // A path that does not exist is still a 404.
    expect((await api("/no-such-thing", { method: "DELETE" })).status).toBe(404);
  });

  it("answers a write without a token 401 with WWW-Authenticate: Bearer, and a bad token likewise", async () => {
    const none = await api(`/sections/${sectionId}/comments`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ body: "Hello" }) });
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer realm="margin"$/);
    expect((await none.json()).error.code).toBe("unauthenticated");
    const bad = await post({ body: "Hello" }, { authorization: "Bearer mgn_nonsense" });
    expect(bad.status).toBe(401);
    expect(bad.headers.get("www-authenticate")).toContain('error="invalid_token"');
    // A write with a session cookie but from another site is still refused as foreign (CSRF).
    const foreign = await api(`/sections/${sectionId}/comments`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: "margin_session=whatever", origin: ELSEWHERE },
      body: JSON.stringify({ body: "Hello" }),
    });
    expect(foreign.status).toBe(403);
  });

  it("answers a body in another format 415", async () => {
    const res = await api(`/sections/${sectionId}/comments`, { method: "POST", headers: { "content-type": "text/plain", authorization: `Bearer ${token}` }, body: "Hello" });
    expect(res.status).toBe(415);
    expect((await res.json()).error.code).toBe("unsupported_media_type");
    const form = await api(`/sections/${sectionId}/positions/me`, {
      method: "PUT",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Bearer ${token}` },
      body: "stance=oppose",
    });
    expect(form.status).toBe(415);
  });

  it("gives a 201 the Location of what it created, and that Location dereferences", async () => {
    const created = await post({ body: "The definitions in this section need an example for each term." });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    expect(created.headers.get("location")).toBe(`/api/v1/sections/${sectionId}/comments/${id}`);

    // A witness's co-signature: its Location is the checkpoint, which now lists it.
    await expect.poll(async () => (await api("/ledger/checkpoints/latest")).status, { timeout: 30_000 }).toBe(200);
    const cp = await (await api("/ledger/checkpoints/latest")).json();
    const witness = signingKeyFromPem(generateSigningKeyPem(), "witness");
    const cosigned = await api(`/ledger/checkpoints/${cp.seq}/witnesses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ publicKey: witness.info.publicKey, name: "Daily Tribune", signature: signStatement(witness.privateKey, cp) }),
    });
    expect(cosigned.status).toBe(201);
    const location = cosigned.headers.get("location")!;
    expect(location).toBe(`/api/v1/ledger/checkpoints/${cp.seq}`);
    const there = await fetch(new URL(location, server.url));
    expect(there.status).toBe(200);
    expect((await there.json()).witnesses.map((w: { name: string }) => w.name)).toContain("Daily Tribune");
    expect(cosigned.headers.get("ratelimit-policy")).toMatch(/^"witnesses";q=\d+;w=3600$/);
  });

  it("sends the IETF RateLimit and RateLimit-Policy fields, and Retry-After once spent", async () => {
    const seen: string[] = [];
    let res = await post({ body: "A first remark on the scope of this section." });
    for (let i = 0; res.status === 201 && i < POSTS_PER_MINUTE + 1; i++) {
      expect(res.headers.get("ratelimit-policy")).toBe(`"posts";q=${POSTS_PER_MINUTE};w=60`);
      seen.push(res.headers.get("ratelimit")!);
      res = await post({ body: `Remark number ${i + 2} on the scope of this section.` });
    }
    for (const field of seen) expect(field).toMatch(/^"posts";r=\d+;t=\d+$/);
    const remaining = seen.map((f) => Number(/;r=(\d+)/.exec(f)![1]));
    expect(remaining).toEqual([...remaining].sort((a, b) => b - a));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(res.headers.get("ratelimit")).toMatch(/^"posts";r=0;t=\d+$/);
    expect(res.headers.get("ratelimit-policy")).toBe(`"posts";q=${POSTS_PER_MINUTE};w=60`);
  });

  it("pages every list one way: ?limit&cursor in, { items, nextCursor } out, with a Link to the next page", async () => {
    const lists = [
      "/consultations",
      `/consultations/${SLUG}/moderation`,
      `/consultations/${SLUG}/campaigns`,
      `/sections/${sectionId}/history`,
      `/sections/${sectionId}/versions`,
      `/sections/${sectionId}/comments`,
      "/ledger",
      "/ledger/checkpoints",
      "/requests",
      "/search?q=guideline",
    ];
    for (const list of lists) {
      const sep = list.includes("?") ? "&" : "?";
      const res = await api(`${list}${sep}limit=1`);
      expect(res.status, list).toBe(200);
      const page = await res.json();
      expect(Array.isArray(page.items), list).toBe(true);
      expect(page, list).toHaveProperty("nextCursor");
      expect(page.nextCursor === null || typeof page.nextCursor === "string", list).toBe(true);
      if (page.nextCursor === null) {
        expect(res.headers.get("link"), list).toBeNull();
        continue;
      }
      const link = /^<([^>]+)>; rel="next"$/.exec(res.headers.get("link") ?? "");
      expect(link, `${list}: ${res.headers.get("link")}`).not.toBeNull();
      const next = await fetch(new URL(link![1]!, server.url));
      expect(next.status, list).toBe(200);
      const second = await next.json();
      expect(JSON.stringify(second.items), list).not.toBe(JSON.stringify(page.items));
      const viaCursor = await (await api(`${list}${sep}limit=1&cursor=${encodeURIComponent(page.nextCursor)}`)).json();
      expect(viaCursor.items, list).toEqual(second.items);
    }
    // The ledger's older `after` still works, the same as the cursor.
    const byAfter = await (await api("/ledger?after=2&limit=2")).json();
    const byCursor = await (await api("/ledger?cursor=2&limit=2")).json();
    expect(byAfter.items).toEqual(byCursor.items);
    expect(byAfter.nextAfter).toBe(Number(byAfter.nextCursor));
    // A bad cursor or limit is a clear 400.
    expect((await api("/ledger?cursor=abc")).status).toBe(400);
    expect((await api("/consultations?limit=abc")).status).toBe(400);
  });
});
