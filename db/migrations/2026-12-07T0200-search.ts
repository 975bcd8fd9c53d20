import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen in time: this file must not import application code.

/**
 * Search (issue 15). `search_doc` holds one row per searchable public item (a
 * consultation's title and summary, a section's live text, a published public
 * comment or reply, a current response to one, an issued information request's
 * title and purpose), written in the same transaction as the item itself.
 *
 * The text index (over title and body) differs by dialect, as the binary
 * columns do: SQLite gets an FTS5 table with the trigram tokenizer (external
 * content, kept in step by triggers, so it commits with the row); PostgreSQL a
 * pg_trgm GIN index on `title || ' ' || body`. Both match any substring of three characters or more, so Japanese
 * written without spaces is found.
 *
 * Existing consultations, comments, responses and requests are copied here with
 * the same rules the application applies; section texts live in Yjs updates, so
 * the server indexes them at start when none is indexed (`margin search reindex`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (postgres) {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create table search_doc (
      id bigserial primary key,
      kind text not null,
      ref_id text not null,
      consultation_id text,
      section_id text,
      comment_id text,
      at text not null,
      title text not null,
      body text not null
    )`.execute(db);
  } else {
    // An explicit integer key: the FTS5 index refers to rows by it, and VACUUM keeps it.
    // The long texts come last, so reading a row's date for sorting never reads its text.
    await sql`create table search_doc (
      id integer primary key,
      kind text not null,
      ref_id text not null,
      consultation_id text,
      section_id text,
      comment_id text,
      at text not null,
      title text not null,
      body text not null
    )`.execute(db);
  }
  await db.schema.createIndex("search_doc_ref").on("search_doc").columns(["kind", "ref_id"]).unique().execute();
  await db.schema.createIndex("search_doc_consultation").on("search_doc").column("consultation_id").execute();
  await db.schema.createIndex("search_doc_comment").on("search_doc").column("comment_id").execute();
  await db.schema.createIndex("search_doc_at").on("search_doc").columns(["at", "id"]).execute();

  if (postgres) {
    await sql`create index search_doc_text_trgm on search_doc using gin ((title || ' ' || body) gin_trgm_ops)`.execute(db);
  } else {
    await sql`create virtual table search_fts using fts5(title, body, content='search_doc', content_rowid='id', tokenize='trigram')`.execute(db);
    await sql`create trigger search_doc_ai after insert on search_doc begin
      insert into search_fts(rowid, title, body) values (new.id, new.title, new.body);
    end`.execute(db);
    await sql`create trigger search_doc_ad after delete on search_doc begin
      insert into search_fts(search_fts, rowid, title, body) values ('delete', old.id, old.title, old.body);
    end`.execute(db);
    await sql`create trigger search_doc_au after update on search_doc begin
      insert into search_fts(search_fts, rowid, title, body) values ('delete', old.id, old.title, old.body);
      insert into search_fts(rowid, title, body) values (new.id, new.title, new.body);
    end`.execute(db);
  }

  // One statement, oldest first: search lists the highest ids (the most recently written) first.
  await sql`insert into search_doc (kind, ref_id, consultation_id, section_id, comment_id, at, title, body)
    select * from (
      select 'consultation' as kind, id as ref_id, id as consultation_id, null as section_id, null as comment_id, created_at as at, title, summary as body
      from consultation
      union all
      select 'comment', id, consultation_id, section_id, id, created_at, '',
        case when replacement is null then body else body || ' ' || replacement end
      from comment
      where visibility = 'public' and status = 'published' and body not like 'sealed:%'
      union all
      select 'response', d.id, d.consultation_id, d.section_id, d.comment_id, d.created_at, '', d.response
      from disposition d join comment c on c.id = d.comment_id
      where d.superseded_at is null and d.response <> '' and c.visibility = 'public' and c.status = 'published'
      union all
      select 'request', id, null, null, null, coalesce(issued_at, created_at), title, purpose
      from info_request where status = 'issued'
    ) as existing
    order by at`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (!postgres) {
    await sql`drop trigger if exists search_doc_au`.execute(db);
    await sql`drop trigger if exists search_doc_ad`.execute(db);
    await sql`drop trigger if exists search_doc_ai`.execute(db);
    await sql`drop table if exists search_fts`.execute(db);
  }
  await db.schema.dropTable("search_doc").execute();
  // pg_trgm stays: other schemas in the same database may use it.
}
