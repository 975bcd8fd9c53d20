import { readFileSync, existsSync } from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { installDataKeyring } from "../../server/crypto/active.js";
import { loadDataKeyring } from "../../server/crypto/keyring.js";
import { isSealed, sealedKeyId } from "../../server/crypto/sealed.js";
import { databaseSource } from "../../server/ledger/sources.js";
import { verifyLedger } from "../../server/ledger/verify.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { CLI_TEST_TIMEOUT_MS, runCli, startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
const SECRET = "Zebra-quartz incident count is 417 this year";
const API_SECRET = "Through the API: our red-team budget is 9.9 million";
const EDITED = "Edited confidential text about the osprey programme";

describe.each(databaseKinds())("confidential submissions sealed at rest on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let owner: Browser;
  let industry: Browser;
  let sectionId: string;
  let db: Db;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000" });
    owner = new Browser(server.url);
    await owner.signIn("owner@example.org", PASSWORD);
    industry = new Browser(server.url);
    await industry.signIn("industry@example.org", PASSWORD);
    sectionId = (await (await fetch(`${server.url}/api/v1/consultations/ai-guideline`)).json()).sections[5].id;
    db = createDb(tdb.url, { poolSize: 2 });
    // This process reads the same key file as the server, to verify the ledger in-process.
    installDataKeyring(loadDataKeyring({ DATABASE_URL: tdb.url }, { create: false }).ring);
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  async function storedBytes(): Promise<Buffer> {
    if (kind === "sqlite") {
      const path = tdb.url.slice("file:".length);
      return Buffer.concat([path, `${path}-wal`].filter(existsSync).map((p) => readFileSync(p)));
    }
    // What a dump of the table would hold: every row as text.
    const rows = await sql<{ row: string }>`select c::text as row from comment c`.execute(db.kysely);
    const edits = await sql<{ row: string }>`select e::text as row from comment_edit e`.execute(db.kysely);
    return Buffer.from([...rows.rows, ...edits.rows].map((r) => r.row).join("\n"));
  }

  it("stores a confidential submission sealed, and the team and its author still read it", async () => {
    const res = await industry.postForm(`/c/ai-guideline/s/${sectionId}`, {
      intent: "comment",
      kind: "comment",
      body: SECRET,
      confidential: "on",
      redactedBody: "We counted incidents and can share the trend.",
      publication: "organisation",
    });
    expect(res.status).toBe(302);
    const row = await db.kysely.selectFrom("comment").select(["id", "body"]).where("visibility", "=", "confidential").executeTakeFirstOrThrow();
    expect(isSealed(row.body)).toBe(true);

    const bytes = await storedBytes();
    expect(bytes.includes(Buffer.from(SECRET))).toBe(false);
    expect(bytes.includes(Buffer.from("Zebra-quartz"))).toBe(false);
    // Nor its words as grouping keeps them for topics (lower-cased terms, issue 18).
    expect(bytes.includes(Buffer.from("zebra"))).toBe(false);
    expect(bytes.includes(Buffer.from("quartz"))).toBe(false);

    expect(await (await owner.get(`/c/ai-guideline/s/${sectionId}`)).text()).toContain(SECRET);
    expect(await (await industry.get(`/c/ai-guideline/s/${sectionId}`)).text()).toContain(SECRET);
    // The public never sees it.
    expect(await (await new Browser(server.url).get(`/c/ai-guideline/s/${sectionId}`)).text()).not.toContain(SECRET);

    // An edit keeps the earlier text (sealed too) and seals the new one.
    const edit = await industry.postForm(`/c/ai-guideline/s/${sectionId}`, { intent: "edit", commentId: row.id, body: EDITED });
    expect(edit.status).toBe(302);
    const after = await storedBytes();
    expect(after.includes(Buffer.from(EDITED))).toBe(false);
    expect(after.includes(Buffer.from(SECRET))).toBe(false);
    expect(await (await owner.get(`/c/ai-guideline/s/${sectionId}`)).text()).toContain(EDITED);

    // The ledger's salted digests were computed on the plaintext: the record still checks.
    const report = await verifyLedger(databaseSource(db));
    expect(report.ok).toBe(true);
  });

  it("files a confidential submission through the API, sealed the same way", async () => {
    const created = await industry.postForm("/account", { intent: "create-token", name: "Sealed" });
    const token = /mgn_[a-z2-7]{16}_[a-z2-7]{24}/.exec(await created.text())![0];
    const post = (body: unknown) =>
      fetch(`${server.url}/api/v1/sections/${sectionId}/comments`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    const res = await post({ body: API_SECRET, kind: "comment", confidential: true, publication: "anonymous", redactedBody: "A public summary from the API." });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const row = await db.kysely.selectFrom("comment").select(["visibility", "publication", "body"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ visibility: "confidential", publication: "anonymous" });
    expect(isSealed(row.body)).toBe(true);
    const redacted = await db.kysely.selectFrom("comment").select(["body", "visibility"]).where("redacted_of", "=", id).executeTakeFirstOrThrow();
    expect(redacted).toEqual({ body: "A public summary from the API.", visibility: "public" });
    expect((await storedBytes()).includes(Buffer.from(API_SECRET))).toBe(false);
    expect(await (await owner.get(`/c/ai-guideline/s/${sectionId}`)).text()).toContain(API_SECRET);
    const publicList = await (await fetch(`${server.url}/api/v1/sections/${sectionId}/comments`)).text();
    expect(publicList).not.toContain(API_SECRET);
    expect(publicList).toContain("A public summary from the API.");

    // Bad inputs are refused with a message and store nothing.
    const before = await db.kysely.selectFrom("comment").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const wrongType = await post({ body: "x y z", kind: "comment", confidential: "yes" });
    expect(wrongType.status).toBe(400);
    expect((await wrongType.json()).error.message).toContain("confidential must be true or false");
    const badPublication = await post({ body: "x y z", kind: "comment", publication: "secret" });
    expect(badPublication.status).toBe(400);
    expect(await badPublication.text()).toContain("name, organisation or anonymous");
    const orphan = await post({ body: "x y z", kind: "comment", redactedBody: "public" });
    expect(orphan.status).toBe(400);
    expect(await orphan.text()).toContain("only for a confidential submission");
    const after = await db.kysely.selectFrom("comment").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("rotates the key with `margin keys rotate`: values re-wrapped, the old key retired, the running server still reads them", async () => {
    const before = await db.kysely.selectFrom("comment").select(["id", "body"]).where("visibility", "=", "confidential").execute();
    const result = await runCli(["keys", "rotate"], { DATABASE_URL: tdb.url });
    expect(result.code).toBe(0);
    const keyId = /key ([0-9a-f]{16}) is current/.exec(result.stdout)![1]!;
    expect(result.stdout).toMatch(/Retired \(kept in the key file so backups still open\): [0-9a-f]{16}/);
    const after = await db.kysely.selectFrom("comment").select(["id", "body"]).where("visibility", "=", "confidential").execute();
    for (const row of after.filter((r) => isSealed(r.body))) {
      expect(sealedKeyId(row.body)).toBe(keyId);
      // Only the wrapped data key changed.
      expect(row.body.split(":").slice(4)).toEqual(before.find((b) => b.id === row.id)!.body.split(":").slice(4));
    }
    expect(await (await owner.get(`/c/ai-guideline/s/${sectionId}`)).text()).toContain(API_SECRET);
  }, CLI_TEST_TIMEOUT_MS);

  // Last: it restarts the server.
  it("seals at start the confidential texts stored before sealing existed, once", async () => {
    const LEGACY = "Legacy plaintext from before sealing about the heron audit";
    const template = await db.kysely.selectFrom("comment").selectAll().where("visibility", "=", "confidential").where("parent_id", "is", null).limit(1).executeTakeFirstOrThrow();
    await db.kysely.insertInto("comment").values({ ...template, id: "legacylegacyleg2", body: LEGACY, replacement: null }).execute();
    await server.stop();
    server = await startServer(tdb.url, { COMMENT_LIMIT_PER_MINUTE: "1000", LOG_LEVEL: "info" });
    const row = await db.kysely.selectFrom("comment").select("body").where("id", "=", "legacylegacyleg2").executeTakeFirstOrThrow();
    expect(isSealed(row.body)).toBe(true);
    expect(server.output()).toMatch(/sealed 1 confidential texts/);
    owner = new Browser(server.url);
    await owner.signIn("owner@example.org", PASSWORD);
    expect(await (await owner.get(`/c/ai-guideline/s/${sectionId}`)).text()).toContain(LEGACY);
    // Idempotent: a second start seals nothing more and leaves the value as it is.
    await server.stop();
    server = await startServer(tdb.url, { COMMENT_LIMIT_PER_MINUTE: "1000", LOG_LEVEL: "info" });
    expect(server.output()).not.toMatch(/sealed \d+ confidential texts/);
    expect((await db.kysely.selectFrom("comment").select("body").where("id", "=", "legacylegacyleg2").executeTakeFirstOrThrow()).body).toBe(row.body);
  });
});
