import type { Dialect, Executor } from "../../../db/client.js";
import type { CommentRow } from "../../../db/schema.js";

/** Places a new comment in the topic it is about (ADR 031). Filled in by the topics work. */
export async function assignTopic(_tx: Executor, _dialect: Dialect, _comment: CommentRow): Promise<void> {}
