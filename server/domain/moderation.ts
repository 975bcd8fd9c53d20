import type { Transaction } from "kysely";
import type { Db, Dialect } from "../../db/client.js";
import { findComment } from "../../db/queries/comment.js";
import {
  countModerationByReason,
  countWeightedReports,
  hasModerationAction,
  insertModerationAction,
  insertReport,
  listModerationLedger,
  type LedgerEntry,
  countModerationQueue,
  listModerationQueue,
  listOpenReportReasons,
  markReviewRequested,
  resolveReports,
  updateCommentModeration,
} from "../../db/queries/moderation.js";
import { refreshCommentDocs } from "../../db/queries/search.js";
import { findUserById, type UserProfile } from "../../db/queries/user.js";
import type { CommentRow, CommentStatus, Database, ModerationActionKind, ModerationActionRow, ModerationReason } from "../../db/schema.js";
import { appendLedger } from "../ledger/append.js";
import { newSalt, saltedDigest } from "../ledger/chain.js";
import { publishedTextFields } from "../ledger/participation.js";
import { shownAuthor, type ShownAuthor } from "./shown-author.js";
import type { Bus } from "../bus/bus.js";
import { AppError, forbidden, notFound, unauthenticated } from "../errors.js";
import { newId, nowIso } from "../ids.js";
import { can } from "../auth/policy.js";
import { mayOnComment, resourceOf, type ConsultationView } from "../auth/access.js";
import type { MailService } from "../mail/index.js";
import { notifyModeration, notifyReply } from "./notifications/index.js";

const MODERATION_BULK_MAX = 100;

export interface ModerationDeps {
  db: Db;
  bus: Bus;
  /** Distinct reports after which a published item is hidden pending review. */
  reportsToHide: number;
  /** Reports from accounts younger than this are recorded for moderators but do not count towards the hide. */
  reporterMinAgeMs: number;
  /** Notifies authors of what moderation did to their submissions (and of replies it approved); absent, no one is notified. */
  mail?: MailService;
}

export type ModeratorAction = "approve" | "hide" | "restore" | "reject";

/** Which status each action moves from, and to. */
const TRANSITIONS: Record<ModeratorAction, { from: CommentStatus[]; to: CommentStatus; needsReason: boolean }> = {
  approve: { from: ["pending", "published"], to: "published", needsReason: false },
  reject: { from: ["pending"], to: "hidden", needsReason: true },
  hide: { from: ["published"], to: "hidden", needsReason: true },
  restore: { from: ["hidden"], to: "published", needsReason: false },
};

function roleOf(view: ConsultationView): string {
  return view.role ?? (view.actor.kind === "user" && view.actor.siteRole === "admin" ? "admin" : "moderator");
}

/** How many reports a hide by reports counted: the public log shows it, read from the action's note. */
export function reportsIn(row: Pick<ModerationActionRow, "actor_role" | "note">): number | null {
  return row.actor_role === "reports" ? Number(/^(\d+)/.exec(row.note)?.[1] ?? 0) || null : null;
}

/**
 * Stores a moderation decision and records it in the ledger. The comment's
 * text is covered only by a salted digest: the ledger proves what was decided
 * about which item without ever publishing hidden words. The note is for the
 * team (salted digest too); the reason code and the count of reports are public.
 * When the action makes the comment public (`shown` given), the entry also
 * carries the now-public text's SHA-256 and the author as shown.
 */
async function recordAction(tx: Transaction<Database>, dialect: Dialect, comment: CommentRow, row: ModerationActionRow, shown: ShownAuthor | null = null): Promise<void> {
  await insertModerationAction(tx, row);
  const salt = newSalt();
  await appendLedger(tx, dialect, {
    kind: "moderation",
    consultationId: row.consultation_id,
    sectionId: comment.section_id,
    subjectId: row.id,
    createdAt: row.created_at,
    salt,
    payload: {
      commentId: row.comment_id,
      action: row.action,
      reasonCode: row.reason_code,
      actorRole: row.actor_role,
      contentDigest: saltedDigest(salt, comment.body),
      noteDigest: saltedDigest(salt, row.note),
      reports: reportsIn(row),
      ...(shown ? publishedTextFields(comment, shown) : {}),
    },
  });
}

/** The author as the public will see them once a held or hidden comment is published. */
async function authorShownOnPublishing(tx: Transaction<Database>, c: CommentRow): Promise<ShownAuthor | null> {
  const u = await findUserById(tx, c.author_id);
  return u ? shownAuthor({ publication: c.publication, author_name: u.display_name, author_organisation: u.organisation, author_group: u.stakeholder_group }, false) : null;
}

/**
 * What a moderation action tells people: its author that their submission was
 * hidden or restored; the thread's author of a reply now approved. Approving
 * one's own held comment tells them nothing (it simply appears).
 */
async function notifyModerated(
  tx: Transaction<Database>,
  mail: MailService,
  c: CommentRow,
  action: ModeratorAction,
  to: CommentStatus,
  change: { actionId: string; reason: ModerationReason | null; actorId: string },
): Promise<void> {
  if (to === "hidden") await notifyModeration(tx, mail, c, { ...change, action: "hidden" });
  else if (action === "restore") await notifyModeration(tx, mail, c, { ...change, action: "restored", reason: null });
  else if (c.status === "pending") await notifyReply(tx, mail, { ...c, status: "published" });
}

/**
 * Applies one moderation action to one or more comments of the consultation.
 * All or nothing: if any item cannot take the action, nothing changes.
 */
export async function moderate(
  deps: ModerationDeps,
  view: ConsultationView,
  user: UserProfile | null,
  ids: string[],
  action: ModeratorAction,
  reason: ModerationReason | null,
  note: string,
): Promise<number> {
  if (!user) throw unauthenticated();
  if (!view.may("comment.moderate")) throw forbidden("Only the consultation's moderators can do that.");
  const rule = TRANSITIONS[action];
  if (rule.needsReason && !reason) throw new AppError("invalid_input", "Choose a reason.", { fieldErrors: { reason: ["Choose a reason."] } });
  if (ids.length === 0) throw new AppError("invalid_input", "Select at least one item.");
  if (ids.length > MODERATION_BULK_MAX) throw new AppError("invalid_input", `At most ${MODERATION_BULK_MAX} items at once.`);
  const comments: CommentRow[] = [];
  for (const id of new Set(ids)) {
    const c = await findComment(deps.db.kysely, id);
    if (!c || c.consultation_id !== view.consultation.id) throw notFound("One of the selected items");
    // A confidential submission is not the moderators' to see: only its recipients act on it (ADR 019).
    if (!mayOnComment(view, "comment.view", c)) throw notFound("One of the selected items");
    if (!mayOnComment(view, "comment.moderate", c)) throw forbidden("Only the recipients of a confidential submission can act on it.");
    if (c.author_id === user.id) throw forbidden("You cannot moderate your own contributions; ask another moderator.");
    if (c.status === "deleted") throw new AppError("conflict", "One of the selected items was deleted by its author.");
    if (!rule.from.includes(c.status)) throw new AppError("conflict", `An item that is ${c.status} cannot be given “${action}”.`);
    comments.push(c);
  }
  const at = nowIso();
  await deps.db.kysely.transaction().execute(async (tx) => {
    for (const c of comments) {
      await updateCommentModeration(tx, c.id, rule.to, rule.to === "hidden" ? reason : null);
      await refreshCommentDocs(tx, [c.id]);
      await resolveReports(tx, c.id, at);
      const publishing = c.status !== "published" && rule.to === "published";
      const actionId = newId();
      await recordAction(tx, deps.db.dialect, c, {
        id: actionId,
        consultation_id: view.consultation.id,
        comment_id: c.id,
        action,
        reason_code: rule.to === "hidden" ? reason : null,
        note,
        actor_id: user.id,
        actor_role: roleOf(view),
        created_at: at,
      }, publishing ? await authorShownOnPublishing(tx, c) : null);
      if (deps.mail) await notifyModerated(tx, deps.mail, c, action, rule.to, { actionId, reason, actorId: user.id });
    }
  });
  deps.mail?.kick();
  for (const sectionId of new Set(comments.map((c) => c.section_id))) deps.bus.publish({ type: "section.activity", sectionId });
  return comments.length;
}

/**
 * One report per person per item; enough distinct reports from established
 * accounts outside the team hide the item until a moderator looks. Reports
 * from newer accounts are kept for the moderators but do not count, so a few
 * throw-away accounts cannot silence anyone. The team cannot report at all:
 * it acts through moderation, under its role in the public log.
 */
export async function reportComment(deps: ModerationDeps, view: ConsultationView, user: UserProfile | null, id: string, reason: string): Promise<{ hidden: boolean }> {
  if (!user) throw unauthenticated();
  const c = await findComment(deps.db.kysely, id);
  if (!c || c.consultation_id !== view.consultation.id) throw notFound("That comment");
  if (c.author_id === user.id) throw new AppError("conflict", "You cannot report your own comment; delete it instead.");
  const resource = { ...resourceOf(view.consultation), comment: { status: c.status, visibility: c.visibility, authorId: c.author_id } };
  if (view.may("comment.moderate") || view.may("comment.respond")) {
    throw forbidden("The consultation's team does not report comments; moderators hide them with a reason, in the public log.");
  }
  if (!can(view.actor, "comment.report", resource)) throw notFound("That comment");
  const at = nowIso();
  if (!(await insertReport(deps.db.kysely, c.id, user.id, reason, at))) {
    throw new AppError("conflict", "You have reported this comment already; the moderators will look at it.");
  }
  let hidden = false;
  const bornBefore = new Date(Date.now() - deps.reporterMinAgeMs).toISOString();
  const counted = await countWeightedReports(deps.db.kysely, c.id, c.consultation_id, bornBefore);
  if (c.status === "published" && counted >= deps.reportsToHide) {
    const actionId = newId();
    await deps.db.kysely.transaction().execute(async (tx) => {
      await updateCommentModeration(tx, c.id, "hidden", "reported");
      await refreshCommentDocs(tx, [c.id]);
      await recordAction(tx, deps.db.dialect, c, {
        id: actionId,
        consultation_id: c.consultation_id,
        comment_id: c.id,
        action: "hide",
        reason_code: "reported",
        note: `${counted} reports`,
        actor_id: null,
        // The public log says who did it: participants' reports, not a moderator and not "the system".
        actor_role: "reports",
        created_at: at,
      });
      if (deps.mail) await notifyModeration(tx, deps.mail, c, { actionId, action: "hidden", reason: "reported", actorId: null });
    });
    deps.mail?.kick();
    hidden = true;
  }
  deps.bus.publish({ type: "section.activity", sectionId: c.section_id });
  return { hidden };
}

/** The author of a hidden item may ask once for another look; it goes back to the queue. */
export async function requestReview(deps: ModerationDeps, view: ConsultationView, user: UserProfile | null, id: string): Promise<void> {
  if (!user) throw unauthenticated();
  const c = await findComment(deps.db.kysely, id);
  if (!c || c.consultation_id !== view.consultation.id || c.author_id !== user.id) throw notFound("That comment");
  if (c.status !== "hidden") throw new AppError("conflict", "Only a removed comment can be sent for review.");
  if (c.review_requested_at || (await hasModerationAction(deps.db.kysely, c.id, "review_requested"))) {
    throw new AppError("conflict", "You have asked for a review of this comment already.");
  }
  const at = nowIso();
  await deps.db.kysely.transaction().execute(async (tx) => {
    await markReviewRequested(tx, c.id, at);
    await recordAction(tx, deps.db.dialect, c, {
      id: newId(),
      consultation_id: c.consultation_id,
      comment_id: c.id,
      action: "review_requested",
      reason_code: null,
      note: "",
      actor_id: null,
      actor_role: "author",
      created_at: at,
    });
  });
  deps.bus.publish({ type: "section.activity", sectionId: c.section_id });
}

/** One page of the moderation queue (`page` from 1, `pageSize` items each), with how many items it holds in all. */
export async function moderationQueue(deps: ModerationDeps, view: ConsultationView, page: { page: number; pageSize: number }) {
  if (!view.may("comment.moderate")) throw forbidden("Only the consultation's moderators can see the queue.");
  const viewer = { userId: null, team: true, confidential: false };
  const [items, total, reasons] = await Promise.all([
    listModerationQueue(deps.db.kysely, view.consultation.id, viewer, { limit: page.pageSize, offset: (page.page - 1) * page.pageSize }),
    countModerationQueue(deps.db.kysely, view.consultation.id, viewer),
    listOpenReportReasons(deps.db.kysely, view.consultation.id),
  ]);
  return { items: items.map((i) => ({ ...i, report_reasons: reasons.get(i.id) ?? [] })), total };
}

/**
 * What the public log says of the item acted on: a public item's kind and section, and its thread when it is
 * published now (so it can be linked); a confidential one is named only as such.
 */
function loggedItem(e: LedgerEntry): { kind: "comment" | "reply" | "suggestion" | "confidential" | "removed"; sectionId: string | null; sectionTitle: string | null; threadId: string | null } {
  if (!e.comment_kind || !e.section_id) return { kind: "removed", sectionId: null, sectionTitle: null, threadId: null };
  if (e.comment_visibility !== "public") return { kind: "confidential", sectionId: null, sectionTitle: null, threadId: null };
  const kind = e.comment_parent_id ? "reply" : e.comment_kind;
  const shown = e.comment_status === "published";
  return { kind, sectionId: e.section_id, sectionTitle: e.section_title, threadId: shown ? (e.comment_parent_id ?? e.comment_id) : null };
}

/** The public ledger: actions, reasons and roles; never the text or (by default) the moderator's name. */
export async function moderationLedger(deps: ModerationDeps, view: ConsultationView, page: { limit: number; before?: { at: string; id: string } }) {
  const [entries, counts] = await Promise.all([listModerationLedger(deps.db.kysely, view.consultation.id, page), countModerationByReason(deps.db.kysely, view.consultation.id)]);
  const showNames = view.consultation.show_moderator_names === 1;
  return {
    entries: entries.map((e) => ({
      id: e.id,
      commentId: e.comment_id,
      action: e.action as ModerationActionKind,
      reason: e.reason_code,
      role: e.actor_role,
      // Only when the consultation chose to name its moderators, and only for people acting as moderators.
      name: showNames && e.actor_name && !["system", "reports", "author"].includes(e.actor_role) ? e.actor_name : null,
      // For a hide triggered by reports: how many there were.
      reports: reportsIn(e),
      at: e.created_at,
      item: loggedItem(e),
    })),
    counts,
  };
}
