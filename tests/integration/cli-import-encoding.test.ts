import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { CLI_TEST_TIMEOUT_MS, runCli } from "../helpers/server.js";

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
// 日本 in Shift_JIS: bytes a UTF-8 reader cannot take.
const NIHON_SJIS = Buffer.from([0x93, 0xfa, 0x96, 0x7b]);

function file(name: string, bytes: Buffer): string {
  const path = join(tmpdir(), `margin-${Date.now()}-${Math.random().toString(36).slice(2, 8)}-${name}`);
  writeFileSync(path, bytes);
  return path;
}

/** Every test here spawns the CLI: they get its budget. */
describe.each(databaseKinds())("margin import and the file's encoding on %s", { timeout: CLI_TEST_TIMEOUT_MS }, (kind) => {
  let tdb: TestDatabase;
  let env: Record<string, string>;
  let db: Db;
  const consultations = () => db.kysely.selectFrom("consultation").select(["id", "slug", "title", "summary"]).execute();

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    env = { DATABASE_URL: tdb.url };
    expect((await runCli(["migrate"], env)).code).toBe(0);
    const owner = await runCli(["user", "add", "--email", "convener@example.org", "--password", "a long password", "--name", "Convener", "--role", "convener"], env);
    expect(owner.code, owner.stderr).toBe(0);
    db = createDb(tdb.url, { poolSize: 1 });
  });
  afterAll(async () => {
    await db?.close();
    await tdb?.drop();
  });

  it("reads a UTF-8 file that starts with a byte-order mark: its # title is the title, not the summary's first line", async () => {
    const md = file("bom.md", Buffer.concat([UTF8_BOM, Buffer.from("# 日本の指針\n\n概要です。\n\n## 第一節\n\n本文。\n\n## 第二節\n\n続き。\n")]));
    const run = await runCli(["import", md, "--owner", "convener@example.org", "--slug", "bom-import"], env);
    expect(run.code, run.stderr).toBe(0);
    const c = (await consultations()).find((x) => x.slug === "bom-import")!;
    expect(c.title).toBe("日本の指針");
    expect(c.summary).toBe("概要です。");
    const titles = await db.kysely.selectFrom("section").select("title").where("consultation_id", "=", c.id).orderBy("position").execute();
    expect(titles.map((t) => t.title)).toEqual(["第一節", "第二節"]);
  });

  it("refuses a Shift_JIS file, saying so, and creates nothing", async () => {
    const before = (await consultations()).length;
    const sjis = Buffer.concat([Buffer.from("# "), NIHON_SJIS, Buffer.from("\n\n## "), NIHON_SJIS, Buffer.from("\n\n"), NIHON_SJIS, Buffer.from("\n")]);
    const run = await runCli(["import", file("sjis.md", sjis), "--owner", "convener@example.org"], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("not UTF-8 text (Shift_JIS or another encoding)");
    expect(run.stderr).toContain("Save it as UTF-8");
    const utf16 = await runCli(["import", file("utf16.md", Buffer.from("\uFEFF# Title\n\n## One\n\nText.\n", "utf16le")), "--owner", "convener@example.org"], env);
    expect(utf16.code).toBe(1);
    expect(utf16.stderr).toContain("UTF-16 text, not UTF-8 text");
    expect((await consultations()).length).toBe(before);
  });
});
