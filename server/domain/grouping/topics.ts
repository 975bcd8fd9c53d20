import type { Dialect, Executor } from "../../../db/client.js";
import type { CommentRow } from "../../../db/schema.js";

/** What topic grouping computed of a text: kept in `comment_signature.terms`. */
interface TopicSignature {
  /** Term → count, from Intl.Segmenter words. */
  terms: Record<string, number>;
}

/** Places a new comment in the topic it is about (ADR 031). Filled in by the topics work. */
export async function assignTopic(_tx: Executor, _dialect: Dialect, _comment: CommentRow): Promise<TopicSignature> {
  return { terms: {} };
}
