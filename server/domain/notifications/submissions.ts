import type { Executor } from "../../../db/client.js";
import { findComment } from "../../../db/queries/comment.js";
import { findConsultationById } from "../../../db/queries/consultation.js";
import { findSectionById } from "../../../db/queries/section.js";
import { findUserById } from "../../../db/queries/user.js";
import type { CommentRow, DispositionOutcome, ModerationReason } from "../../../db/schema.js";
import type { MailService } from "../../mail/index.js";
import { shownAuthor } from "../shown-author.js";
import { notify, notifyMany, type NotificationEvent } from "./notify.js";

/**
 * The notifications about a person's own submissions (issue 16): a reply to
 * their comment, the team's response, the decision on their suggestion, and
 * moderation. Each is written in the transaction of the event that causes it;
 * the caller kicks mail delivery after the commit.
 */

/**
 * Where a comment is read: its section page, at its thread (the anchor the
 * section page gives each thread). Everyone notified here is the thread's
 * author, so the rail shows their own threads, all of them: the first page
 * alone might not hold this one.
 */
function threadLink(slug: string, sectionId: string, rootId: string): string {
  return `/c/${encodeURIComponent(slug)}/s/${encodeURIComponent(sectionId)}?filter=mine&threads=all#thread-${rootId}`;
}

/** The titles and link every kind here needs, for a comment; undefined if its consultation or section is gone. */
async function placeOf(tx: Executor, comment: CommentRow) {
  const [consultation, section] = await Promise.all([findConsultationById(tx, comment.consultation_id), findSectionById(tx, comment.section_id)]);
  if (!consultation || !section) return undefined;
  return {
    consultationId: consultation.id,
    params: { consultation: consultation.title, section: section.title },
    link: threadLink(consultation.slug, section.id, comment.parent_id ?? comment.id),
    slug: consultation.slug,
    timeZone: consultation.time_zone,
    contentLanguage: consultation.content_language,
  };
}

async function notifyAbout(
  tx: Executor,
  mail: MailService,
  comment: CommentRow,
  event: Pick<NotificationEvent, "kind" | "userIds" | "dedupeKey" | "actorId"> & { params: NotificationEvent["params"] },
): Promise<number> {
  const place = await placeOf(tx, comment);
  if (!place) return 0;
  return notify(tx, mail, { ...event, consultationId: place.consultationId, params: { ...place.params, ...event.params }, link: place.link, timeZone: place.timeZone, contentLanguage: place.contentLanguage });
}

/**
 * A reply others may now read notifies the author of the thread it answers
 * (never the replier). Called when a reply is published: at once, or when a
 * moderator approves a held one. A reply inherits its thread's visibility, and
 * the thread's author may always read their own thread.
 */
export async function notifyReply(tx: Executor, mail: MailService, reply: CommentRow): Promise<number> {
  if (!reply.parent_id || reply.status !== "published") return 0;
  const root = await findComment(tx, reply.parent_id);
  if (!root || root.status === "deleted") return 0;
  const replier = await findUserById(tx, reply.author_id);
  // Named as the thread's author sees others: by the replier's choice of publication.
  const name = replier ? shownAuthor({ publication: reply.publication, author_name: replier.display_name, author_organisation: replier.organisation, author_group: replier.stakeholder_group }, false).name : "";
  return notifyAbout(tx, mail, reply, { kind: "reply", userIds: [root.author_id], dedupeKey: `reply:${reply.id}`, actorId: reply.author_id, params: { replier: name } });
}

/** The drafting team's response (a disposition) to a comment or suggestion, with its outcome, for its author. */
export async function notifyResponse(tx: Executor, mail: MailService, comment: CommentRow, response: { id: string; outcome: DispositionOutcome; decidedBy: string }): Promise<number> {
  if (comment.status === "deleted") return 0;
  return notifyAbout(tx, mail, comment, {
    kind: "response",
    userIds: [comment.author_id],
    dedupeKey: `response:${response.id}`,
    actorId: response.decidedBy,
    params: { outcome: response.outcome },
  });
}

/**
 * A group's answer (ADR 032), for each member's author, as `notifyResponse` would
 * tell them one by one, with the consultation and section read once per section
 * rather than once per member.
 */
export async function notifyResponses(tx: Executor, mail: MailService, answered: { comment: CommentRow; responseId: string }[], outcome: DispositionOutcome, decidedBy: string): Promise<number> {
  const places = new Map<string, Awaited<ReturnType<typeof placeOf>>>();
  const events: NotificationEvent[] = [];
  for (const { comment, responseId } of answered) {
    if (comment.status === "deleted") continue;
    if (!places.has(comment.section_id)) places.set(comment.section_id, await placeOf(tx, comment));
    const place = places.get(comment.section_id);
    if (!place) continue;
    events.push({
      kind: "response",
      userIds: [comment.author_id],
      dedupeKey: `response:${responseId}`,
      actorId: decidedBy,
      consultationId: place.consultationId,
      params: { ...place.params, outcome },
      link: threadLink(place.slug, comment.section_id, comment.parent_id ?? comment.id),
      timeZone: place.timeZone,
      contentLanguage: place.contentLanguage,
    });
  }
  return notifyMany(tx, mail, events);
}

/** A suggested amendment accepted (applied to the text) or declined, for its author. */
export async function notifySuggestionDecision(tx: Executor, mail: MailService, suggestion: CommentRow, decision: "accepted" | "declined", decidedBy: string): Promise<number> {
  return notifyAbout(tx, mail, suggestion, {
    kind: "suggestion_decision",
    userIds: [suggestion.author_id],
    dedupeKey: `suggestion_decision:${suggestion.id}`,
    actorId: decidedBy,
    params: { decision },
  });
}

/** A submission hidden (with the reason code) or restored by moderation, for its author; `actionId` is the moderation action's. */
export async function notifyModeration(
  tx: Executor,
  mail: MailService,
  comment: CommentRow,
  change: { actionId: string; action: "hidden" | "restored"; reason: ModerationReason | null; actorId: string | null },
): Promise<number> {
  return notifyAbout(tx, mail, comment, {
    kind: "moderation",
    userIds: [comment.author_id],
    dedupeKey: `moderation:${change.actionId}`,
    actorId: change.actorId,
    params: { action: change.action, reason: change.reason },
  });
}
