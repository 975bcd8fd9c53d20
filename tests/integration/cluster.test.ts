import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, openEventStream } from "../helpers/client.js";
import { closed, connectReplica, firstText, rawSocket, sameYjsState, synced, waitFor, type Replica } from "../helpers/collab.js";
import { createTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { redisServerPath, startTestRedis, type TestRedis } from "../helpers/redis.js";
import { CLI_TEST_TIMEOUT_MS, runCli, startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
const ENV = { DEMO_PASSWORD: PASSWORD, COLLAB_MESSAGE_BURST: "2000", COLLAB_GAP_REPAIR_MS: "200", COMMENT_LIMIT_PER_MINUTE: "1000" };

/** Several nodes need PostgreSQL (shared by the nodes) and Redis (the bus). */
const available = Boolean(process.env.TEST_DATABASE_URL) && redisServerPath() !== null;

describe.runIf(!available && process.env.CLUSTER_REQUIRED === "1")("multi-node tests", () => {
  it("have what they need", () => {
    expect.fail("CLUSTER_REQUIRED=1, but TEST_DATABASE_URL is unset or redis-server is not installed (apt-get install -y redis-server)");
  });
});

describe.runIf(available)("two nodes on PostgreSQL and Redis", () => {
  let tdb: TestDatabase;
  let redis: TestRedis;
  let a: TestServer;
  let b: TestServer;
  let sections: string[];
  let cookie: string;
  const replicas: Replica[] = [];
  const replica = (node: TestServer, section: string, withCookie = true) => {
    const r = connectReplica(node.url, section, withCookie ? cookie : undefined);
    replicas.push(r);
    return r;
  };
  const textOn = async (node: TestServer, section: string) => (await (await fetch(`${node.url}/api/v1/sections/${section}`)).json()).text as string;

  beforeAll(async () => {
    tdb = await createTestDatabase("postgres");
    redis = await startTestRedis();
    // Both start at once on an empty database: the migrations must run exactly once.
    [a, b] = await Promise.all([
      startServer(tdb.url, { ...ENV, REDIS_URL: redis.url }),
      startServer(tdb.url, { ...ENV, REDIS_URL: redis.url }),
    ]);
    const seeded = await runCli(["seed"], { DATABASE_URL: tdb.url, DEMO_PASSWORD: PASSWORD });
    expect(seeded.code).toBe(0);
    sections = (await (await fetch(`${a.url}/api/v1/consultations/ai-guideline`)).json()).sections.map((s: { id: string }) => s.id);
    const owner = new Browser(a.url);
    await owner.signIn("owner@example.org", PASSWORD);
    cookie = `margin_session=${owner.cookie("margin_session")}`;
  }, CLI_TEST_TIMEOUT_MS);
  afterAll(async () => {
    for (const r of replicas) r.destroy();
    await a?.stop();
    await b?.stop();
    await redis?.stop();
    await tdb?.drop();
  });

  it("started both nodes on one database, migrating once", async () => {
    expect(a.output()).not.toMatch(/migration .* failed/);
    expect(b.output()).not.toMatch(/migration .* failed/);
    expect((await fetch(`${a.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${b.url}/healthz`)).status).toBe(200);
  });

  it("lets clients on each node edit the same section and converge", async () => {
    const id = sections[0]!;
    const onA = replica(a, id);
    const onB = replica(b, id);
    await Promise.all([synced(onA), synced(onB)]);
    const ta = firstText(onA.doc);
    const tb = firstText(onB.doc);
    for (let i = 0; i < 20; i++) {
      ta.insert(0, "a");
      tb.insert(tb.length, "b");
    }
    await waitFor(() => onA.text() === onB.text() && (onA.text().match(/[ab]/g)?.length ?? 0) >= 40 && sameYjsState([onA.doc, onB.doc]), 10_000, "the replicas to converge");
    // The database log has it all, in one order: each node reads the same text back.
    await waitFor(async () => (await textOn(a, id)) === (await textOn(b, id)), 10_000, "the nodes to agree");
    expect(await textOn(b, id)).toContain("a".repeat(20));
    expect(await textOn(a, id)).toContain("b".repeat(20));
  });

  it("shows presence across nodes", async () => {
    const id = sections[1]!;
    const onA = replica(a, id);
    const onB = replica(b, id);
    await Promise.all([synced(onA), synced(onB)]);
    onA.provider.awareness.setLocalStateField("cursor", null);
    await waitFor(() => [...onB.provider.awareness.getStates().values()].some((s) => s.user?.name === "Olivia Owner" && s !== onB.provider.awareness.getLocalState()), 10_000, "A's presence on B");
  });

  it("delivers a comment posted on one node live to a page open on the other", async () => {
    const id = sections[2]!;
    const stream = await openEventStream(`${b.url}/c/ai-guideline/s/${id}/events`);
    const got = stream.until("event: activity");
    const civil = new Browser(a.url);
    await civil.signIn("civil@example.org", PASSWORD);
    const posted = await civil.postForm(`/c/ai-guideline/s/${id}`, { intent: "comment", kind: "comment", body: "Posted on node A." });
    expect(posted.status).toBe(302);
    expect(await got).toContain("event: activity");
    stream.close();
    const onB = (await (await fetch(`${b.url}/api/v1/sections/${id}/comments`)).json()).items.map((c: { body: string }) => c.body);
    expect(onB).toContain("Posted on node A.");
  });

  it("tells a reader's page on one node that the text changed on the other", async () => {
    const id = sections[3]!;
    const stream = await openEventStream(`${b.url}/c/ai-guideline/s/${id}/events`);
    const told = stream.until("event: text");
    const onA = replica(a, id);
    await synced(onA);
    firstText(onA.doc).insert(0, "Typed on node A. ");
    expect(await told).toContain("event: text");
    stream.close();
  });

  it("honours sessions, API tokens and rate limits on every node", async () => {
    // A token made on A posts through B.
    const industry = new Browser(a.url);
    await industry.signIn("industry@example.org", PASSWORD);
    const created = await industry.postForm("/account", { intent: "create-token", name: "Filing system" });
    const token = /mgn_[a-z2-7]{16}_[a-z2-7]{24}/.exec(await created.text())![0];
    const viaB = await fetch(`${b.url}/api/v1/sections/${sections[5]}/comments`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ body: "Filed through node B." }),
    });
    expect(viaB.status).toBe(201);
    // Signing out everywhere on A closes a socket held on B.
    const { ws } = await rawSocket(b.url, `/collab/${sections[5]}`, { origin: b.origin, cookie: `margin_session=${industry.cookie("margin_session")}` });
    const done = closed(ws);
    await industry.postForm("/account", { intent: "revoke-all" });
    expect((await done).code).toBe(4401);
    // Failed sign-ins count against one budget across nodes (10 per account by default).
    const attempt = (node: TestServer) => new Browser(node.url).signIn("moderator@example.org", "wrong password!");
    for (let i = 0; i < 5; i++) expect((await attempt(a)).status).toBe(401);
    for (let i = 0; i < 5; i++) expect((await attempt(b)).status).toBe(401);
    expect((await attempt(a)).status).toBe(429);
    expect((await attempt(b)).status).toBe(429);
  });

  it("keeps every acknowledged edit when a node is killed mid-burst; its clients carry on on the other", async () => {
    const id = sections[3]!;
    const writer = replica(a, id);
    const watcher = replica(b, id, false);
    await Promise.all([synced(writer), synced(watcher)]);
    const t = firstText(writer.doc);
    let typed = 0;
    const typing = setInterval(() => {
      t.insert(0, `${typed++ % 10}`);
    }, 5);
    await waitFor(() => (watcher.text().match(/^\d+/)?.[0].length ?? 0) >= 50, 10_000, "the watcher to see the first keystrokes");
    await a.kill9();
    const acknowledged = watcher.text();
    // The writer keeps typing into the dead node for a while: edits nobody acknowledged.
    const typedAtKill = typed;
    await waitFor(() => typed >= typedAtKill + 20, 10_000, "the writer to type on after the kill");
    clearInterval(typing);
    // The writer's client reconnects to the other node with everything it has, seen or not.
    writer.provider.destroy();
    const moved = connectReplica(b.url, id, cookie);
    replicas.push(moved);
    const { applyUpdate, encodeStateAsUpdate } = await import("yjs");
    applyUpdate(moved.doc, encodeStateAsUpdate(writer.doc));
    await synced(moved);
    await waitFor(async () => (await textOn(b, id)).startsWith(writer.text().split("\n")[0]!), 10_000, "node B to hold the writer's text");
    const now = await textOn(b, id);
    // Nothing another client saw is lost…
    expect(now.replace(/\n\n/g, "\n")).toContain(acknowledged.split("\n")[0]!);
    // …and it is durable: a fresh node reads the same from the database.
    a = await startServer(tdb.url, { ...ENV, REDIS_URL: redis.url });
    expect(await textOn(a, id)).toBe(now);
  });

  it("catches up from the database when Redis restarts mid-session", async () => {
    const id = sections[4]!;
    const onA = replica(a, id);
    const onB = replica(b, id);
    await Promise.all([synced(onA), synced(onB)]);
    await redis.stop();
    firstText(onA.doc).insert(0, "Written while the bus was down. ");
    // Stored by node A all the same; node B cannot hear of it yet.
    await waitFor(async () => (await textOn(a, id)).startsWith("Written while the bus was down."), 10_000, "node A to store the edit");
    await redis.start();
    await waitFor(() => onB.text().startsWith("Written while the bus was down."), 15_000, "node B to catch up after Redis returned");
    // And the bus works again in both directions.
    firstText(onB.doc).insert(0, "Back to normal. ");
    await waitFor(() => onA.text().startsWith("Back to normal. Written while"), 10_000, "node A to hear B again");
  });

  // Last: it switches the consultation to the working copy (issue 17, ADR 026).
  it("shares a working copy among the team across nodes, and a publication on one node reaches readers on the other", async () => {
    const id = sections[6]!;
    const owner = new Browser(a.url);
    await owner.signIn("owner@example.org", PASSWORD);
    expect((await owner.postForm("/c/ai-guideline/settings", { intent: "drafting-mode", mode: "working" })).status).toBe(302);
    const copyOnA = connectReplica(a.url, `${id}.working`, `margin_session=${owner.cookie("margin_session")}`);
    const copyOnB = connectReplica(b.url, `${id}.working`, `margin_session=${owner.cookie("margin_session")}`);
    replicas.push(copyOnA, copyOnB);
    const readerOnB = replica(b, id, false);
    await Promise.all([copyOnA, copyOnB, readerOnB].map(synced));
    firstText(copyOnA.doc).insert(0, "From A. ");
    await waitFor(() => copyOnB.text().startsWith("From A. "), 10_000, "A's working edit on B");
    firstText(copyOnB.doc).insert(0, "From B. ");
    await waitFor(() => copyOnA.text().startsWith("From B. From A. "), 10_000, "B's working edit on A");
    expect(readerOnB.text()).not.toContain("From A.");
    expect(await textOn(b, id)).not.toContain("From A.");
    const published = await owner.postForm("/c/ai-guideline/working", { intent: "publish", sectionId: id });
    expect(published.status).toBe(200);
    await waitFor(() => readerOnB.text().startsWith("From B. From A. "), 10_000, "the publication to reach a reader on the other node");
    expect(await textOn(b, id)).toMatch(/^From B\. From A\. /);
    expect(sameYjsState([copyOnA.doc, copyOnB.doc])).toBe(true);
  });
});
