import { createPublicKey, type KeyObject } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import type { LedgerCheckpointRow, LedgerEntryRow, WitnessSignatureRow } from "../../db/schema.js";
import { canonical, entryHash } from "../../server/ledger/chain.js";
import { generateSigningKeyPem, publicKeyFrom, signStatement, signingKeyFromPem, statementSignedBy, writeKeyFile } from "../../server/ledger/signing.js";
import { databaseSource, httpSource } from "../../server/ledger/sources.js";
import { verifyLedger } from "../../server/ledger/verify.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { CLI_TEST_TIMEOUT_MS, runCli, startServer, type TestServer } from "../helpers/server.js";

// Issue 13, items 3, 4 and 7: signed checkpoints, their consistency, and witnesses.

const PASSWORD = "demo-password-1";
const SLUG = "ai-guideline";

interface Checkpoint {
  chain: string;
  seq: number;
  hash: string;
  time: string;
  keyId: string;
  signature: string;
  witnesses: { keyId: string; name: string; signature: string; at: string; publicKey: string }[];
}

/** Polls until `check` returns a value (not undefined), or fails after `ms`. */
async function until<T>(what: string, check: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(databaseKinds())("signed checkpoints and witnesses on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let dir: string;
  let keyFile: string;
  let serverKey: KeyObject;
  let owner: Browser;
  let civil: Browser;
  let sectionPath: string;
  let witnessKeyFile: string;
  let witnessState: string;

  const api = async (path: string, base = server.url) => (await fetch(`${base}/api/v1${path}`)).json();
  const head = (base?: string) => api("/ledger/head", base) as Promise<{ seq: number; hash: string }>;
  const latest = (base?: string) => api("/ledger/checkpoints/latest", base) as Promise<Checkpoint>;
  const comment = async (who: Browser, body: string) => expect((await who.postForm(sectionPath, { intent: "comment", kind: "comment", body })).status).toBe(302);
  const phase = async (who: Browser, to: "open" | "closed") => expect((await who.postForm(`/c/${SLUG}/settings`, { intent: "phase", to, confirm: "yes" })).status).toBe(302);
  /** A phase change there and back: two entries, and the second leaves the head signed. */
  const closeAndReopen = async (who = owner) => {
    await phase(who, "closed");
    await phase(who, "open");
  };
  const verifyDb = () => verifyLedger(databaseSource(db, { ledgerKey: serverKey }));
  const witness = (state: string, url = server.url, extra: string[] = []) => runCli(["witness", "--url", url, "--state", state, ...extra], {});

  /** What a dishonest operator holding the key can do: sign whatever head it likes. */
  const signAsOperator = async (seq: number, hash: string) => {
    const key = signingKeyFromPem(readFileSync(keyFile, "utf8"), keyFile);
    const statement = { chain: "public", seq, hash, time: new Date().toISOString() };
    await db.kysely
      .insertInto("ledger_checkpoint")
      .values({ id: `forged${seq}${Date.now()}`.slice(0, 16), chain: "public", seq, hash, signed_at: statement.time, key_id: key.info.keyId, signature: signStatement(key.privateKey, statement) })
      .execute();
  };

  /** Runs a tamper, then `check`, then puts every public entry, checkpoint and co-signature back as it was. */
  const tampered = async (tamper: () => Promise<void>, check: () => Promise<void>) => {
    const entries = await db.kysely.selectFrom("ledger_entry").selectAll().where("chain", "=", "public").execute();
    const checkpoints = await db.kysely.selectFrom("ledger_checkpoint").selectAll().execute();
    const witnesses = await db.kysely.selectFrom("witness_signature").selectAll().execute();
    try {
      await tamper();
      await check();
    } finally {
      await db.kysely.transaction().execute(async (tx) => {
        await tx.deleteFrom("witness_signature").execute();
        await tx.deleteFrom("ledger_checkpoint").execute();
        await tx.deleteFrom("ledger_entry").where("chain", "=", "public").execute();
        for (const e of entries as LedgerEntryRow[]) await tx.insertInto("ledger_entry").values(e).execute();
        for (const c of checkpoints as LedgerCheckpointRow[]) await tx.insertInto("ledger_checkpoint").values(c).execute();
        for (const w of witnesses as WitnessSignatureRow[]) await tx.insertInto("witness_signature").values(w).execute();
      });
      expect((await verifyDb()).problem).toBeNull();
    }
  };

  /** Rewrites the public chain from entry `from` on (entry `from` backdated by a second), recomputing every later hash; returns the new head. */
  const rewriteFrom = async (from: number) => {
    const rows = await db.kysely.selectFrom("ledger_entry").selectAll().where("chain", "=", "public").where("seq", ">=", from).orderBy("seq", "asc").execute();
    let prev = (await db.kysely.selectFrom("ledger_entry").select("hash").where("chain", "=", "public").where("seq", "=", from - 1).executeTakeFirstOrThrow()).hash;
    let last = { seq: 0, hash: "" };
    for (const r of rows) {
      const seq = Number(r.seq);
      const createdAt = seq === from ? new Date(Date.parse(r.created_at) - 1000).toISOString() : r.created_at;
      const payload = JSON.parse(r.payload) as Record<string, unknown>;
      const hash = entryHash({ chain: r.chain, seq, kind: r.kind, consultationId: r.consultation_id, sectionId: r.section_id, subjectId: r.subject_id, createdAt, payload, prevHash: prev });
      await db.kysely.updateTable("ledger_entry").set({ created_at: createdAt, payload: canonical(payload), prev_hash: prev, hash }).where("chain", "=", "public").where("seq", "=", seq).execute();
      prev = hash;
      last = { seq, hash };
    }
    return last;
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    dir = mkdtempSync(join(tmpdir(), "margin-checkpoints-"));
    const env: Record<string, string> = { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000", WITNESS_LIMIT_PER_IP: "1000" };
    if (kind === "sqlite") {
      // Zero setup: the server makes its key next to the database on its first start.
      keyFile = join(dirname(tdb.url.slice("file:".length)), "ledger-signing-key.pem");
      expect(existsSync(keyFile)).toBe(false);
    } else {
      keyFile = join(dir, "server-key.pem");
      writeKeyFile(keyFile, generateSigningKeyPem(), false);
      env.LEDGER_SIGNING_KEY_FILE = keyFile;
    }
    server = await startServer(tdb.url, env);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    serverKey = createPublicKey(signingKeyFromPem(readFileSync(keyFile, "utf8"), keyFile).privateKey);
    db = createDb(tdb.url, { poolSize: 2 });
    owner = new Browser(server.url);
    await owner.signIn("owner@example.org", PASSWORD);
    civil = new Browser(server.url);
    await civil.signIn("civil@example.org", PASSWORD);
    const sections = (await api(`/consultations/${SLUG}`)).sections as { id: string }[];
    sectionPath = `/c/${SLUG}/s/${sections[0]!.id}`;
    witnessKeyFile = join(dir, "witness-key.pem");
    witnessState = join(dir, "witness-state");
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("publishes the key at the well-known address, and signs the head on every phase change", async () => {
    const key = await (await fetch(`${server.url}/.well-known/margin-ledger-key`)).json();
    expect(key.alg).toBe("Ed25519");
    expect(publicKeyFrom(key.publicKey).export({ format: "jwk" })).toEqual(serverKey.export({ format: "jwk" }));
    expect(publicKeyFrom(key.spki).export({ format: "jwk" })).toEqual(serverKey.export({ format: "jwk" }));
    expect(key.keyId).toMatch(/^[0-9a-f]{16}$/);

    // A comment moves the head but is not signed at once (the interval is ten minutes)...
    await comment(civil, "A comment before the phase changes.");
    const before = await latest();
    expect(before.seq).toBeLessThan((await head()).seq);
    // ...a phase change is, by the time the page answers.
    await phase(owner, "closed");
    const closed = await head();
    const cp = await latest();
    expect({ seq: cp.seq, hash: cp.hash, chain: cp.chain, keyId: cp.keyId }).toEqual({ seq: closed.seq, hash: closed.hash, chain: "public", keyId: key.keyId });
    expect(statementSignedBy(serverKey, cp, cp.signature)).toBe(true);
    await phase(owner, "open");
    expect((await latest()).seq).toBe((await head()).seq);

    // Paged like /ledger, with the newest alongside.
    const first = await api("/ledger/checkpoints?after=0&limit=1");
    expect(first.items).toHaveLength(1);
    expect(first.nextAfter).toBe(first.items[0].seq);
    expect(first.latest.seq).toBe((await head()).seq);
    const all = await api("/ledger/checkpoints?limit=100");
    expect(all.items.length).toBeGreaterThanOrEqual(3);
    expect(all.nextAfter).toBeNull();

    expect(await verifyDb()).toMatchObject({ ok: true, problem: null });
    expect(await verifyLedger(httpSource(server.url))).toMatchObject({ ok: true, problem: null });

    // /transparency shows the signed head, the key, and that nobody has co-signed yet.
    const page = await (await fetch(`${server.url}/transparency`)).text();
    expect(page).toContain(`Checkpoint #${(await latest()).seq} signed at`);
    expect(page).toContain("no independent witness has co-signed it yet.");
    expect(page).toContain(key.keyId);
    expect(page).toContain(key.publicKey);

    // The consultation's Atom feed carries the signed heads too.
    const newest = await latest();
    const feed = await (await fetch(`${server.url}/c/${SLUG}/feed.atom`)).text();
    expect(feed).toContain(`Ledger checkpoint: entry #${newest.seq} signed`);
    expect(feed).toContain(newest.signature);
  });

  it(
    "margin verify reads the operator's key file, and --public-key pins a key over the server's",
    async () => {
      const fromDb = await runCli(["verify"], { DATABASE_URL: tdb.url, LEDGER_SIGNING_KEY_FILE: keyFile });
      expect(fromDb.code, fromDb.stderr).toBe(0);
      const otherFile = join(dir, "other-public.pem");
      writeFileSync(otherFile, signingKeyFromPem(generateSigningKeyPem(), "another key").info.spki);
      const pinned = await runCli(["verify", "--url", server.url, "--public-key", otherFile], {});
      expect(pinned.code).toBe(1);
      expect(pinned.stderr).toMatch(/^FAILED — .*: checkpoint of public #\d+ signed \S+: signed by key [0-9a-f]{16}, not by the server's key [0-9a-f]{16}/);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it("signs a moved head on the timer", async () => {
    // A second node on the same database and key, signing every 200 ms.
    const ticking = await startServer(tdb.url, { LEDGER_SIGNING_KEY_FILE: keyFile, CHECKPOINT_INTERVAL_MS: "200", COMMENT_LIMIT_PER_MINUTE: "1000" });
    try {
      await comment(civil, "A comment the timer signs.");
      // A comment alone is not signed (the first test shows it): only the second node's timer signs it.
      const moved = await head();
      const cp = await until("a checkpoint of the new head", async () => {
        const l = await latest();
        return l.seq === moved.seq ? l : undefined;
      });
      expect(cp.hash).toBe(moved.hash);
      expect(statementSignedBy(serverKey, cp, cp.signature)).toBe(true);
    } finally {
      await ticking.stop();
    }
  });

  it("never signs or serves a team's drafting chain", async () => {
    const signed = await db.kysely.selectFrom("ledger_checkpoint").select("chain").distinct().execute();
    expect(signed.map((r) => r.chain)).toEqual(["public"]);
    const teamHashes = (await db.kysely.selectFrom("ledger_entry").select("hash").where("chain", "like", "team:%").execute()).map((r) => r.hash);
    expect(teamHashes.length).toBeGreaterThan(0);
    const served = await (await fetch(`${server.url}/api/v1/ledger/checkpoints?limit=100`)).text();
    for (const h of teamHashes) expect(served).not.toContain(h);
  });

  it("catches the newest public entry dropped after a checkpoint covered it", async () => {
    await comment(civil, "The entry that will be dropped.");
    await closeAndReopen();
    const h = await head();
    expect((await latest()).seq).toBe(h.seq);
    await tampered(
      () => db.kysely.deleteFrom("ledger_entry").where("chain", "=", "public").where("seq", "=", h.seq).execute().then(() => undefined),
      async () => {
        const report = await verifyDb();
        expect(report.head?.seq).toBe(h.seq - 1);
        expect(report.problem).toMatch(new RegExp(`^checkpoint of public #${h.seq} signed \\S+: the ledger now ends at #${h.seq - 1} \\(entries were removed\\)$`));
        expect((await verifyLedger(httpSource(server.url))).problem).toMatch(/entries were removed/);
      },
    );
  });

  it("catches the whole public chain rewritten from entry #3 with recomputed hashes", async () => {
    await tampered(
      async () => {
        await rewriteFrom(3);
      },
      async () => {
        const report = await verifyDb();
        // The chain itself links and hashes correctly: only the signed checkpoints give it away.
        expect(report.entries).toBeGreaterThan(3);
        expect(report.problem).toMatch(/^checkpoint of public #(\d+) signed \S+: entry #\1 no longer has the hash that was signed \(the chain was rewritten\)$/);
        expect((await verifyLedger(httpSource(server.url))).problem).toMatch(/the chain was rewritten/);
      },
    );
  });

  it("catches a checkpoint whose signature was altered", async () => {
    const cp = await latest();
    await tampered(
      async () => {
        const sig = Buffer.from(cp.signature, "base64");
        sig[10] = sig[10]! ^ 1;
        await db.kysely.updateTable("ledger_checkpoint").set({ signature: sig.toString("base64") }).where("seq", "=", cp.seq).execute();
      },
      async () => {
        expect((await verifyDb()).problem).toBe(`checkpoint of public #${cp.seq} signed ${cp.time}: the signature does not check out under the server's key ${cp.keyId}`);
        expect((await verifyLedger(httpSource(server.url))).problem).toMatch(/the signature does not check out/);
        // Pinning another key: every checkpoint is refused for its key id.
        const other = createPublicKey(signingKeyFromPem(generateSigningKeyPem(), "another key").privateKey);
        expect((await verifyLedger(httpSource(server.url, fetch, { ledgerKey: other }))).problem).toMatch(/not by the server's key/);
      },
    );
  });

  it(
    "witness: makes a key, stores the first checkpoint and co-signs it, and accepts one that extends it",
    async () => {
      const made = await runCli(["keys", "init", "--out", witnessKeyFile], {});
      expect(made.code, made.stderr).toBe(0);
      expect(statSync(witnessKeyFile).mode & 0o777).toBe(0o600);
      const again = await runCli(["keys", "init", "--out", witnessKeyFile], {});
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/already exists; pass --force/);

      const first = await witness(witnessState, server.url, ["--key", witnessKeyFile, "--name", "Daily Tribune"]);
      expect(first.code, first.stderr).toBe(0);
      const cp = await latest();
      expect(first.stdout).toContain(`OK — ${server.url}: checkpoint #${cp.seq} signed ${cp.time}`);
      expect(first.stdout).toContain("first run: stored");
      expect(JSON.parse(readFileSync(join(witnessState, "checkpoint.json"), "utf8"))).toMatchObject({ seq: cp.seq, hash: cp.hash });

      // The co-signature is served with the checkpoint and shown on /transparency.
      expect(cp.witnesses).toHaveLength(1);
      expect(cp.witnesses[0]).toMatchObject({ name: "Daily Tribune" });
      expect(statementSignedBy(publicKeyFrom(cp.witnesses[0]!.publicKey), cp, cp.witnesses[0]!.signature)).toBe(true);
      const page = await (await fetch(`${server.url}/transparency`)).text();
      expect(page).toContain(`Checkpoint #${cp.seq} signed at`);
      expect(page).toContain("seen by 1 independent witness.");
      expect(page).toContain("“Daily Tribune” (self-named)");
      expect(page).toContain(cp.witnesses[0]!.keyId);
      expect(await verifyDb()).toMatchObject({ ok: true });

      await comment(civil, "More activity after the witness looked.");
      await closeAndReopen();
      const second = await witness(witnessState);
      expect(second.code, second.stderr).toBe(0);
      expect(second.stdout).toContain(`checkpoint #${(await head()).seq}`);
      expect(second.stdout).toContain(`extends #${cp.seq} seen before`);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it("refuses a bad co-signature with a clear 400 and stores nothing", async () => {
    const cp = await latest();
    const witnessKey = signingKeyFromPem(readFileSync(witnessKeyFile, "utf8"), witnessKeyFile);
    const send = (body: unknown, seq = cp.seq) =>
      fetch(`${server.url}/api/v1/ledger/checkpoints/${seq}/witnesses`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const count = async () => Number((await db.kysely.selectFrom("witness_signature").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const stored = await count();
    // Signed, but over another time than the checkpoint's.
    const wrong = signStatement(witnessKey.privateKey, { chain: cp.chain, seq: cp.seq, hash: cp.hash, time: new Date(0).toISOString() });
    const bad = await send({ publicKey: witnessKey.info.publicKey, name: "Mallory", signature: wrong });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/^The signature does not check out/);
    const good = signStatement(witnessKey.privateKey, cp);
    const longName = await send({ publicKey: witnessKey.info.publicKey, name: "x".repeat(81), signature: good });
    expect(longName.status).toBe(400);
    expect((await longName.json()).error.message).toMatch(/at most 80 characters/);
    const extra = await send({ publicKey: witnessKey.info.publicKey, name: "Extra", signature: good, admin: true });
    expect(extra.status).toBe(400);
    const noSuch = await send({ publicKey: witnessKey.info.publicKey, name: "Early", signature: good }, cp.seq + 1000);
    expect(noSuch.status).toBe(404);
    expect(await count()).toBe(stored);
    expect((await latest()).witnesses.map((w) => w.name)).not.toContain("Mallory");

    // A good one is kept once: sent again (a retried run), the first stays.
    const accepted = await send({ publicKey: witnessKey.info.publicKey, name: "Daily Tribune", signature: good });
    expect(accepted.status).toBe(201);
    const retried = await send({ publicKey: witnessKey.info.publicKey, name: "Renamed", signature: good });
    expect(retried.status).toBe(201);
    expect((await retried.json()).name).toBe("Daily Tribune");
    expect(await count()).toBe(stored + 1);
  });

  it(
    "witness: catches a rewritten chain, signed anew by the operator",
    async () => {
      const seen = JSON.parse(readFileSync(join(witnessState, "checkpoint.json"), "utf8"));
      expect(seen.seq).toBe((await head()).seq);
      await tampered(
        async () => {
          const rewritten = await rewriteFrom(3);
          await db.kysely.deleteFrom("ledger_checkpoint").where("seq", ">=", 3).execute();
          await signAsOperator(rewritten.seq, rewritten.hash);
        },
        async () => {
          // verify alone, after the operator also removed the old checkpoints, finds a consistent chain: the witness does not.
          expect((await verifyDb()).problem).toBeNull();
          const r = await witness(witnessState);
          expect(r.code).toBe(1);
          expect(r.stderr).toMatch(/^FAILED — .*: rewritten or forked: /);
          expect(r.stderr).toContain(`#${seen.seq}`);
        },
      );
      expect(JSON.parse(readFileSync(join(witnessState, "checkpoint.json"), "utf8"))).toEqual(seen);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    "witness: catches a dropped tail",
    async () => {
      const seen = JSON.parse(readFileSync(join(witnessState, "checkpoint.json"), "utf8"));
      const statuses = await db.kysely.selectFrom("consultation").select(["id", "status"]).execute();
      await tampered(
        async () => {
          await db.kysely.deleteFrom("ledger_entry").where("chain", "=", "public").where("seq", "=", seen.seq).execute();
          await db.kysely.deleteFrom("ledger_checkpoint").where("seq", ">=", seen.seq - 1).execute();
          // A careful operator also puts each consultation back in the phase its remaining record says, so verify has nothing to compare against.
          const phases = await db.kysely.selectFrom("ledger_entry").select(["consultation_id", "payload"]).where("chain", "=", "public").where("kind", "=", "phase_change").orderBy("seq").execute();
          for (const p of phases) await db.kysely.updateTable("consultation").set({ status: JSON.parse(p.payload).to }).where("id", "=", p.consultation_id!).execute();
          const shorter = await head();
          await signAsOperator(shorter.seq, shorter.hash);
        },
        async () => {
          expect((await verifyDb()).problem).toBeNull();
          const r = await witness(witnessState);
          expect(r.code).toBe(1);
          expect(r.stderr).toMatch(new RegExp(`^FAILED — .*: truncation: the server's latest checkpoint is #${seen.seq - 1}, behind the checkpoint #${seen.seq} this witness stored`));
          // Put the phases back before the record is restored (the restore checks that it verifies).
          for (const c of statuses) await db.kysely.updateTable("consultation").set({ status: c.status }).where("id", "=", c.id).execute();
        },
      );
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    "witness: reports a changed key (accepted only when told) and an unreachable server",
    async () => {
      const state = join(dir, "witness-other-key");
      cpSync(witnessState, state, { recursive: true });
      const pinned = JSON.parse(readFileSync(join(state, "server-key.json"), "utf8"));
      const other = signingKeyFromPem(generateSigningKeyPem(), "another key").info;
      writeFileSync(join(state, "server-key.json"), JSON.stringify(other));
      const changed = await witness(state);
      expect(changed.code).toBe(1);
      expect(changed.stderr).toContain(`the server's key changed: this witness pinned key ${other.keyId}, the server now publishes ${pinned.keyId}`);
      // The operator announced a new key: the witness accepts it when told to, and pins it.
      const accepted = await witness(state, server.url, ["--accept-new-key"]);
      expect(accepted.code, accepted.stderr).toBe(0);
      expect(accepted.stdout).toContain(`server key ${pinned.keyId} pinned`);
      expect(JSON.parse(readFileSync(join(state, "server-key.json"), "utf8")).keyId).toBe(pinned.keyId);
      const down = await witness(state, "http://127.0.0.1:9");
      expect(down.code).toBe(1);
      expect(down.stderr).toMatch(/could not reach http:\/\/127\.0\.0\.1:9/);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it.runIf(kind === "sqlite")(
    "witness: catches a forked head (two servers sharing history, then diverging)",
    async () => {
      // Server B starts from a copy of A's database, with the same key.
      const forkDir = mkdtempSync(join(tmpdir(), "margin-fork-"));
      const forkFile = join(forkDir, "margin.sqlite");
      await sql`VACUUM INTO ${forkFile}`.execute(db.kysely);
      const b = await startServer(`file:${forkFile}`, { LEDGER_SIGNING_KEY_FILE: keyFile, COMMENT_LIMIT_PER_MINUTE: "1000" });
      try {
        const civilOnB = new Browser(b.url);
        await civilOnB.signIn("civil@example.org", PASSWORD);
        const ownerOnB = new Browser(b.url);
        await ownerOnB.signIn("owner@example.org", PASSWORD);
        // A shows one history...
        await comment(civil, "Said on server A.");
        await closeAndReopen();
        const state = join(forkDir, "witness");
        cpSync(witnessState, state, { recursive: true });
        const onA = await witness(state);
        expect(onA.code, onA.stderr).toBe(0);
        // ...B another, longer one, signed with the same key.
        const postOnB = async (body: string) => expect((await civilOnB.postForm(sectionPath, { intent: "comment", kind: "comment", body })).status).toBe(302);
        await postOnB("Said on server B.");
        await postOnB("Said on server B, again.");
        await closeAndReopen(ownerOnB);
        expect((await head(b.url)).seq).toBeGreaterThan((await head()).seq);
        const onB = await witness(state, b.url);
        expect(onB.code).toBe(1);
        expect(onB.stderr).toMatch(/^FAILED — .*: rewritten or forked: entry #\d+ now has hash/);
        // A witness that has seen only B is content: only one that saw A can tell.
        const fresh = await witness(join(forkDir, "fresh"), b.url);
        expect(fresh.code, fresh.stderr).toBe(0);
      } finally {
        await b.stop();
        rmSync(forkDir, { recursive: true, force: true });
      }
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
