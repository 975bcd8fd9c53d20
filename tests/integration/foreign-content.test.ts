import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createDb, type Db } from "../../db/client.js";
import { insertSectionUpdates, reserveSeqs } from "../../db/queries/collab.js";
import { Browser } from "../helpers/client.js";
import { FOREIGN_WRITES, closed, connectReplica, firstText, rawSocket, synced, syncUpdateMessage, waitFor } from "../helpers/collab.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { CLI_TEST_TIMEOUT_MS, runCli, startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
const SLUG = "ai-guideline";
const ENV = { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COLLAB_CHANGESET_IDLE_MS: "100" };

async function logLength(db: Db, sectionId: string): Promise<number> {
  const row = await db.kysely.selectFrom("section_update").select((eb) => eb.fn.countAll<number>().as("n")).where("section_id", "=", sectionId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Content another editor binding writes: refused live, and tolerated when an older database already holds it. */
describe.each(databaseKinds())("content the editor cannot show, on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let owner: Browser;
  let sections: string[];
  const cookie = () => `margin_session=${owner.cookie("margin_session")}`;
  const history = async (id: string) => (await (await owner.get(`/api/v1/sections/${id}/history`)).json()).items as { seq: number }[];
  const startAndSignIn = async () => {
    server = await startServer(tdb.url, ENV);
    owner = new Browser(server.url);
    await owner.signIn("owner@example.org", PASSWORD);
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    await startAndSignIn();
    db = createDb(tdb.url);
    const c = await (await fetch(`${server.url}/api/v1/consultations/${SLUG}`)).json();
    sections = c.sections.map((s: { id: string }) => s.id);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.close();
    await tdb?.drop();
  });

  it("refuses each foreign write from a drafter's client with 4422, stores nothing, and keeps the section working", async () => {
    const id = sections[0]!;
    const watcher = connectReplica(server.url, id);
    await synced(watcher);
    const before = await logLength(db, id);
    const textBefore = (await (await fetch(`${server.url}/api/v1/sections/${id}`)).json()).text as string;
    for (const [what, write] of Object.entries(FOREIGN_WRITES)) {
      const { ws, status } = await rawSocket(server.url, `/collab/${id}`, { origin: server.origin, cookie: cookie() });
      expect(status, what).toBeUndefined();
      const done = closed(ws);
      ws.send(syncUpdateMessage(write()));
      expect((await done).code, what).toBe(4422);
    }
    expect(await logLength(db, id)).toBe(before);
    expect(server.output()).toContain("refused an update the editor cannot show");

    // The section keeps answering, and a normal edit after the refusals is stored and folded.
    const api = await fetch(`${server.url}/api/v1/sections/${id}`);
    expect(api.status).toBe(200);
    expect((await api.json()).text).toBe(textBefore);
    expect((await owner.get(`/c/${SLUG}/s/${id}`)).status).toBe(200);
    const changeSets = (await history(id)).length;
    const w = connectReplica(server.url, id, cookie());
    await synced(w);
    firstText(w.doc).insert(0, "Still editable. ");
    await waitFor(async () => (await history(id)).length > changeSets, 10_000, "a change set for the normal edit");
    expect((await (await fetch(`${server.url}/api/v1/sections/${id}`)).json()).text).toBe(`Still editable. ${textBefore}`);
    await waitFor(() => watcher.text().startsWith("Still editable."), 5_000, "the edit to reach the watcher");
    w.destroy();
    watcher.destroy();

    const verify = await runCli(["verify"], { DATABASE_URL: tdb.url });
    expect(verify.stderr).toBe("");
    expect(verify.code).toBe(0);
  }, CLI_TEST_TIMEOUT_MS);

  it("reads, folds, verifies and exports a database that already holds such content, naming the sections", async () => {
    await server.stop();
    // An older server stored these without looking: one foreign write per section.
    const bad = new Map<string, string>();
    const writes = Object.entries(FOREIGN_WRITES);
    for (let i = 0; i < writes.length; i++) {
      const [what, write] = writes[i]!;
      const id = sections[i + 1]!;
      bad.set(id, what);
      await db.kysely.transaction().execute(async (tx) => {
        const seq = await reserveSeqs(tx, id, 1);
        const user = await tx.selectFrom("user").select("id").where("email", "=", "owner@example.org").executeTakeFirstOrThrow();
        await insertSectionUpdates(tx, [{ section_id: id, seq, user_id: user.id, created_at: new Date().toISOString(), data: write() }]);
      });
    }
    await startAndSignIn();
    for (const [id, what] of bad) {
      expect((await fetch(`${server.url}/api/v1/sections/${id}`)).status, what).toBe(200);
      expect((await owner.get(`/c/${SLUG}/s/${id}`)).status, what).toBe(200);
      expect((await fetch(`${server.url}/api/v1/sections/${id}/history`)).status, what).toBe(200);
    }
    // Opening a section folds what its log holds; an edit after it folds too.
    const headSeq = async (id: string) => (await history(id))[0]?.seq ?? 0;
    const lastSeq = async (id: string) => Number((await db.kysely.selectFrom("section").select("last_seq").where("id", "=", id).executeTakeFirstOrThrow()).last_seq);
    for (const [id, what] of bad) {
      const opened = connectReplica(server.url, id, cookie());
      await synced(opened);
      const target = await lastSeq(id);
      await waitFor(async () => (await headSeq(id)) === target, 10_000, `the stored ${what} to be folded`);
      opened.destroy();
    }
    const [first] = bad.keys();
    const r = connectReplica(server.url, first!, cookie());
    await synced(r);
    const folded = await lastSeq(first!);
    const para = new Y.XmlElement("paragraph");
    para.insert(0, [new Y.XmlText("After the old content.")]);
    r.doc.getXmlFragment("default").push([para]);
    await waitFor(async () => (await headSeq(first!)) > folded, 10_000, "a change set for the edit after it");
    r.destroy();
    await waitFor(async () => (await (await fetch(`${server.url}/healthz`)).json()).collab.docs === 0, 10_000, "the document to unload");
    await server.stop();

    const verify = await runCli(["verify"], { DATABASE_URL: tdb.url });
    expect(verify.stderr).toBe("");
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain("OK");
    const exported = await runCli(["export", "--slug", SLUG], { DATABASE_URL: tdb.url });
    expect(exported.code).toBe(0);
    const json = JSON.parse(exported.stdout);
    expect(json.sections).toHaveLength(sections.length);
    expect(json.sections[0].text.length).toBeGreaterThan(0);
    const markdown = await runCli(["export", "--slug", SLUG, "--format", "md"], { DATABASE_URL: tdb.url });
    expect(markdown.code).toBe(0);
    for (const [id, what] of bad) {
      // "plain text under another root" leaves the editor's content intact, but the section still holds what it cannot show.
      expect(verify.stdout, what).toContain(`section ${id} holds content the editor cannot show`);
      expect(exported.stderr, what).toContain(`section ${id} holds content the editor cannot show`);
    }
    await startAndSignIn();
  }, CLI_TEST_TIMEOUT_MS);
});
