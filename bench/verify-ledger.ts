// The ledger `margin verify` is measured and profiled on: 100,000 entries in a
// realistic mix of change sets spread over 50 sections (each the merge of its
// transactions' updates, as the server writes them), comments with their bodies,
// edits of those comments, and positions taken and changed.
import { existsSync } from "node:fs";
import * as Y from "yjs";
import type { Executor } from "../db/client.js";
import { createDb, type Db } from "../db/client.js";
import { migrateToLatest } from "../db/migrator.js";
import { insertCheckpoint } from "../db/queries/collab.js";
import { encodeCheckpoint } from "../server/collab/checkpoint.js";
import { insertComment, insertPosition, supersedePositions } from "../db/queries/comment.js";
import { STAKEHOLDER_GROUPS, STANCES, type CommentRow, type PositionRow } from "../db/schema.js";
import { contentHash, FRAGMENT } from "../server/collab/content.js";
import { installDataKeyring } from "../server/crypto/active.js";
import { loadDataKeyring } from "../server/crypto/keyring.js";
import { writeChangeSet } from "../server/collab/persistence.js";
import { appendLedger } from "../server/ledger/append.js";
import { newSalt, saltedDigest, sha256Hex } from "../server/ledger/chain.js";
import { positionEvent, submissionEvent } from "../server/ledger/participation.js";
import { seededRandom } from "../tests/helpers/random.js";

const PARAGRAPHS = 5;
const PEOPLE = 200;
const BATCH = 1000;
/** The mix, in percent of entries: the rest are change sets. */
const MIX = { submission: 25, edit: 5, position: 10 };

const WORDS = "the council should publish its data openly and explain how each decision on the guideline was reached before it applies".split(" ");

/** Entries in the ledger, and the sections its change sets are spread over. */
export const LEDGER_ENTRIES = Number(process.env.BENCH_ENTRIES ?? 100_000);
const SECTIONS = Number(process.env.BENCH_SECTIONS ?? 50);

const rand = seededRandom(7);
const prose = (words: number) => Array.from({ length: words }, () => WORDS[rand(WORDS.length)]).join(" ");
const pad = (n: number, width: number) => String(n).padStart(width, "0");

interface Section {
  id: string;
  doc: Y.Doc;
  texts: Y.XmlText[];
  /** The updates of the transactions since the last change set, as the server receives them from editors. */
  pending: Uint8Array[];
  seq: number;
}

function newSection(s: number): Section {
  const doc = new Y.Doc();
  const texts: Y.XmlText[] = [];
  doc.transact(() => {
    for (let p = 0; p < PARAGRAPHS; p++) {
      const el = new Y.XmlElement("paragraph");
      doc.getXmlFragment(FRAGMENT).push([el]);
      const t = new Y.XmlText();
      el.insert(0, [t]);
      texts.push(t);
    }
  });
  const section: Section = { id: `s${pad(s, 15)}`, doc, texts, pending: [Y.encodeStateAsUpdate(doc)], seq: 0 };
  doc.on("update", (u: Uint8Array) => section.pending.push(u));
  return section;
}

/** Writes the ledger: every entry through the same code the server uses. */
class Writer {
  readonly sections: Section[] = [];
  private readonly comments: CommentRow[] = [];
  private n = 0;
  constructor(private readonly at: string) {}

  async write(tx: Executor, dialect: "sqlite" | "postgres"): Promise<void> {
    const r = rand(100);
    if (r < MIX.submission) await this.comment(tx, dialect);
    else if (r < MIX.submission + MIX.edit && this.comments.length > 0) await this.edit(tx, dialect);
    else if (r < MIX.submission + MIX.edit + MIX.position) await this.position(tx, dialect);
    else await this.changeSet(tx, dialect);
  }

  private async changeSet(tx: Executor, dialect: "sqlite" | "postgres") {
    // A word typed at the end of one paragraph (now and then, one deleted).
    const s = this.sections[rand(this.sections.length)]!;
    const t = s.texts[rand(PARAGRAPHS)]!;
    if (t.length > 40 && rand(10) === 0) t.delete(0, 6);
    else t.insert(t.length, "word ");
    // The server stores a change set as the merge of its transactions' updates (each carries only its own deletions).
    const update = Y.mergeUpdates(s.pending);
    s.pending = [];
    s.seq += 1;
    await writeChangeSet(tx, dialect, {
      id: `c${s.id.slice(-5)}${pad(s.seq, 10)}`,
      sectionId: s.id,
      seqFrom: s.seq,
      seqTo: s.seq,
      authors: ["u0"],
      startedAt: this.at,
      endedAt: this.at,
      data: update,
      stateHash: contentHash(s.doc),
      stats: { inserted: 5, deleted: 0, summary: "bench" },
    });
  }

  private async comment(tx: Executor, dialect: "sqlite" | "postgres") {
    const s = this.sections[rand(this.sections.length)]!;
    const parent = this.comments.length > 0 && rand(4) === 0 ? this.comments[rand(this.comments.length)]! : null;
    const row: CommentRow = {
      id: `m${pad((this.n += 1), 12)}`,
      section_id: parent?.section_id ?? s.id,
      consultation_id: "c",
      author_id: `u${rand(PEOPLE)}`,
      parent_id: parent?.id ?? null,
      kind: "comment",
      body: prose(20 + rand(80)),
      replacement: null,
      anchor_start: null,
      anchor_end: null,
      quote_exact: null,
      quote_prefix: null,
      quote_suffix: null,
      position_start: null,
      position_end: null,
      base_seq: 0,
      visibility: rand(10) === 0 ? "confidential" : "public",
      status: "published",
      suggestion_status: null,
      decided_by: null,
      decided_at: null,
      decision_reason: null,
      applied_seq: null,
      moderation_reason: null,
      review_requested_at: null,
      publication: "name",
      redacted_of: null,
      created_at: this.at,
      edited_at: null,
      deleted_at: null,
    };
    await insertComment(tx, row);
    await appendLedger(tx, dialect, submissionEvent(row, { name: row.author_id, organisation: "", group: "other" }));
    this.comments.push(row);
  }

  private async edit(tx: Executor, dialect: "sqlite" | "postgres") {
    const c = this.comments[rand(this.comments.length)]!;
    c.body = `${c.body} ${prose(5)}`;
    await tx.updateTable("comment").set({ body: c.body, edited_at: this.at }).where("id", "=", c.id).execute();
    const salt = newSalt();
    const open = c.visibility === "public";
    await appendLedger(tx, dialect, {
      kind: "edit",
      consultationId: "c",
      sectionId: c.section_id,
      subjectId: c.id,
      createdAt: this.at,
      salt,
      payload: { commentId: c.id, bodySha256: open ? sha256Hex(c.body) : null, bodyDigest: saltedDigest(salt, c.body), authorDigest: saltedDigest(salt, c.author_id) },
    });
  }

  private async position(tx: Executor, dialect: "sqlite" | "postgres") {
    const s = this.sections[rand(this.sections.length)]!;
    const user = `u${rand(PEOPLE)}`;
    const supersedes = await supersedePositions(tx, s.id, user, this.at);
    const p: PositionRow = {
      id: `p${pad((this.n += 1), 12)}`,
      section_id: s.id,
      consultation_id: "c",
      user_id: user,
      stance: STANCES[rand(STANCES.length)]!,
      rationale: prose(10 + rand(20)),
      quote_exact: null,
      stakeholder_group: STAKEHOLDER_GROUPS[rand(STAKEHOLDER_GROUPS.length)]!,
      created_at: this.at,
      superseded_at: null,
    };
    await insertPosition(tx, p);
    await appendLedger(tx, dialect, positionEvent(p, supersedes));
  }
}

/**
 * Opens the bench ledger at `file`, writing it first unless the file is there
 * already (BENCH_VERIFY_DB keeps one between runs: writing takes minutes). The
 * process loads the data key kept next to it, as the server and the CLI do:
 * confidential comments are sealed.
 */
export async function openVerifyLedger(file: string): Promise<{ db: Db; url: string; summary: string; buildMs: number | null }> {
  const url = `file:${file}`;
  const fresh = !existsSync(file);
  installDataKeyring(loadDataKeyring({ DATABASE_URL: url }, { create: true }).ring);
  const db = createDb(url);
  let buildMs: number | null = null;
  if (fresh) {
    const started = performance.now();
    await writeLedger(db);
    buildMs = performance.now() - started;
  }
  const kinds = await db.kysely.selectFrom("ledger_entry").select(["kind", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("kind").execute();
  const n = (kind: string) => Number(kinds.find((k) => k.kind === kind)?.n ?? 0);
  const entries = kinds.reduce((sum, k) => sum + Number(k.n), 0);
  const summary = `${entries} ledger entries: ${n("change_set")} change sets over ${SECTIONS} sections, ${n("submission")} comments, ${n("edit")} edits, ${n("position")} positions`;
  return { db, url, summary, buildMs };
}

async function writeLedger(db: Db): Promise<void> {
  await migrateToLatest(db.kysely);
  const at = new Date().toISOString();
  for (let u = 0; u < PEOPLE; u++) {
    await db.kysely.insertInto("user").values({ id: `u${u}`, email: `u${u}@example.org`, display_name: `U${u}`, organisation: "", stakeholder_group: "other", password_hash: "x", site_role: "member", created_at: at }).execute();
  }
  await db.kysely.insertInto("consultation").values({ id: "c", slug: "verify", title: "V", summary: "", status: "open", opens_at: null, closes_at: null, moderation_mode: "post", created_by: "u0", created_at: at, updated_at: at }).execute();
  const writer = new Writer(at);
  for (let s = 0; s < SECTIONS; s++) {
    const section = newSection(s);
    await db.kysely.insertInto("section").values({ id: section.id, consultation_id: "c", position: s + 1, title: `Section ${s + 1}`, created_at: at, updated_at: at }).execute();
    writer.sections.push(section);
  }
  for (let i = 0; i < LEDGER_ENTRIES; i += BATCH) {
    await db.kysely.transaction().execute(async (tx) => {
      for (let k = i; k < Math.min(LEDGER_ENTRIES, i + BATCH); k++) await writer.write(tx, db.dialect);
    });
  }
  for (const s of writer.sections) {
    await insertCheckpoint(db.kysely, { section_id: s.id, seq: s.seq, created_at: at, ...encodeCheckpoint(s.doc) });
    s.doc.destroy();
  }
}
