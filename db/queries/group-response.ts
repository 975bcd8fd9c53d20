import type { Executor } from "../client.js";
import type { CommentRow, DispositionRow, GroupResponseTable } from "../schema.js";
import type { Selectable } from "kysely";

export type GroupResponseRow = Selectable<GroupResponseTable>;

/** Ids bound per statement: under both databases' limits on bound values. */
const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function findGroup(db: Executor, groupId: string) {
  return db.selectFrom("comment_group").selectAll().where("id", "=", groupId).executeTakeFirst();
}

/** A group's member comments (first comments only), in a stable order. */
export async function listGroupMemberComments(db: Executor, groupId: string): Promise<CommentRow[]> {
  return db
    .selectFrom("comment_group_member")
    .innerJoin("comment", "comment.id", "comment_group_member.comment_id")
    .selectAll("comment")
    .where("comment_group_member.group_id", "=", groupId)
    .where("comment.parent_id", "is", null)
    .orderBy("comment.id")
    .execute();
}

/** The current responses of some comments, by comment id. */
export async function currentDispositionsOf(db: Executor, commentIds: readonly string[]): Promise<Map<string, DispositionRow>> {
  const out = new Map<string, DispositionRow>();
  for (const ids of chunks(commentIds)) {
    const rows = await db.selectFrom("disposition").selectAll().where("comment_id", "in", ids).where("superseded_at", "is", null).execute();
    for (const r of rows) out.set(r.comment_id, r);
  }
  return out;
}

/** The group's answer in force, if any. */
export async function findCurrentGroupResponse(db: Executor, groupId: string): Promise<GroupResponseRow | undefined> {
  return db.selectFrom("group_response").selectAll().where("group_id", "=", groupId).where("superseded_at", "is", null).executeTakeFirst();
}

export async function findGroupResponse(db: Executor, id: string): Promise<GroupResponseRow | undefined> {
  return db.selectFrom("group_response").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Stores a group's answer, superseding the one before it. */
export async function insertGroupResponse(db: Executor, row: GroupResponseRow): Promise<void> {
  await db.updateTable("group_response").set({ superseded_at: row.created_at }).where("group_id", "=", row.group_id).where("superseded_at", "is", null).execute();
  await db.insertInto("group_response").values(row).execute();
}

/** Stores many dispositions, each superseding its comment's current one, a chunk per statement. */
export async function insertDispositions(db: Executor, rows: DispositionRow[]): Promise<void> {
  for (const some of chunks(rows, 200)) {
    const at = some[0]!.created_at;
    await db
      .updateTable("disposition")
      .set({ superseded_at: at })
      .where("comment_id", "in", some.map((r) => r.comment_id))
      .where("superseded_at", "is", null)
      .execute();
    await db.insertInto("disposition").values(some).execute();
  }
}

/**
 * How many comments a reader is shown hold each group response as their current
 * answer (or, `received`, were ever given it): published public comments only, so
 * the count reveals nothing hidden.
 */
export async function countPublicGroupAnswers(db: Executor, groupResponseIds: readonly string[], received = false): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const ids of chunks([...new Set(groupResponseIds)])) {
    const rows = await db
      .selectFrom("disposition")
      .innerJoin("comment", "comment.id", "disposition.comment_id")
      .select(["disposition.group_response_id as id", (eb) => eb.fn.countAll<number | string>().as("n")])
      .where("disposition.group_response_id", "in", ids)
      .$if(!received, (q) => q.where("disposition.superseded_at", "is", null))
      .where("comment.status", "=", "published")
      .where("comment.visibility", "=", "public")
      .groupBy("disposition.group_response_id")
      .execute();
    for (const r of rows) if (r.id) out.set(r.id, Number(r.n));
  }
  return out;
}

/** For the team's answer page: a group's current members, how many have their own response, how many a group's, and their sections. */
export async function groupAnswerState(db: Executor, groupId: string, sectionsMax: number) {
  const counts = await db
    .selectFrom("comment_group_member")
    .innerJoin("comment", "comment.id", "comment_group_member.comment_id")
    .leftJoin("disposition", (j) => j.onRef("disposition.comment_id", "=", "comment.id").on("disposition.superseded_at", "is", null))
    .select((eb) => [
      eb.fn.countAll<number | string>().as("members"),
      eb.fn.count<number | string>("disposition.id").as("answered"),
      eb.fn.count<number | string>("disposition.group_response_id").as("together"),
    ])
    .where("comment_group_member.group_id", "=", groupId)
    .where("comment.parent_id", "is", null)
    .where("comment.status", "<>", "deleted")
    // What a group's answer can reach: public comments (confidential ones are answered one by one).
    .where("comment.visibility", "=", "public")
    .executeTakeFirstOrThrow();
  const sections = await db
    .selectFrom("comment_group_member")
    .select("section_id")
    .distinct()
    .where("group_id", "=", groupId)
    .orderBy("section_id")
    .limit(sectionsMax)
    .execute();
  const members = Number(counts.members);
  const answered = Number(counts.answered);
  const together = Number(counts.together);
  return { members, individual: answered - together, together, sectionIds: sections.map((s) => s.section_id) };
}

export async function versionNumberOf(db: Executor, versionId: string | null): Promise<number | null> {
  if (!versionId) return null;
  const row = await db.selectFrom("version").select("number").where("id", "=", versionId).executeTakeFirst();
  return row ? Number(row.number) : null;
}

/** The comments among these whose current response is a group's: comment id → group response id and the words. */
export async function currentGroupAnswersOf(db: Executor, commentIds: readonly string[]): Promise<Map<string, { groupResponseId: string; response: string }>> {
  const out = new Map<string, { groupResponseId: string; response: string }>();
  for (const ids of chunks(commentIds)) {
    const rows = await db
      .selectFrom("disposition")
      .select(["comment_id", "group_response_id", "response"])
      .where("comment_id", "in", ids)
      .where("superseded_at", "is", null)
      .where("group_response_id", "is not", null)
      .execute();
    for (const r of rows) out.set(r.comment_id, { groupResponseId: r.group_response_id!, response: r.response });
  }
  return out;
}
