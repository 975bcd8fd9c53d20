import { findComment, hasPublishedComment, hasRecentIdenticalComment, insertComment, markCommentDeleted, updateCommentBody } from "../../../db/queries/comment.js";
import { findConsultationById } from "../../../db/queries/consultation.js";
import { listSectionDispositions } from "../../../db/queries/history.js";
import { refreshCommentDocs } from "../../../db/queries/search.js";
import type { UserProfile } from "../../../db/queries/user.js";
import type { CommentRow, Publication, SectionRow } from "../../../db/schema.js";
import { actorFor, isTeam, resourceOf, type ConsultationView } from "../../auth/access.js";
import { can } from "../../auth/policy.js";
import { anchorRange, findQuote, flatten } from "../../collab/text-model.js";
import { AppError, confirmAddressFirst, forbidden, notFound, unauthenticated } from "../../errors.js";
import { newId, nowIso } from "../../ids.js";
import { appendLedger } from "../../ledger/append.js";
import { editEvent, submissionEvent, withdrawalEvent } from "../../ledger/participation.js";
import { submissionDigest } from "../../ledger/receipts.js";
import { assignGroups } from "../grouping/index.js";
import { notifyReply } from "../notifications/index.js";
import { recordReceipt } from "../receipts.js";
import { shownAuthor } from "../shown-author.js";
import { actingUser, COMMENT_EDIT_WINDOW_MS, type CommentDeps } from "./deps.js";

/** The same text from the same person within this window is refused as a duplicate. */
const DUPLICATE_WINDOW_MS = 5 * 60 * 1000;

export interface NewComment {
  body: string;
  /** How the author is shown publicly. */
  publication?: Publication;
  /** Only the consultation team may read it. */
  confidential?: boolean;
  /** With a confidential submission: a redacted version anyone may read. */
  redactedBody?: string | null;
  kind: "comment" | "suggestion";
  replacement?: string | null;
  parentId?: string | null;
  /** A passage: the quoted text with its context, and where the author saw it (a hint). */
  quote?: { exact: string; prefix?: string; suffix?: string; start?: number } | null;
}

/** A new comment with the reference number of its author's receipt. */
export interface CreatedComment extends CommentRow {
  receiptReference: string;
}

const PASSAGE_ONLY_IN_WORKING_COPY =
  "Comments are on the public text; this passage is only in the working copy. Publish it first, or choose the passage in the public text.";

/** Posts a comment, reply or suggested amendment on a section; its author gets a receipt in the same transaction. */
export async function createComment(deps: CommentDeps, view: ConsultationView, section: SectionRow, user: UserProfile | null, input: NewComment): Promise<CreatedComment> {
  const author = actingUser(view, user);
  await deps.limiter.consume(author.id);
  const { db } = deps;
  let parent: CommentRow | undefined;
  if (input.parentId) {
    parent = await findComment(db.kysely, input.parentId);
    // A thread the actor may not read does not exist for them (404, as everywhere).
    const readable = parent && can(view.actor, "comment.view", { ...resourceOf(view.consultation), comment: { status: parent.status, visibility: parent.visibility, authorId: parent.author_id, threadAuthorId: parent.author_id } });
    if (!parent || !readable || parent.section_id !== section.id || parent.status === "deleted" || parent.status === "hidden") throw notFound("The comment you are replying to");
    if (parent.parent_id) throw new AppError("invalid_input", "Replies go to the thread's first comment.");
  }
  const since = new Date(Date.now() - DUPLICATE_WINDOW_MS).toISOString();
  if (await hasRecentIdenticalComment(db.kysely, author.id, input.body, since)) {
    throw new AppError("conflict", "You posted this same text a moment ago.", { fieldErrors: { body: ["You posted this same text a moment ago."] } });
  }

  const anchored = await deps.collab.withDocument(section.id, (doc, seq) => {
    if (!input.quote || parent) return { seq, anchor: null };
    const flat = flatten(doc);
    const at = findQuote(flat.text, input.quote.exact, input.quote.prefix, input.quote.suffix, input.quote.start);
    const anchor = at === null ? null : anchorRange(doc, at, at + input.quote.exact.length);
    if (!anchor && view.consultation.drafting_mode === "working" && view.may("section.edit")) {
      // A drafter selects in the working copy (ADR 026); comments anchor on the public text only.
      throw new AppError("conflict", PASSAGE_ONLY_IN_WORKING_COPY, { fieldErrors: { quote: [PASSAGE_ONLY_IN_WORKING_COPY] } });
    }
    if (!anchor) {
      throw new AppError("conflict", "The passage you selected has just changed.", {
        fieldErrors: { quote: ["The passage you selected has just changed. Select it again, or comment on the whole section."] },
      });
    }
    return { seq, anchor };
  });
  if (input.kind === "suggestion" && !anchored.anchor) {
    throw new AppError("invalid_input", "A suggested amendment needs a selected passage.", { fieldErrors: { quote: ["Select the passage you want to change."] } });
  }
  const a = anchored.anchor;
  // Pre-moderation, or a first contribution where the consultation asks for that: the team approves before others see it.
  const held =
    !isTeam(view) &&
    (view.consultation.moderation_mode === "pre" || (view.consultation.premoderate_first_posts === 1 && !(await hasPublishedComment(db.kysely, view.consultation.id, author.id))));
  // A reply inherits its thread's visibility: an answer inside a confidential thread stays in it.
  const confidential = parent ? parent.visibility === "confidential" : input.confidential === true;
  const row: CommentRow = {
    id: newId(),
    section_id: section.id,
    consultation_id: view.consultation.id,
    author_id: author.id,
    parent_id: parent?.id ?? null,
    kind: parent ? "comment" : input.kind,
    body: input.body,
    replacement: input.kind === "suggestion" && !parent ? (input.replacement ?? "") : null,
    anchor_start: a?.start ?? null,
    anchor_end: a?.end ?? null,
    quote_exact: a?.exact ?? null,
    quote_prefix: a?.prefix ?? null,
    quote_suffix: a?.suffix ?? null,
    position_start: a?.startOffset ?? null,
    position_end: a?.endOffset ?? null,
    base_seq: anchored.seq,
    visibility: confidential ? "confidential" : "public",
    // Confidential items are for the team only, so there is nothing to hold back.
    status: held && !confidential ? "pending" : "published",
    suggestion_status: input.kind === "suggestion" && !parent ? "open" : null,
    decided_by: null,
    decided_at: null,
    decision_reason: null,
    applied_seq: null,
    moderation_reason: null,
    review_requested_at: null,
    publication: input.publication ?? "name",
    redacted_of: null,
    created_at: nowIso(),
    edited_at: null,
    deleted_at: null,
  };
  const redacted = confidential && !parent && input.redactedBody ? input.redactedBody : null;
  const shown = shownAuthor({ ...shownFrom(author), publication: row.publication }, false);
  const receiptReference = await db.kysely.transaction().execute(async (tx) => {
    await insertComment(tx, row);
    const event = submissionEvent(row, shown);
    const head = await appendLedger(tx, db.dialect, event);
    const subject = { kind: "comment" as const, id: row.id, userId: author.id, consultationId: row.consultation_id, createdAt: row.created_at };
    const reference = await recordReceipt(tx, subject, { head, digest: submissionDigest(event.payload) });
    if (redacted) {
      // The public copy names no one, whatever the submitter chose for their name (ADR 019).
      const copy: CommentRow = { ...row, id: newId(), body: redacted, replacement: null, kind: "comment", suggestion_status: null, visibility: "public", status: held ? "pending" : "published", publication: "anonymous", redacted_of: row.id };
      await insertComment(tx, copy);
      // The public copy is part of the same submission: its receipt is the confidential original's.
      await appendLedger(tx, db.dialect, submissionEvent(copy, shownAuthor({ ...shownFrom(author), publication: "anonymous" }, false)));
      await refreshCommentDocs(tx, [copy.id]);
    }
    // Indexed only if the public may read it now (never a confidential or held item).
    await refreshCommentDocs(tx, [row.id]);
    // Its campaign and topic, in the same transaction (issue 18).
    await assignGroups(tx, db.dialect, row, deps.grouping);
    // A held reply notifies when a moderator approves it (moderation.ts).
    if (deps.mail) await notifyReply(tx, deps.mail, row);
    return reference;
  });
  deps.mail?.kick();
  deps.bus.publish({ type: "section.activity", sectionId: section.id });
  return { ...row, receiptReference };
}

function shownFrom(author: UserProfile) {
  return { author_name: author.display_name, author_organisation: author.organisation, author_group: author.stakeholder_group };
}

const SUBMISSIONS_FROZEN = "The comment window has closed; submissions can no longer be changed or withdrawn.";

async function ownComment(deps: CommentDeps, section: SectionRow, user: UserProfile | null, id: string): Promise<CommentRow> {
  if (!user) throw unauthenticated();
  const c = await findComment(deps.db.kysely, id);
  if (!c || c.section_id !== section.id) throw notFound("That comment");
  if (c.author_id !== user.id) throw forbidden("Only its author can change a comment.");
  if (c.status === "deleted") throw new AppError("conflict", "That comment was deleted.");
  if (c.status === "hidden") throw new AppError("conflict", "That comment was removed by moderation.");
  // After the close the record is what the team answers and reports on: frozen.
  const consultation = await findConsultationById(deps.db.kysely, c.consultation_id);
  const actor = actorFor(user, null);
  const resource = consultation && { ...resourceOf(consultation), comment: { status: c.status, visibility: c.visibility, authorId: c.author_id } };
  if (user.mustVerify) throw confirmAddressFirst(user.email);
  if (!resource || !can(actor, "comment.amend", resource)) throw new AppError("conflict", SUBMISSIONS_FROZEN);
  return c;
}

export async function editComment(deps: CommentDeps, section: SectionRow, user: UserProfile | null, id: string, body: string): Promise<void> {
  const c = await ownComment(deps, section, user, id);
  if (Date.now() - Date.parse(c.created_at) > COMMENT_EDIT_WINDOW_MS) {
    throw new AppError("conflict", `Comments can be edited for ${COMMENT_EDIT_WINDOW_MS / 60000} minutes after posting.`);
  }
  if (body === c.body) return;
  const at = nowIso();
  await deps.db.kysely.transaction().execute(async (tx) => {
    await updateCommentBody(tx, c.id, body, at, newId(), c.body);
    await appendLedger(tx, deps.db.dialect, editEvent({ ...c, body }, at));
    await refreshCommentDocs(tx, [c.id]);
  });
  deps.bus.publish({ type: "section.activity", sectionId: section.id });
}

/**
 * Deletes the author's comment. Once the team has responded, deleting becomes
 * a withdrawal: the words go, but the entry stays in the public list and the
 * report as "withdrawn by its author", with its response. Either way the ledger says so.
 */
export async function deleteComment(deps: CommentDeps, section: SectionRow, user: UserProfile | null, id: string): Promise<{ withdrawn: boolean }> {
  const c = await ownComment(deps, section, user, id);
  const response = (await listSectionDispositions(deps.db.kysely, section.id)).get(c.id);
  const at = nowIso();
  await deps.db.kysely.transaction().execute(async (tx) => {
    await markCommentDeleted(tx, c.id, at);
    // Every deletion is in the ledger, so a comment missing from the public list is either withdrawn there or tampered with.
    await appendLedger(tx, deps.db.dialect, withdrawalEvent(c, at, response));
    await refreshCommentDocs(tx, [c.id]);
  });
  deps.bus.publish({ type: "section.activity", sectionId: section.id });
  return { withdrawn: response !== undefined };
}
