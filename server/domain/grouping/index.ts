/**
 * Grouping of comments (issue 18): campaigns (near-identical texts, ADR 030) and
 * topics (what a comment is about, ADR 031). A new first comment is placed in
 * both, incrementally, inside the transaction that stores it, so a group never
 * names a comment that was not stored nor misses one that was.
 */
import type { Dialect, Executor } from "../../../db/client.js";
import type { CommentRow } from "../../../db/schema.js";
import { assignCampaign } from "./campaigns.js";
import { assignTopic } from "./topics.js";

/** Places a new comment in its campaign and its topic. Replies are not grouped: they answer a thread, not the draft. */
export async function assignGroups(tx: Executor, dialect: Dialect, comment: CommentRow): Promise<void> {
  if (comment.parent_id !== null) return;
  await assignCampaign(tx, dialect, comment);
  await assignTopic(tx, dialect, comment);
}
