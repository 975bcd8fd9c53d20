import type { Executor } from "../../../db/client.js";
import {
  insertAccessLog,
  listCommentAccess,
} from "../../../db/queries/consultation-recipient.js";
import type { UserProfile } from "../../../db/queries/user.js";
import type { AccessLogRow } from "../../../db/schema.js";
import { newId, nowIso } from "../../ids.js";

/**
 * Every time a recipient is shown the words of someone else's confidential submission,
 * one row goes to the access log, in the request that shows them: the submitter sees
 * who read it and when, and the public how often (ADR 019). The caller leaves out what
 * the reader wrote themselves: that is not a disclosure.
 */
export async function logConfidentialReads(
  db: Executor,
  reader: Pick<UserProfile, "id" | "display_name">,
  consultationId: string,
  commentIds: readonly string[]
): Promise<void> {
  const at = nowIso();
  const rows: AccessLogRow[] = commentIds.map((id) => ({
    id: newId(),
    subject_kind: "comment",
    request_id: null,
    response_id: null,
    question_id: null,
    comment_id: id,
    consultation_id: consultationId,
    reader_id: reader.id,
    reader_name: reader.display_name,
    action: "read",
    items: 1,
    at,
  }));
  await insertAccessLog(db, rows);
}

/** One access-log line as its submitter is shown it. */
export interface CommentAccess {
  reader: string;
  action: AccessLogRow["action"];
  items: number;
  at: string;
}

/** Who read each of these (the submitter's own) confidential submissions, and when, by comment id. */
export async function accessToComments(
  db: Executor,
  commentIds: readonly string[]
): Promise<Map<string, CommentAccess[]>> {
  const out = new Map<string, CommentAccess[]>();
  for (const r of await listCommentAccess(db, commentIds)) {
    if (!r.comment_id) continue;
    out.set(r.comment_id, [
      ...(out.get(r.comment_id) ?? []),
      { reader: r.reader_name, action: r.action, items: r.items, at: r.at },
    ]);
  }
  return out;
}
