import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DISPOSITION_OUTCOMES } from "../../common/enums.js";
import { createDb, type Db } from "../../db/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { CLI_TEST_TIMEOUT_MS, runCli, startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
const SLUG = "ai-guideline";
const JA_SLUG = "ai-jigyosha-guideline";
const BOM = [0xef, 0xbb, 0xbf];
// A comment body a spreadsheet would run as a formula, with a comma, quotes and a line break to quote.
const HOSTILE = '=HYPERLINK("http://evil.example"),「引用」\n二行目';

const schema = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, "../../docs/schemas", `${name}.schema.json`), "utf8"));

/** Draft 2020-12, strict: a schema that says something ajv does not understand is itself an error. */
function validator(name: string) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats.default(ajv);
  const validate = ajv.compile(schema(name));
  return (doc: unknown) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`));
}

describe.each(databaseKinds())("downloads and their formats on %s", { timeout: CLI_TEST_TIMEOUT_MS }, (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let hostileId: string;
  const get = (path: string) => fetch(`${server.url}${path}`);

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_HISTORY: "1", DEMO_JAPANESE: "1", DEMO_PASSWORD: PASSWORD });
    db = createDb(tdb.url, { poolSize: 2 });
    const report = await (await get(`/c/${JA_SLUG}/v/1/report.json`)).json();
    hostileId = report.sections[0].rows[0].commentId;
    await db.kysely.updateTable("comment").set({ body: HOSTILE }).where("id", "=", hostileId).execute();
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("serves report.csv with the byte-order mark by default, Japanese intact, cells quoted and formulas guarded", async () => {
    const bytes = new Uint8Array(await (await get(`/c/${JA_SLUG}/v/1/report.csv`)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual(BOM);
    const json = await (await get(`/c/${JA_SLUG}/v/1/report.json`)).json();
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const rows: Record<string, string>[] = parse(text, { bom: true, columns: true, skip_empty_lines: false });
    expect(Object.keys(rows[0]!)[0]).toBe("section");
    expect(rows).toHaveLength(json.sections.reduce((n: number, g: { rows: unknown[] }) => n + g.rows.length, 0));
    const hostile = rows.find((r) => r.comment_id === hostileId)!;
    // The leading apostrophe keeps Excel from running it; the comma, quotes and line break survive the quoting.
    expect(hostile.comment).toBe(`'${HOSTILE}`);
    expect(hostile.section).toBe(json.sections[0].title);
    expect(hostile.section).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    for (const r of rows) expect(r.comment_id).toMatch(/^[a-z0-9]+$/);

    const plain = new Uint8Array(await (await get(`/c/${JA_SLUG}/v/1/report.csv?bom=0`)).arrayBuffer());
    expect([...plain.slice(0, 3)]).not.toEqual(BOM);
    expect(new TextDecoder().decode(plain)).toBe(text.slice(1));
    const explicit = new Uint8Array(await (await get(`/c/${JA_SLUG}/v/1/report.csv?bom=1`)).arrayBuffer());
    expect(explicit).toEqual(bytes);
    const bad = await get(`/c/${JA_SLUG}/v/1/report.csv?bom=yes`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("bom must be 1");
  });

  it("follows the same byte-order-mark rule on the results table's CSV", async () => {
    const bytes = new Uint8Array(await (await get(`/c/${JA_SLUG}/v/1/results.csv`)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual(BOM);
    const rows: string[][] = parse(new TextDecoder().decode(bytes), { bom: true });
    expect(rows[0]![0]).toBe("番号");
    const plain = new Uint8Array(await (await get(`/c/${JA_SLUG}/v/1/results.csv?bom=0`)).arrayBuffer());
    expect([...plain]).toEqual([...bytes.slice(3)]);
  });

  it("marks the JSON report's format and matches its schema, which a missing or renamed field fails", async () => {
    const check = validator("margin-report-1");
    for (const path of [`/c/${SLUG}/v/1/report.json`, `/c/${SLUG}/v/2/report.json`, `/c/${JA_SLUG}/v/1/report.json`, `/c/${JA_SLUG}/v/1/report.json?outcome=adopted`]) {
      const doc = await (await get(path)).json();
      expect(doc.format, path).toBe("margin-report/1");
      expect(check(doc), path).toEqual([]);
    }
    const doc = await (await get(`/c/${SLUG}/v/1/report.json`)).json();
    expect(doc.sections[0].rows.length).toBeGreaterThan(0);
    const { format: _format, ...unmarked } = doc;
    expect(check(unmarked).join("\n")).toContain("format");
    const renamed = structuredClone(doc);
    renamed.sections[0].rows[0].comment_id = renamed.sections[0].rows[0].commentId;
    delete renamed.sections[0].rows[0].commentId;
    expect(check(renamed).join("\n")).toMatch(/commentId|comment_id/);
    expect(check({ ...doc, extra: 1 }).join("\n")).toContain('"additionalProperty":"extra"');
    // The schema's outcomes are the code's.
    expect(Object.keys(schema("margin-report-1").properties.totals.properties)).toEqual([...DISPOSITION_OUTCOMES, "open"]);
  });

  it("matches the results table's schema", async () => {
    const check = validator("margin-egov-results-1");
    for (const path of [`/c/${SLUG}/v/1/results.json`, `/c/${JA_SLUG}/v/1/results.json`]) {
      const doc = await (await get(path)).json();
      expect(doc.rows.length, path).toBeGreaterThan(0);
      expect(check(doc), path).toEqual([]);
      const { rows: _rows, ...noRows } = doc;
      expect(check(noRows).join("\n")).toContain("rows");
    }
  });

  it("matches the CLI export's schema (margin-export/1)", async () => {
    const check = validator("margin-export-1");
    const out = join(tmpdir(), `margin-export-schema-${kind}-${Date.now()}.json`);
    const run = await runCli(["export", "--slug", JA_SLUG, "--out", out], { DATABASE_URL: tdb.url });
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(out, "utf8"));
    expect(doc.comments.length).toBeGreaterThan(0);
    expect(doc.versions.length).toBeGreaterThan(0);
    expect(check(doc)).toEqual([]);
    const renamed = structuredClone(doc);
    renamed.ledger_head = renamed.ledgerHead;
    delete renamed.ledgerHead;
    expect(check(renamed).join("\n")).toMatch(/ledgerHead|ledger_head/);
  });
});
