import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dataKeyFilePath, loadDataKeyring, readKeyringFile, writeKeyringFile } from "./keyring.js";
import { REWRAP_BATCH, rotateDataKey } from "./rotate.js";
import { SealError, open, seal, sealedKeyId } from "./sealed.js";
import type { SealedColumn } from "./registry.js";

const COLUMNS: SealedColumn[] = [{ table: "note", column: "body", idColumn: "id", context: (id) => `note:${id}:body` }];

describe("the data encryption keyring and its rotation", () => {
  let dir: string;
  let db: Kysely<any>;
  let env: { DATABASE_URL: string };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "margin-seal-"));
    env = { DATABASE_URL: `file:${join(dir, "db.sqlite")}` };
    db = new Kysely({ dialect: new SqliteDialect({ database: new BetterSqlite3(join(dir, "db.sqlite")) }) });
    await db.schema.createTable("note").addColumn("id", "text", (c) => c.primaryKey()).addColumn("body", "text").execute();
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("makes the key file on first start, owner-readable only, and reads the same keyring after", () => {
    const first = loadDataKeyring(env, { create: true });
    const path = dataKeyFilePath(env);
    expect(first.createdFile).toBe(path);
    expect(path).toBe(join(dir, "data-encryption-key"));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = loadDataKeyring(env, { create: true });
    expect(again.createdFile).toBeNull();
    expect(again.ring.current).toBe(first.ring.current);
    expect(() => loadDataKeyring({ ...env, DATA_ENCRYPTION_KEY_FILE: join(dir, "missing") }, { create: false })).toThrow(/does not exist/);
    expect(() => loadDataKeyring({ ...env, DATA_ENCRYPTION_KEY: "c2hvcnQ=" }, { create: false })).toThrow(/32 random bytes/);
  });

  it("re-wraps every value under a new key, retires the old one, and the values still open", async () => {
    const { ring } = loadDataKeyring(env, { create: true });
    const oldId = ring.current;
    const count = REWRAP_BATCH + 5;
    const rows = Array.from({ length: count }, (_, i) => ({ id: `n${String(i).padStart(4, "0")}`, body: seal(ring, `secret ${i}`, `note:n${String(i).padStart(4, "0")}:body`) }));
    await db.insertInto("note").values(rows).execute();
    await db.insertInto("note").values({ id: "plain", body: "not sealed" }).execute();

    const path = dataKeyFilePath(env);
    const result = await rotateDataKey(db, path, COLUMNS);
    expect(result.resumed).toBe(false);
    expect(result.rewrapped).toBe(count);
    expect(result.retired).toEqual([oldId]);
    const file = readKeyringFile(path);
    expect(file.current).toBe(result.newKeyId);
    expect(file.keys.find((k) => k.id === oldId)?.retired).not.toBeNull();
    expect(statSync(path).mode & 0o777).toBe(0o600);

    const after = await db.selectFrom("note").selectAll().orderBy("id").execute();
    const fresh = loadDataKeyring(env, { create: false }).ring;
    for (const [i, row] of rows.entries()) {
      const stored = after.find((r) => r.id === row.id)!.body as string;
      expect(sealedKeyId(stored)).toBe(result.newKeyId);
      // Only the wrapped key changed.
      expect(stored.split(":").slice(4)).toEqual(row.body.split(":").slice(4));
      expect(open(fresh, stored, `note:${row.id}:body`)).toBe(`secret ${i}`);
    }
    expect(after.find((r) => r.id === "plain")!.body).toBe("not sealed");
    // The server that started before the rotation still opens the re-wrapped values (it re-reads the file).
    expect(open(ring, after[0]!.body as string, `note:${after[0]!.id}:body`)).toBe("secret 0");
  });

  it("finishes a rotation that stopped half-way, and running it again is harmless", async () => {
    const { ring } = loadDataKeyring(env, { create: true });
    await db.insertInto("note").values({ id: "a", body: seal(ring, "alpha", "note:a:body") }).execute();
    const path = dataKeyFilePath(env);
    // A rotation that wrote its new key and then stopped: the old key is not retired yet.
    const first = await rotateDataKey(db, path, []);
    const half = readKeyringFile(path);
    writeKeyringFile(path, { ...half, keys: half.keys.map((k) => ({ ...k, retired: null })) });
    const resumed = await rotateDataKey(db, path, COLUMNS);
    expect(resumed.resumed).toBe(true);
    expect(resumed.newKeyId).toBe(first.newKeyId);
    expect(resumed.rewrapped).toBe(1);
    const row = await db.selectFrom("note").selectAll().executeTakeFirstOrThrow();
    expect(sealedKeyId(row.body as string)).toBe(first.newKeyId);
    const again = await rotateDataKey(db, path, COLUMNS);
    expect(again.resumed).toBe(false);
    expect(again.rewrapped).toBe(1);
    expect(readKeyringFile(path).keys).toHaveLength(3);
  });

  it("names the key when a value was sealed under a key the keyring does not hold", async () => {
    const foreign = loadDataKeyring({ DATABASE_URL: `file:${join(dir, "other", "db.sqlite")}` }, { create: true }).ring;
    const { ring } = loadDataKeyring(env, { create: true });
    const sealed = seal(foreign, "from elsewhere", "note:x:body");
    let error: unknown;
    try {
      open(ring, sealed, "note:x:body");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SealError);
    expect((error as SealError).message).toContain(`key ${foreign.current}, which is not in the keyring`);
    // Rotation refuses too, rather than leave a value it cannot re-wrap.
    await db.insertInto("note").values({ id: "x", body: sealed }).execute();
    await expect(rotateDataKey(db, dataKeyFilePath(env), COLUMNS)).rejects.toThrow(/not in the keyring/);
  });
});
