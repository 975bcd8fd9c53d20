// One considered answer to a group (issue 18, ADR 032): a group response to --n
// members (default 1,000 and 5,000) on SQLite, timed, and the ledger verified
// after it; against the baseline of --n single recordDisposition calls on as many
// other comments, measured in the same run. Both notify each author (a
// notification row, mail queued to a file outbox after the commit). Usage: tsx bench/group-response.ts [--n 5000] [--runs 1]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb, type Db } from "../db/client.js";
import { readEnv } from "../server/env.js";
import { createLogger } from "../server/logger.js";
import { createMailService } from "../server/mail/index.js";
import { migrateToLatest } from "../db/migrator.js";
import { insertComment } from "../db/queries/comment.js";
import { listSectionSummaries } from "../db/queries/section.js";
import type { CommentRow } from "../db/schema.js";
import { DEMO_ACCOUNTS, readDemoMarkdown } from "../db/seed/demo.js";
import { requireConsultation } from "../server/auth/access.js";
import { createInProcessBus } from "../server/bus/bus.js";
import { importMarkdown } from "../server/domain/consultations/index.js";
import { addDemoTeam, openDemo, seedAccounts } from "../server/domain/demo-steps.js";
import { recordDisposition, respondToGroup } from "../server/domain/dispositions/index.js";
import { newId } from "../server/ids.js";
import { appendManyLedger } from "../server/ledger/append.js";
import { submissionEvent } from "../server/ledger/participation.js";
import { databaseSource } from "../server/ledger/sources.js";
import { verifyLedger } from "../server/ledger/verify.js";
import { fmt, heading, row } from "./lib.js";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const SIZES = arg("n") ? [Number(arg("n"))] : [1000, 5000];

async function seed(db: Db, n: number) {
  const users = await seedAccounts(db, DEMO_ACCOUNTS, "bench-password-1");
  const owner = users.find((u) => u.account.role === "owner")!.user;
  const consultation = await importMarkdown(db, owner, readDemoMarkdown(), { slug: "bench" });
  await addDemoTeam(db, consultation.id, users);
  const day = 86_400_000;
  await openDemo(db, consultation.id, owner.id, new Date(Date.now() - day).toISOString(), new Date(Date.now() + 30 * day).toISOString());
  const sections = await listSectionSummaries(db.kysely, consultation.id);
  const authors = users.filter((u) => !u.account.role).map((u) => u.user);
  const at = new Date().toISOString();
  // 2n first comments (n for the group, n for the baseline), each with its submission entry, as the server writes them.
  const ids: string[] = [];
  for (let start = 0; start < 2 * n; start += 500) {
    await db.kysely.transaction().execute(async (tx) => {
      const events = [];
      for (let i = start; i < Math.min(2 * n, start + 500); i++) {
        const author = authors[i % authors.length]!;
        const row: CommentRow = {
          id: newId(), section_id: sections[i % sections.length]!.id, consultation_id: consultation.id, author_id: author.id, parent_id: null, kind: "comment",
          body: `Keep the register public, please (copy ${i}).`, replacement: null, anchor_start: null, anchor_end: null, quote_exact: null, quote_prefix: null, quote_suffix: null,
          position_start: null, position_end: null, base_seq: 0, visibility: "public", status: "published", suggestion_status: null, decided_by: null, decided_at: null,
          decision_reason: null, applied_seq: null, moderation_reason: null, review_requested_at: null, publication: "name", redacted_of: null, created_at: at, edited_at: null, deleted_at: null,
        };
        await insertComment(tx, row);
        events.push(submissionEvent(row, { name: author.display_name, organisation: author.organisation, group: author.stakeholder_group }));
        ids.push(row.id);
      }
      await appendManyLedger(tx, db.dialect, consultation.id, events);
    });
  }
  const groupId = newId();
  await db.kysely.insertInto("comment_group").values({ id: groupId, consultation_id: consultation.id, kind: "campaign", label: null, gist: null, canonical_id: ids[0]!, size: n, centroid: null, merged_into: null, created_at: at, updated_at: at }).execute();
  for (let i = 0; i < n; i += 500) {
    await db.kysely
      .insertInto("comment_group_member")
      .values(ids.slice(i, Math.min(n, i + 500)).map((id, k) => ({ comment_id: id, kind: "campaign" as const, group_id: groupId, consultation_id: consultation.id, section_id: sections[(i + k) % sections.length]!.id, created_at: at })))
      .execute();
  }
  const view = await requireConsultation(db, "bench", owner);
  return { owner, view, groupId, baselineIds: ids.slice(n) };
}

async function main() {
  heading("One answer to a group vs one answer per comment (SQLite)");
  row(["members", "group answer", "N singles", "ratio", "verify after", "verify before", "verify ratio"]);
  for (const n of SIZES) {
    const dir = mkdtempSync(join(tmpdir(), "margin-bench-group-"));
    const db = createDb(`file:${join(dir, "group.sqlite")}`);
    await migrateToLatest(db.kysely);
    const { owner, view, groupId, baselineIds } = await seed(db, n);
    const bus = createInProcessBus(() => {});
    const url = `file:${join(dir, "group.sqlite")}`;
    const mail = createMailService(readEnv({ DATABASE_URL: url, MAIL_OUTBOX_DIR: mkdtempSync(join(dir, "outbox-")), ORIGIN: "http://localhost:3000" }), db, createLogger("error"));
    const deps = { db, bus, mail };
    // Baseline: the same number of answers, one recordDisposition each.
    let t = performance.now();
    for (const commentId of baselineIds) await recordDisposition(deps, view, owner, { commentId, outcome: "noted", response: "Thank you; noted.", changeSetIds: [] });
    const single = performance.now() - t;
    t = performance.now();
    const before = await verifyLedger(databaseSource(db));
    const verifyBefore = performance.now() - t;
    if (!before.ok) throw new Error(`ledger did not verify before: ${before.problem}`);
    t = performance.now();
    const done = await respondToGroup(deps, view, owner, { groupId, outcome: "partly_adopted", response: "We keep the register public and add a yearly review.", changeSetIds: [] });
    const group = performance.now() - t;
    if (done.answered !== n) throw new Error(`answered ${done.answered} of ${n}`);
    t = performance.now();
    const after = await verifyLedger(databaseSource(db));
    const verifyAfter = performance.now() - t;
    if (!after.ok) throw new Error(`ledger did not verify after: ${after.problem}`);
    row([n, `${fmt(group / 1000, 2)} s`, `${fmt(single / 1000, 2)} s`, `${fmt(single / group, 1)}×`, `${fmt(verifyAfter / 1000, 2)} s`, `${fmt(verifyBefore / 1000, 2)} s`, `${fmt(verifyAfter / verifyBefore, 2)}×`]);
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write("\nverify before: the whole ledger with the N single responses; verify after: the same plus the group response and its N member entries.\n");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
