import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from "kysely";
import type { Dialect, Executor } from "../client.js";
import type { ConsultationStatus, Database, OrganisationKind, SearchKind, StakeholderGroup } from "../schema.js";

/*
 * The search index's writes and its one query. Every write refreshes the index rows
 * of the items it touched from their source rows, in the caller's transaction, with the
 * rule "what the anonymous public may read": public, published comments (never a
 * sealed text), current responses to them, consultations, issued requests, sections.
 * A consultation's draft status is not copied: the query checks it (and every source
 * row again) when it runs, so a phase change needs no reindex.
 */

const DOC_COLUMNS = ["kind", "ref_id", "consultation_id", "section_id", "comment_id", "title", "body", "at"] as const;

/** Re-reads the index rows of these comments (or all: a reindex) and of the responses to them. */
export async function refreshCommentDocs(db: Executor, commentIds: readonly string[] | "all"): Promise<void> {
  if (commentIds.length === 0) return;
  const ids = commentIds === "all" ? null : [...new Set(commentIds)];
  await db
    .deleteFrom("search_doc")
    .where("kind", "in", ["comment", "response"])
    .$if(ids !== null, (q) => q.where("comment_id", "in", ids!))
    .execute();
  await db
    .insertInto("search_doc")
    .columns(DOC_COLUMNS)
    .expression(
      db
        .selectFrom("comment")
        .select((eb) => [
          sql.lit("comment").as("kind"),
          "comment.id as ref_id",
          "comment.consultation_id",
          "comment.section_id",
          "comment.id as comment_id",
          sql.lit("").as("title"),
          eb
            .case()
            .when("comment.replacement", "is", null)
            .then(eb.ref("comment.body"))
            .else(sql<string>`comment.body || ' ' || comment.replacement`)
            .end()
            .as("body"),
          "comment.created_at as at",
        ])
        .$if(ids !== null, (q) => q.where("comment.id", "in", ids!))
        .where(publicComment("comment"))
        .where("comment.body", "not like", "sealed:%")
        .orderBy("comment.created_at"),
    )
    .execute();
  await db
    .insertInto("search_doc")
    .columns(DOC_COLUMNS)
    .expression(
      db
        .selectFrom("disposition")
        .innerJoin("comment", "comment.id", "disposition.comment_id")
        .select([
          sql.lit("response").as("kind"),
          "disposition.id as ref_id",
          "disposition.consultation_id",
          "disposition.section_id",
          "disposition.comment_id",
          sql.lit("").as("title"),
          "disposition.response as body",
          "disposition.created_at as at",
        ])
        .$if(ids !== null, (q) => q.where("disposition.comment_id", "in", ids!))
        .where("disposition.superseded_at", "is", null)
        .where("disposition.response", "<>", "")
        .where(publicComment("comment"))
        .orderBy("disposition.created_at"),
    )
    .execute();
}

/** Re-reads a consultation's title and summary (or every consultation's). */
export async function refreshConsultationDoc(db: Executor, consultationId: string | "all"): Promise<void> {
  const one = consultationId !== "all";
  await db
    .deleteFrom("search_doc")
    .where("kind", "=", "consultation")
    .$if(one, (q) => q.where("ref_id", "=", consultationId))
    .execute();
  await db
    .insertInto("search_doc")
    .columns(DOC_COLUMNS)
    .expression(
      db
        .selectFrom("consultation")
        .select([sql.lit("consultation").as("kind"), "id as ref_id", "id as consultation_id", sql.lit(null).as("section_id"), sql.lit(null).as("comment_id"), "title", "summary as body", "created_at as at"])
        .$if(one, (q) => q.where("id", "=", consultationId)),
    )
    .execute();
}

/** Re-reads an information request's public part (title and purpose), once it is issued (or every request's). */
export async function refreshRequestDoc(db: Executor, requestId: string | "all"): Promise<void> {
  const one = requestId !== "all";
  await db
    .deleteFrom("search_doc")
    .where("kind", "=", "request")
    .$if(one, (q) => q.where("ref_id", "=", requestId))
    .execute();
  await db
    .insertInto("search_doc")
    .columns(DOC_COLUMNS)
    .expression(
      db
        .selectFrom("info_request")
        .select((eb) => [
          sql.lit("request").as("kind"),
          "id as ref_id",
          sql.lit(null).as("consultation_id"),
          sql.lit(null).as("section_id"),
          sql.lit(null).as("comment_id"),
          "title",
          "purpose as body",
          eb.fn.coalesce("issued_at", "created_at").as("at"),
        ])
        .$if(one, (q) => q.where("id", "=", requestId))
        .where("status", "=", "issued"),
    )
    .execute();
}

/** Writes a section's live text (after a fold, an import, or a reindex). */
export async function writeSectionDoc(db: Executor, sectionId: string, text: string, at: string): Promise<void> {
  const section = await db.selectFrom("section").select(["consultation_id", "title"]).where("id", "=", sectionId).executeTakeFirst();
  if (!section) return;
  // A new row (and id) for each new text, so a changed section counts as recent. The upsert
  // covers two nodes indexing the same section at start: one row, the later text.
  await db.deleteFrom("search_doc").where("kind", "=", "section").where("ref_id", "=", sectionId).execute();
  await db
    .insertInto("search_doc")
    .values({ kind: "section", ref_id: sectionId, consultation_id: section.consultation_id, section_id: sectionId, comment_id: null, title: section.title, body: text, at })
    .onConflict((oc) => oc.columns(["kind", "ref_id"]).doUpdateSet({ title: section.title, body: text, at }))
    .execute();
}

/** A renamed section's title in the index. */
export async function updateSectionDocTitle(db: Executor, sectionId: string, title: string): Promise<void> {
  await db.updateTable("search_doc").set({ title }).where("kind", "=", "section").where("ref_id", "=", sectionId).execute();
}

export async function deleteSectionDoc(db: Executor, sectionId: string): Promise<void> {
  await db.deleteFrom("search_doc").where("kind", "=", "section").where("ref_id", "=", sectionId).execute();
}

/** Forgets every section's index row (a full reindex writes them again). */
export async function deleteSectionDocs(db: Executor): Promise<void> {
  await db.deleteFrom("search_doc").where("kind", "=", "section").execute();
}

/** Sections with no index row (a database indexed before search existed): the start-up reindex's work list. */
export async function listUnindexedSections(db: Executor): Promise<{ id: string; updated_at: string }[]> {
  return db
    .selectFrom("section")
    .select(["section.id", "section.updated_at"])
    .where((eb) => eb.not(eb.exists(eb.selectFrom("search_doc").select("search_doc.id").where("search_doc.kind", "=", "section").whereRef("search_doc.ref_id", "=", "section.id"))))
    .orderBy("section.id")
    .execute();
}

/** How big the index is, in rows per kind (the bench and `margin search reindex` report it). */
export async function countSearchDocs(db: Executor): Promise<{ kind: SearchKind; n: number }[]> {
  const rows = await db.selectFrom("search_doc").select(["kind", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("kind").execute();
  return rows.map((r) => ({ kind: r.kind, n: Number(r.n) }));
}

type CommentAlias = "comment" | "cm" | "parent";

/** A comment the anonymous public reads in full: public, published (not pending, hidden or deleted). */
function publicComment(alias: CommentAlias) {
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> =>
    eb.and([eb(`${alias}.visibility`, "=", "public"), eb(`${alias}.status`, "=", "published")]);
}

/** Consultation statuses whose content the public reads. */
const PUBLIC_STATUSES: ConsultationStatus[] = ["open", "closed", "final"];

export interface SearchQuery {
  /** The words, each matched literally as a substring; all must match. */
  words: readonly string[];
  kind?: SearchKind;
  status?: Exclude<ConsultationStatus, "draft">;
  group?: StakeholderGroup;
  organisationKind?: OrganisationKind;
  /** Inclusive ISO instant. */
  from?: string;
  /** Exclusive ISO instant. */
  to?: string;
}

export interface SearchHit {
  kind: SearchKind;
  ref_id: string;
  title: string;
  body: string;
  at: string;
  section_id: string | null;
  comment_id: string | null;
  parent_id: string | null;
  consultation_slug: string | null;
  consultation_title: string | null;
  consultation_status: ConsultationStatus | null;
  request_slug: string | null;
  content_language: string | null;
  time_zone: string | null;
}

/** Words shorter than this cannot use a trigram index: they are matched with LIKE. */
export const TRIGRAM = 3;

/** An FTS5 string: the word as one quoted phrase, so no FTS5 syntax in it is read as such. */
export function ftsPhrase(word: string): string {
  return `"${word.replaceAll('"', '""')}"`;
}

/** A LIKE pattern matching the word anywhere, with `\`, `%` and `_` escaped (used with ESCAPE '\'). */
export function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The items the anonymous public may read that contain every word, newest first.
 * Visibility is decided here, in the `where`, so counts never include anything else:
 * draft consultations (and everything in them), draft requests, and any comment that
 * is not public and published (nor the replies to one, nor the responses to one).
 */
function searchBase(db: Executor, dialect: Dialect, q: SearchQuery) {
  const long = q.words.filter((w) => [...w].length >= TRIGRAM);
  const short = q.words.filter((w) => [...w].length < TRIGRAM);
  const fts = dialect === "sqlite" && long.length > 0 ? long.map(ftsPhrase).join(" ") : null;
  const docs = () => db.selectFrom("search_doc as d");
  // SQLite: the FTS5 table drives the query (as a table-valued function), newest rowid first,
  // so a page stops after its rows and a capped count after the cap.
  const from =
    fts === null
      ? docs()
      : (db.selectFrom(sql<{ rowid: number }>`search_fts(${fts})`.as("f")).innerJoin("search_doc as d", "d.id", "f.rowid") as unknown as ReturnType<typeof docs>);
  let query = from
    .leftJoin("consultation as c", "c.id", "d.consultation_id")
    .leftJoin("comment as cm", "cm.id", "d.comment_id")
    .leftJoin("info_request as r", (j) => j.onRef("r.id", "=", "d.ref_id").on("d.kind", "=", "request"))
    .where((eb) =>
      eb.or([
        eb.and([eb("d.kind", "=", "request"), eb("r.status", "=", "issued")]),
        eb.and([
          eb("d.kind", "<>", "request"),
          eb("c.status", "in", PUBLIC_STATUSES),
          eb.or([
            eb("d.comment_id", "is", null),
            eb.and([
              publicComment("cm")(eb),
              eb.or([
                eb("cm.parent_id", "is", null),
                eb.exists(eb.selectFrom("comment as parent").select("parent.id").whereRef("parent.id", "=", "cm.parent_id").where(publicComment("parent"))),
              ]),
            ]),
          ]),
          eb.or([
            eb("d.kind", "<>", "response"),
            eb.exists(eb.selectFrom("disposition as x").select("x.id").whereRef("x.id", "=", "d.ref_id").where("x.superseded_at", "is", null)),
          ]),
        ]),
      ]),
    );

  if (dialect === "sqlite") {
    for (const w of short) query = query.where(sql<SqlBool>`(d.title || ' ' || d.body) like ${likePattern(w)} escape '\\'`);
  } else {
    for (const w of q.words) query = query.where(pgWord(w));
  }

  if (q.kind) query = query.where("d.kind", "=", q.kind);
  if (q.status) query = query.where("c.status", "=", q.status);
  if (q.group || q.organisationKind) query = query.where("d.kind", "=", "comment");
  if (q.group) {
    const group = q.group;
    query = query.where((eb) => eb.exists(eb.selectFrom("user as u").select("u.id").whereRef("u.id", "=", "cm.author_id").where("u.stakeholder_group", "=", group)));
  }
  if (q.organisationKind) {
    const kind = q.organisationKind;
    // Only where the public sees the organisation: a verified one, on a comment not published anonymously.
    query = query
      .where("cm.publication", "<>", "anonymous")
      .where("cm.redacted_of", "is", null)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom("organisation_member as om")
            .innerJoin("organisation as o", "o.id", "om.organisation_id")
            .select("o.id")
            .whereRef("om.user_id", "=", "cm.author_id")
            .where("o.verified_at", "is not", null)
            .where("o.kind", "=", kind),
        ),
      );
  }
  if (q.from) query = query.where("d.at", ">=", q.from);
  if (q.to) query = query.where("d.at", "<", q.to);
  return { query, newestFirst: sql.raw(fts === null ? "d.id desc" : "f.rowid desc") };
}

/** The same expression as the GIN index, so PostgreSQL can use it for words of three characters or more. */
function pgWord(word: string) {
  return sql<SqlBool>`(d.title || ' ' || d.body) ilike ${likePattern(word)} escape '\\'`;
}

/**
 * PostgreSQL: the visible hits' ids, found through the trigram index, or null when there are
 * more than `cap` (then the total is the cap). pg_trgm keeps no statistics per trigram, so the
 * planner cannot tell a rare word from a common one: left to itself it walked the whole table
 * newest first for two rare words (1.4 s on 100,000 texts), or rechecked every candidate of
 * two common ones before counting. Here the index path is forced and stops after the cap;
 * beyond it, the words are common and the newest-first walk finds a page quickly.
 */
async function pgCandidates(db: Kysely<Database>, q: SearchQuery, cap: number): Promise<number[] | null> {
  if (!q.words.some((w) => [...w].length >= TRIGRAM)) return null;
  return db.transaction().execute(async (tx) => {
    await sql`set local enable_seqscan = off`.execute(tx);
    await sql`set local enable_indexscan = off`.execute(tx);
    const rows = await searchBase(tx, "postgres", q).query.select("d.id").limit(cap + 1).execute();
    return rows.length > cap ? null : rows.map((r) => Number(r.id));
  });
}

/**
 * A page of hits and how many there are (counting stops at `cap`), the most recently
 * written first: by the index row's id, which grows with every write (a new comment, a
 * response, a fold of a section, a settings change). On SQLite the FTS5 table drives the
 * query in that order and stops after the page; sorting every match by date instead cost
 * a broad query 100 ms and more on 100,000 comments (bench/search.ts). Only the page's
 * rows are then read in full.
 */
export async function searchPublic(
  db: Kysely<Database>,
  dialect: Dialect,
  q: SearchQuery,
  page: { limit: number; offset: number },
  cap: number,
): Promise<{ hits: SearchHit[]; total: number }> {
  if (dialect === "postgres" && q.words.some((w) => [...w].length >= TRIGRAM)) {
    const found = await pgCandidates(db, q, cap);
    if (found === null) return { hits: await readHits(db, await pageIds(searchBase(db, dialect, q), page)), total: cap };
    const ids = [...found].sort((a, b) => b - a).slice(page.offset, page.offset + page.limit);
    return { hits: await readHits(db, ids), total: found.length };
  }
  const base = () => searchBase(db, dialect, q);
  const [ids, total] = await Promise.all([pageIds(base(), page), countHits(db, base(), cap)]);
  return { hits: await readHits(db, ids), total };
}

type Base = ReturnType<typeof searchBase>;

async function pageIds({ query, newestFirst }: Base, page: { limit: number; offset: number }): Promise<number[]> {
  return (await query.select("d.id").orderBy(newestFirst).limit(page.limit).offset(page.offset).execute()).map((r) => r.id);
}

async function countHits(db: Executor, { query, newestFirst }: Base, cap: number): Promise<number> {
  // In the page's order: with a LIMIT and an ORDER BY, a common word's matches are walked newest
  // first and counting stops at the cap, instead of every candidate being checked first.
  const row = await db
    .selectFrom(query.select("d.id").orderBy(newestFirst).limit(cap).as("hits"))
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function readHits(db: Executor, ids: number[]): Promise<SearchHit[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("search_doc as d")
    .leftJoin("consultation as c", "c.id", "d.consultation_id")
    .leftJoin("comment as cm", "cm.id", "d.comment_id")
    .leftJoin("info_request as r", (j) => j.onRef("r.id", "=", "d.ref_id").on("d.kind", "=", "request"))
    .where("d.id", "in", ids)
    .select([
      "d.kind",
      "d.ref_id",
      "d.title",
      "d.body",
      "d.at",
      "d.section_id",
      "d.comment_id",
      "cm.parent_id",
      "c.slug as consultation_slug",
      "c.title as consultation_title",
      "c.status as consultation_status",
      "r.slug as request_slug",
      (eb) => eb.fn.coalesce("c.content_language", "r.content_language").as("content_language"),
      (eb) => eb.fn.coalesce("c.time_zone", "r.time_zone").as("time_zone"),
    ])
    .orderBy("d.id", "desc")
    .execute();
}
