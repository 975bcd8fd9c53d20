/**
 * Grouping of comments (issue 18): campaigns (near-identical texts, ADR 030) and
 * topics (what a comment is about, ADR 031). A new first comment is placed in
 * both, incrementally, inside the transaction that stores it, so a group never
 * names a comment that was not stored nor misses one that was.
 */
import type { Dialect, Executor } from "../../../db/client.js";
import type { CommentRow } from "../../../db/schema.js";
import { assignCampaign } from "./campaigns.js";
import { assignTopic, type TopicSettings } from "./topics.js";

/** The grouping engines' knobs, from the environment (server/env.ts). */
export interface GroupingSettings {
  topics?: TopicSettings;
}

/**
 * Places a new comment in its campaign and its topic, and keeps what each engine computed of
 * its text (one `comment_signature` row) so regrouping never re-reads it. Replies are not
 * grouped: they answer a thread, not the draft.
 */
export async function assignGroups(tx: Executor, dialect: Dialect, comment: CommentRow, settings: GroupingSettings = {}): Promise<void> {
  if (comment.parent_id !== null) return;
  const campaign = await assignCampaign(tx, dialect, comment);
  const topic = await assignTopic(tx, dialect, comment, settings.topics);
  // A confidential text is sealed at rest (ADR 019): its words are not kept beside it in the clear.
  const terms = comment.visibility === "confidential" ? {} : topic.terms;
  await tx
    .insertInto("comment_signature")
    .values({ comment_id: comment.id, consultation_id: comment.consultation_id, minhash: campaign.minhash, shingles: campaign.shingles, terms: JSON.stringify(terms) })
    .execute();
}
