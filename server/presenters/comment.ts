import type { z } from "zod";
import type { CommentView, CreatedComment } from "../domain/comments/index.js";
import { receiptPath } from "../domain/receipts.js";
import type { CreatedCommentSchema, PublicCommentSchema } from "./wire.js";

/**
 * What a viewer sees of a comment. `CommentView` (server/domain/comments/list.ts) already
 * holds only what this viewer may see; these functions pick the fields each audience
 * is given, so the shape is written once per audience rather than once per caller.
 */

/** A published (or withdrawn) comment as the public read API shows it. */
export function presentPublicComment(c: CommentView): z.infer<typeof PublicCommentSchema> {
  return {
    id: c.id,
    parentId: c.parentId,
    kind: c.kind,
    body: c.body,
    replacement: c.replacement,
    author: c.author,
    createdAt: c.createdAt,
    editedAt: c.editedAt,
    suggestionStatus: c.suggestionStatus,
    anchor: c.anchor && { state: c.anchor.state, start: c.anchor.start, end: c.anchor.end, quote: c.anchor.quote, position: c.anchor.position },
    withdrawn: c.withdrawn,
    disposition: c.disposition && {
      outcome: c.disposition.outcome,
      response: c.disposition.response,
      at: c.disposition.at,
      // A group's answer (ADR 032): which, and how many published comments hold it.
      answeredTogether: c.disposition.together && { groupResponseId: c.disposition.together.groupResponseId, comments: c.disposition.together.count },
    },
  };
}

/**
 * The API's answer to a new comment: where it landed, whether it awaits moderation,
 * and the author's receipt (the file is downloaded signed in, from the account pages).
 */
export function presentCreatedComment(row: Pick<CreatedComment, "id" | "status" | "quote_exact" | "position_start" | "position_end" | "receiptReference">): z.infer<typeof CreatedCommentSchema> {
  return {
    id: row.id,
    status: row.status,
    anchor: row.quote_exact ? { exact: row.quote_exact, start: row.position_start, end: row.position_end } : null,
    receipt: { reference: row.receiptReference, href: receiptPath(row.receiptReference) },
  };
}

/**
 * A comment in the section page's rail. `amendable` is whether the comment window is
 * open, so the viewer may still change or withdraw their own submissions.
 */
function presentRailComment(c: CommentView, amendable: boolean) {
  return {
    id: c.id,
    parentId: c.parentId,
    kind: c.kind,
    status: c.status,
    /** The Markdown source, for its author's edit box only: everyone else reads bodyHtml, so the page does not carry each text twice. */
    body: c.mine ? c.body : null,
    replacement: c.replacement,
    author: c.author,
    mine: c.mine,
    createdAt: c.createdAt,
    editedAt: c.editedAt,
    editable: c.editable && amendable,
    amendable,
    withdrawn: c.withdrawn,
    suggestionStatus: c.suggestionStatus,
    decisionReason: c.decisionReason,
    reactions: c.reactions,
    overlaps: c.overlaps,
    moderationReason: c.moderationReason,
    reviewRequested: c.reviewRequested,
    anchor: c.anchor && { state: c.anchor.state, quote: { exact: c.anchor.quote.exact } },
    confidential: c.confidential,
    redactedVersion: c.redactedVersion,
    disposition: c.disposition,
    /** Rendered on the server from a small Markdown subset, raw HTML escaped and links limited to safe schemes. */
    bodyHtml: c.bodyHtml,
  };
}
export type RailComment = ReturnType<typeof presentRailComment>;

export interface RailThread {
  root: RailComment;
  replies: RailComment[];
  /** Whether the viewer may respond to the root comment here (the drafting team, per the policy). */
  respondable: boolean;
}

export function presentRailThread(t: { root: CommentView; replies: CommentView[] }, amendable: boolean, respondable: boolean): RailThread {
  return { root: presentRailComment(t.root, amendable), replies: t.replies.map((r) => presentRailComment(r, amendable)), respondable };
}

/** The highlights the editor draws: open, visible top-level comments with a live anchor. */
export function presentAnchors(comments: CommentView[]): { id: string; start: string; end: string }[] {
  return comments
    .filter((x) => !x.parentId && x.anchor && x.status !== "deleted" && x.status !== "hidden")
    .map((x) => ({ id: x.id, start: x.anchor!.relative.start, end: x.anchor!.relative.end }));
}

/** The commented passages by their offsets in the current text, for the reader view (the same comments as presentAnchors). */
export function presentHighlights(comments: CommentView[]): { id: string; start: number; end: number }[] {
  return comments
    .filter((x) => !x.parentId && x.anchor && x.status !== "deleted" && x.status !== "hidden" && x.anchor.start !== null && x.anchor.end !== null)
    .map((x) => ({ id: x.id, start: x.anchor!.start!, end: x.anchor!.end! }));
}

/** A comment still without a response, as the team sees it before marking the consultation final. */
export function presentUnanswered(u: { id: string; section_id: string; section_title: string; author_name: string; body: string; visibility: string }) {
  return {
    id: u.id,
    sectionId: u.section_id,
    sectionTitle: u.section_title,
    author: u.author_name,
    excerpt: u.body.length > 160 ? `${u.body.slice(0, 157)}…` : u.body,
    confidential: u.visibility === "confidential",
  };
}
