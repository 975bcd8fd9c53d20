import type { Db } from "../../db/client.js";
import {
  countPositions,
  hasRecentIdenticalComment,
  countConfidential,
  findComment,
  hasPublishedComment,
  insertComment,
  listOwnUnlistedComments,
  insertPosition,
  listPositionsOfUser,
  listSectionComments,
  markCommentDeleted,
  supersedePositions,
  PUBLIC_VIEWER,
  type CommentWithAuthor,
} from "../../db/queries/comment.js";
import type { UserProfile } from "../../db/queries/user.js";
import { DISPOSITION_LABEL, type CommentRow, type DispositionOutcome, type DispositionRow, type Publication, type SectionRow, type Stance } from "../../db/schema.js";
import { listSectionDispositions } from "../../db/queries/history.js";
import { findConsultationById } from "../../db/queries/consultation.js";
import { appendLedger } from "../ledger/append.js";
import { listReactions, toggleReaction, updateCommentBody } from "../../db/queries/comment.js";
import * as Y from "yjs";
import type { Limiter } from "../auth/rate-limit.js";
import type { Bus } from "../bus/bus.js";
import type { CollabService } from "../collab/service.js";
import { anchorRange, findQuote, flatten, resolveAnchor, type AnchorState } from "../collab/text-model.js";
import { AppError, forbidden, notFound, unauthenticated } from "../errors.js";
import { newId, nowIso } from "../ids.js";
import { can } from "../auth/policy.js";
import { resourceOf, type ConsultationView } from "./consultations.js";
import { recordDeclinedSuggestion } from "./dispositions.js";
import { renderCommentMarkdown } from "./markdown.js";
import type { Logger } from "../logger.js";

/** How long authors may still correct a comment (the edit is recorded). */
export const COMMENT_EDIT_WINDOW_MS = 15 * 60 * 1000;
/** The same text from the same person within this window is refused as a duplicate. */
export const DUPLICATE_WINDOW_MS = 5 * 60 * 1000;

export interface CommentDeps {
  db: Db;
  collab: CollabService;
  bus: Bus;
  limiter: Limiter;
  /** The public comment list per section, kept between requests (see createCommentCache). */
  cache?: CommentCache;
  /** Where a comment that cannot be rendered as Markdown is reported (it is then shown as text). */
  logger?: Logger;
  /** How deeply a comment's quotes and lists may nest before it is shown as plain text. */
  markdownMaxNesting?: number;
}

export interface CommentCache {
  publicRows(db: Db, sectionId: string): Promise<CommentWithAuthor[]>;
  /** A comment body's HTML, rendered once per process: marked can spend a third of a second on one 10,000-character body. */
  renderedHtml?(body: string, render: () => string): string;
}

/** Most sections are read far more than written: how many sections' public lists to keep. */
export const COMMENT_CACHE_SECTIONS = 500;
/** Rendered comment HTML kept, counted in characters of body and HTML (about 32 MiB at two bytes each). */
export const COMMENT_HTML_CACHE_CHARS = 16 * 1024 * 1024;

/**
 * Keeps each section's public comment rows (the same for every reader) until
 * the bus says the section's discussion changed. Rows only: anchors are still
 * resolved against the live text on every request.
 */
export function createCommentCache(bus: Bus, maxSections = COMMENT_CACHE_SECTIONS): CommentCache {
  const rows = new Map<string, Promise<CommentWithAuthor[]>>();
  // Keyed by the body itself, so an edit simply misses; oldest first out.
  const html = new Map<string, string>();
  let htmlChars = 0;
  bus.subscribe((event) => {
    if (event.type === "section.activity") rows.delete(event.sectionId);
    else if (event.type === "bus.resync") rows.clear();
  });
  return {
    publicRows(db, sectionId) {
      let hit = rows.get(sectionId);
      if (!hit) {
        hit = listSectionComments(db.kysely, sectionId, PUBLIC_VIEWER);
        hit.catch(() => rows.delete(sectionId));
        if (rows.size >= maxSections) rows.delete(rows.keys().next().value!);
        rows.set(sectionId, hit);
      }
      return hit;
    },
    renderedHtml(body, render) {
      const hit = html.get(body);
      if (hit !== undefined) return hit;
      const out = render();
      html.set(body, out);
      htmlChars += body.length + out.length;
      while (htmlChars > COMMENT_HTML_CACHE_CHARS && html.size > 1) {
        const [oldBody, oldHtml] = html.entries().next().value!;
        html.delete(oldBody);
        htmlChars -= oldBody.length + oldHtml.length;
      }
      return out;
    },
  };
}

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

function isTeam(view: ConsultationView): boolean {
  return view.may("comment.moderate") || view.may("comment.respond") || view.may("consultation.manage");
}

function actingUser(view: ConsultationView, user: UserProfile | null): UserProfile {
  if (!user) throw unauthenticated();
  if (!view.may("comment.create")) {
    throw new AppError("forbidden", view.consultation.status === "open" ? "The comment window is not open right now." : "This consultation is not open for comments.");
  }
  return user;
}

/** Posts a comment, reply or suggested amendment on a section. */
export async function createComment(deps: CommentDeps, view: ConsultationView, section: SectionRow, user: UserProfile | null, input: NewComment): Promise<CommentRow> {
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
  await db.kysely.transaction().execute(async (tx) => {
    await insertComment(tx, row);
    if (redacted) {
      await insertComment(tx, { ...row, id: newId(), body: redacted, replacement: null, kind: "comment", suggestion_status: null, visibility: "public", status: held ? "pending" : "published", redacted_of: row.id });
    }
  });
  deps.bus.publish({ type: "section.activity", sectionId: section.id });
  return row;
}

export const SUBMISSIONS_FROZEN = "The comment window has closed; submissions can no longer be changed or withdrawn.";

async function ownComment(deps: CommentDeps, section: SectionRow, user: UserProfile | null, id: string): Promise<CommentRow> {
  if (!user) throw unauthenticated();
  const c = await findComment(deps.db.kysely, id);
  if (!c || c.section_id !== section.id) throw notFound("That comment");
  if (c.author_id !== user.id) throw forbidden("Only its author can change a comment.");
  if (c.status === "deleted") throw new AppError("conflict", "That comment was deleted.");
  if (c.status === "hidden") throw new AppError("conflict", "That comment was removed by moderation.");
  // After the close the record is what the team answers and reports on: frozen.
  const consultation = await findConsultationById(deps.db.kysely, c.consultation_id);
  const actor = { kind: "user" as const, userId: user.id, siteRole: user.site_role, role: null };
  const resource = consultation && { ...resourceOf(consultation), comment: { status: c.status, visibility: c.visibility, authorId: c.author_id } };
  if (!resource || !can(actor, "comment.amend", resource)) throw new AppError("conflict", SUBMISSIONS_FROZEN);
  return c;
}

export async function editComment(deps: CommentDeps, section: SectionRow, user: UserProfile | null, id: string, body: string): Promise<void> {
  const c = await ownComment(deps, section, user, id);
  if (Date.now() - Date.parse(c.created_at) > COMMENT_EDIT_WINDOW_MS) {
    throw new AppError("conflict", `Comments can be edited for ${COMMENT_EDIT_WINDOW_MS / 60000} minutes after posting.`);
  }
  if (body === c.body) return;
  await updateCommentBody(deps.db.kysely, c.id, body, nowIso(), newId(), c.body);
  deps.bus.publish({ type: "section.activity", sectionId: section.id });
}

/**
 * Deletes the author's comment. Once the team has responded, deleting becomes
 * a withdrawal: the words go, but the entry stays in the public list and the
 * report as "withdrawn by its author", with its response, and the ledger says so.
 */
export async function deleteComment(deps: CommentDeps, section: SectionRow, user: UserProfile | null, id: string): Promise<{ withdrawn: boolean }> {
  const c = await ownComment(deps, section, user, id);
  const response = (await listSectionDispositions(deps.db.kysely, section.id)).get(c.id);
  const at = nowIso();
  await deps.db.kysely.transaction().execute(async (tx) => {
    await markCommentDeleted(tx, c.id, at);
    if (response) {
      await appendLedger(tx, deps.db.dialect, {
        kind: "withdrawal",
        consultationId: c.consultation_id,
        sectionId: c.section_id,
        subjectId: c.id,
        createdAt: at,
        payload: { commentId: c.id, dispositionId: response.id, outcome: response.outcome },
      });
    }
  });
  deps.bus.publish({ type: "section.activity", sectionId: section.id });
  return { withdrawn: response !== undefined };
}

export interface CommentView {
  id: string;
  parentId: string | null;
  kind: "comment" | "suggestion";
  status: CommentRow["status"];
  body: string;
  replacement: string | null;
  author: { name: string; organisation: string; group: string };
  /** The author's choice of how to be shown publicly (the team always sees who it is). */
  publication: Publication;
  confidential: boolean;
  /** The public, redacted version of a confidential submission. */
  redactedVersion: boolean;
  mine: boolean;
  createdAt: string;
  editedAt: string | null;
  editable: boolean;
  anchor: null | {
    state: AnchorState;
    start: number | null;
    end: number | null;
    quote: { exact: string; prefix: string; suffix: string };
    position: { start: number; end: number };
    /** Base64 Yjs relative positions, for following the passage live in the browser. */
    relative: { start: string; end: string };
  };
  suggestionStatus: CommentRow["suggestion_status"];
  decisionReason: string | null;
  reactions: { endorse: number; oppose: number; mine: "endorse" | "oppose" | null };
  /** Why moderation hid it (shown on the tombstone), and whether its author asked for a review. */
  moderationReason: CommentRow["moderation_reason"];
  reviewRequested: boolean;
  /** An open suggestion whose passage overlaps another open one's. */
  overlaps: boolean;
  /** The body as safe HTML (a small Markdown subset); empty when the body is not shown. */
  bodyHtml: string;
  /** The drafting team's current response. */
  disposition: { outcome: DispositionOutcome; label: string; response: string; at: string } | null;
  /** Deleted by its author after it had a response: its place and the response stay public. */
  withdrawn: boolean;
}

/** The author as this viewer may see them: the publication choice holds for everyone but the author and the team. */
export function shownAuthor(r: CommentWithAuthor, full: boolean): CommentView["author"] {
  if (full || r.publication === "name") return { name: r.author_name, organisation: r.author_organisation, group: r.author_group };
  if (r.publication === "organisation") return { name: r.author_organisation || "An organisation", organisation: "", group: r.author_group };
  return { name: "Anonymous", organisation: "", group: r.author_group };
}

/** What this viewer may see: everything for the team; else the public list plus their own unlisted ones. */
async function visibleRows(deps: CommentDeps, view: ConsultationView, sectionId: string, user: UserProfile | null): Promise<CommentWithAuthor[]> {
  if (isTeam(view)) return listSectionComments(deps.db.kysely, sectionId, { userId: user?.id ?? null, team: true });
  const [publicRows, own] = await Promise.all([
    deps.cache ? deps.cache.publicRows(deps.db, sectionId) : listSectionComments(deps.db.kysely, sectionId, PUBLIC_VIEWER),
    user ? listOwnUnlistedComments(deps.db.kysely, sectionId, user.id) : Promise.resolve([]),
  ]);
  return own.length === 0 ? publicRows : [...publicRows, ...own].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
}

/** The comments a viewer may see, with anchors resolved against the current text, in text order. */
export async function listComments(
  deps: CommentDeps,
  view: ConsultationView,
  section: SectionRow,
  user: UserProfile | null,
  options: { asPublic?: boolean } = {},
): Promise<CommentView[]> {
  if (options.asPublic) {
    // What anyone at all may see, whoever asks (the read API).
    user = null;
    view = { ...view, role: null, actor: { kind: "anonymous" }, may: () => false };
  }
  const team = isTeam(view);
  const [rows, reactions, dispositions] = await Promise.all([
    visibleRows(deps, view, section.id, user),
    listReactions(deps.db.kysely, section.id),
    listSectionDispositions(deps.db.kysely, section.id),
  ]);
  const resolved = await deps.collab.withDocument(section.id, (doc) => {
    const flat = flatten(doc);
    return new Map(
      rows
        .filter((r) => r.anchor_start && r.anchor_end)
        .map((r) => [r.id, resolveAnchor(doc, flat, { start: r.anchor_start!, end: r.anchor_end!, exact: r.quote_exact ?? "", startOffset: r.position_start ?? 0 })]),
    );
  });
  const reactionsOf = new Map<string, CommentView["reactions"]>();
  for (const x of reactions) {
    const tally = reactionsOf.get(x.comment_id) ?? { endorse: 0, oppose: 0, mine: null };
    tally[x.kind] += 1;
    if (x.user_id === user?.id) tally.mine = x.kind;
    reactionsOf.set(x.comment_id, tally);
  }
  const now = Date.now();
  const render = (id: string, body: string) => {
    const fresh = () =>
      renderCommentMarkdown(body, { maxNesting: deps.markdownMaxNesting, onFailure: (reason, error) => deps.logger?.warn(reason, { commentId: id, error }) });
    return deps.cache?.renderedHtml ? deps.cache.renderedHtml(body, fresh) : fresh();
  };
  const views = rows.map((r): CommentView => {
    // The author still sees their own hidden text, with the reason, so they can ask for a review.
    const gone = r.status === "deleted" || (r.status === "hidden" && user?.id !== r.author_id);
    const anchor = resolved.get(r.id);
    return {
      id: r.id,
      parentId: r.parent_id,
      kind: r.kind,
      status: r.status,
      body: gone ? "" : r.body,
      bodyHtml: gone ? "" : render(r.id, r.body),
      replacement: gone ? null : r.replacement,
      author: shownAuthor(r, team || user?.id === r.author_id),
      publication: r.publication,
      confidential: r.visibility === "confidential",
      redactedVersion: r.redacted_of !== null,
      mine: user?.id === r.author_id,
      createdAt: r.created_at,
      editedAt: r.edited_at,
      editable: user?.id === r.author_id && r.status !== "deleted" && r.status !== "hidden" && now - Date.parse(r.created_at) <= COMMENT_EDIT_WINDOW_MS,
      anchor:
        anchor && r.anchor_start && r.anchor_end
          ? {
              state: anchor.state,
              start: anchor.start,
              end: anchor.end,
              quote: { exact: r.quote_exact ?? "", prefix: r.quote_prefix ?? "", suffix: r.quote_suffix ?? "" },
              position: { start: r.position_start ?? 0, end: r.position_end ?? 0 },
              relative: { start: Buffer.from(r.anchor_start).toString("base64"), end: Buffer.from(r.anchor_end).toString("base64") },
            }
          : null,
      suggestionStatus: r.suggestion_status,
      decisionReason: r.decision_reason,
      reactions: reactionsOf.get(r.id) ?? { endorse: 0, oppose: 0, mine: null },
      moderationReason: r.status === "hidden" ? r.moderation_reason : null,
      reviewRequested: r.review_requested_at !== null,
      overlaps: false,
      disposition: dispositionOf(dispositions.get(r.id), gone && r.status !== "deleted"),
      withdrawn: r.status === "deleted" && dispositions.has(r.id),
    };
  });
  const open = views.filter((v) => v.kind === "suggestion" && v.suggestionStatus === "open" && v.status === "published" && v.anchor?.start != null);
  for (const a of open) {
    a.overlaps = open.some((b) => b !== a && b.anchor!.start! < a.anchor!.end! && a.anchor!.start! < b.anchor!.end!);
  }
  // Threads in reading order: anchored ones by where their passage is now, then the rest.
  const place = (c: CommentView) => c.anchor?.start ?? (c.anchor ? Number.MAX_SAFE_INTEGER - 1 : Number.MAX_SAFE_INTEGER);
  return views.sort((a, b) => (a.parentId || b.parentId ? 0 : place(a) - place(b)));
}

function dispositionOf(d: DispositionRow | undefined, gone: boolean): CommentView["disposition"] {
  if (!d || gone) return null;
  return { outcome: d.outcome, label: DISPOSITION_LABEL[d.outcome], response: d.response, at: d.created_at };
}

export const STANCE_LABEL: Record<Stance, string> = {
  support: "Support",
  support_with_changes: "Support with changes",
  oppose: "Oppose",
  neutral: "Neutral",
};

/** Records the participant's current position on a section, keeping the earlier one as history. */
export async function takePosition(
  deps: CommentDeps,
  view: ConsultationView,
  section: SectionRow,
  user: UserProfile | null,
  input: { stance: Stance; rationale: string; quote?: string | null },
): Promise<void> {
  const author = actingUser(view, user);
  await deps.limiter.consume(author.id);
  const at = nowIso();
  await deps.db.kysely.transaction().execute(async (tx) => {
    await supersedePositions(tx, section.id, author.id, at);
    await insertPosition(tx, {
      id: newId(),
      section_id: section.id,
      consultation_id: view.consultation.id,
      user_id: author.id,
      stance: input.stance,
      rationale: input.rationale,
      quote_exact: input.quote || null,
      stakeholder_group: author.stakeholder_group,
      created_at: at,
      superseded_at: null,
    });
  });
  deps.bus.publish({ type: "section.activity", sectionId: section.id });
}

export async function myPositions(deps: CommentDeps, section: SectionRow, user: UserProfile | null) {
  return user ? listPositionsOfUser(deps.db.kysely, section.id, user.id) : [];
}

export async function positionCounts(deps: CommentDeps, where: { sectionId?: string; consultationId?: string }) {
  return countPositions(deps.db.kysely, where);
}

/** Split a flat, text-ordered list into threads (first comment with its replies). */
export function threadsOf(comments: CommentView[]): { root: CommentView; replies: CommentView[] }[] {
  const replies = new Map<string, CommentView[]>();
  for (const c of comments) if (c.parentId) replies.set(c.parentId, [...(replies.get(c.parentId) ?? []), c]);
  return comments
    .filter((c) => !c.parentId)
    .map((root) => ({ root, replies: (replies.get(root.id) ?? []).sort((a, b) => a.createdAt.localeCompare(b.createdAt)) }));
}

/** The suggestion itself, open, in this section; anything else is refused clearly. */
async function openSuggestion(deps: CommentDeps, section: SectionRow, id: string): Promise<CommentRow> {
  const c = await findComment(deps.db.kysely, id);
  if (!c || c.section_id !== section.id || c.kind !== "suggestion" || c.parent_id) throw notFound("That suggestion");
  if (c.status !== "published") throw new AppError("conflict", "Only published suggestions can be decided.");
  if (c.suggestion_status !== "open") throw new AppError("conflict", `That suggestion was ${c.suggestion_status} already.`);
  return c;
}

/**
 * Applies a suggested amendment to the live text as the drafter's change,
 * crediting the proposer. The decision, its ledger entry and the response are
 * written in the same transaction as the change set that applies it (see
 * recordAcceptedSuggestion). Returns the change's sequence number.
 */
export async function acceptSuggestion(deps: CommentDeps, view: ConsultationView, section: SectionRow, user: UserProfile | null, id: string): Promise<number> {
  if (!user) throw unauthenticated();
  if (!view.may("section.edit") || !view.may("comment.respond")) throw forbidden("Only the drafting team can accept suggestions while the text can be edited.");
  const c = await openSuggestion(deps, section, id);
  if (!c.anchor_start || !c.anchor_end) throw new AppError("conflict", "This suggestion has no passage to change.");
  const replacement = c.replacement ?? "";
  const seq = await deps.collab.applyEdit(section.id, view.consultation.id, user.id, [c.author_id], c.id, (doc) => {
    const start = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(c.anchor_start!), doc);
    const end = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(c.anchor_end!), doc);
    if (!start || !end || start.type !== end.type || !(start.type instanceof Y.XmlText) || end.index <= start.index) {
      throw new AppError("conflict", "The passage has changed since this was suggested; apply it by hand in the editor.");
    }
    const text = start.type;
    const current = plain(text).slice(start.index, end.index);
    if (current !== c.quote_exact) {
      throw new AppError("conflict", "The passage has changed since this was suggested; apply it by hand in the editor.");
    }
    text.delete(start.index, end.index - start.index);
    if (replacement) text.insert(start.index, replacement);
  });
  deps.bus.publish({ type: "section.activity", sectionId: section.id });
  return seq;
}

function plain(text: Y.XmlText): string {
  return (text.toDelta() as { insert?: unknown }[]).map((d) => (typeof d.insert === "string" ? d.insert : "")).join("");
}

/** Declines a suggestion with a reason: status, ledger entry and response in one transaction. */
export async function declineSuggestion(deps: CommentDeps, view: ConsultationView, section: SectionRow, user: UserProfile | null, id: string, reason: string): Promise<void> {
  if (!user) throw unauthenticated();
  if (!view.may("comment.respond")) throw forbidden("Only the drafting team can decline suggestions.");
  const c = await openSuggestion(deps, section, id);
  await recordDeclinedSuggestion(deps.db, user.id, c, reason);
  deps.bus.publish({ type: "section.activity", sectionId: section.id });
}

/** Endorse or oppose a suggestion; the same choice again withdraws it. */
export async function reactToSuggestion(deps: CommentDeps, view: ConsultationView, section: SectionRow, user: UserProfile | null, id: string, kind: "endorse" | "oppose"): Promise<void> {
  const who = actingUser(view, user);
  const c = await openSuggestion(deps, section, id);
  if (c.author_id === who.id) throw new AppError("conflict", "You cannot endorse or oppose your own suggestion.");
  await toggleReaction(deps.db.kysely, c.id, who.id, kind, nowIso());
  deps.bus.publish({ type: "section.activity", sectionId: section.id });
}

/** How many confidential submissions a section has: all the public may know of them. */
export async function countConfidentialSubmissions(deps: CommentDeps, section: SectionRow): Promise<number> {
  return countConfidential(deps.db.kysely, section.id);
}
