import type { Db } from "../../db/client.js";
import { PUBLIC_VIEWER, listPrivateCommentTexts, listSectionComments } from "../../db/queries/comment.js";
import { listSectionDispositions } from "../../db/queries/history.js";
import { reportsIn } from "../domain/moderation.js";
import { shownAuthor } from "../domain/shown-author.js";
import type { ServedComment, ServedModerationAction, ServedRecord } from "./served.js";

/**
 * The served record of participation (comments, responses, moderation), read from
 * the tables the pages and API read, or from the public API itself. The database
 * reader also gives what only an operator's copy holds (the author's account, a
 * response's id, the team's note, the entries' salts); the API never serves those.
 */

type ParticipationRecord = Pick<ServedRecord, "publicComments" | "commentSections" | "supersededDispositions" | "moderationLog" | "entrySalts" | "privateCommentTexts">;

/** Moderation log entries and comments read per request over HTTP (the API's page limit). */
const LOG_PAGE = 100;

export function databaseParticipation(db: Db): ParticipationRecord {
  const k = db.kysely;
  return {
    async publicComments(sectionId) {
      // A section deleted while its consultation was a draft took its comments with it.
      if (!(await k.selectFrom("section").select("id").where("id", "=", sectionId).executeTakeFirst())) return null;
      const [rows, dispositions] = await Promise.all([listSectionComments(k, sectionId, PUBLIC_VIEWER), listSectionDispositions(k, sectionId)]);
      // What the read API lists: published comments, and deleted ones that keep their place because they were answered.
      return rows
        .filter((r) => r.visibility === "public" && (r.status === "published" || (r.status === "deleted" && dispositions.has(r.id))))
        .map((r): ServedComment => {
          const withdrawn = r.status === "deleted";
          const d = dispositions.get(r.id);
          return {
            id: r.id,
            parentId: r.parent_id,
            kind: r.kind,
            body: withdrawn ? "" : r.body,
            replacement: withdrawn ? null : r.replacement,
            author: shownAuthor(r, false),
            createdAt: r.created_at,
            withdrawn,
            disposition: d ? { outcome: d.outcome, response: d.response, at: d.created_at } : null,
            authorId: r.author_id,
            dispositionId: d?.id ?? null,
            publication: r.publication,
            dispositionLinks: d ? { versionId: d.version_id, changeSetIds: JSON.parse(d.change_set_ids) as string[], decidedBy: d.decided_by } : null,
          };
        });
    },
    async commentSections() {
      const rows = await k.selectFrom("comment").select("section_id").distinct().execute();
      return rows.map((r) => r.section_id);
    },
    async supersededDispositions() {
      const rows = await k.selectFrom("disposition").select(["id", "comment_id"]).where("superseded_at", "is not", null).execute();
      return rows.map((r) => ({ id: r.id, commentId: r.comment_id }));
    },
    async moderationLog({ id }) {
      const rows = await k
        .selectFrom("moderation_action")
        .select(["id", "comment_id", "action", "reason_code", "actor_role", "note", "created_at"])
        .where("consultation_id", "=", id)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .execute();
      return rows.map((r): ServedModerationAction => ({
        id: r.id,
        commentId: r.comment_id,
        action: r.action,
        reason: r.reason_code,
        role: r.actor_role,
        reports: reportsIn(r),
        at: r.created_at,
        note: r.note,
      }));
    },
    privateCommentTexts: () => listPrivateCommentTexts(k),
    async entrySalts(kinds) {
      if (kinds.length === 0) return new Map();
      const rows = await k
        .selectFrom("ledger_entry")
        .select(["chain", "seq", "salt"])
        .where("kind", "in", kinds as never[])
        .where("salt", "is not", null)
        .execute();
      return new Map(rows.map((r) => [`${r.chain}#${Number(r.seq)}`, r.salt!]));
    },
  };
}

/** `get` answers null for a 404 (a part the server does not publish). */
export function httpParticipation(get: (path: string) => Promise<any | null>): ParticipationRecord {
  return {
    async publicComments(sectionId) {
      // Every page: a section's list is paged like every list of the API.
      const items: ServedComment[] = [];
      for (let cursor: string | null = null; ; ) {
        const body: any = await get(`/api/v1/sections/${encodeURIComponent(sectionId)}/comments?limit=${LOG_PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
        if (!body) return null;
        items.push(...(body.items as ServedComment[]));
        if (!body.nextCursor) break;
        cursor = body.nextCursor;
      }
      return items.map((c) => ({
        id: c.id,
        parentId: c.parentId,
        kind: c.kind,
        body: c.body,
        replacement: c.replacement,
        author: c.author,
        createdAt: c.createdAt,
        withdrawn: c.withdrawn,
        disposition: c.disposition,
      }));
    },
    async moderationLog({ sectionId }) {
      const section = await get(`/api/v1/sections/${encodeURIComponent(sectionId)}`);
      if (!section) return null;
      const out: ServedModerationAction[] = [];
      for (let cursor: string | null = null; ; ) {
        const page: any = await get(`/api/v1/consultations/${encodeURIComponent(section.consultation)}/moderation?limit=${LOG_PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
        if (!page) return null;
        for (const e of page.items) out.push({ id: e.id, commentId: e.commentId, action: e.action, reason: e.reason, role: e.role, reports: e.reports, at: e.at });
        if (!page.nextCursor) return out;
        cursor = page.nextCursor;
      }
    },
  };
}
