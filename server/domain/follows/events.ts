import type { Executor } from "../../../db/client.js";
import { findConsultationById } from "../../../db/queries/consultation.js";
import { findLatestOpening, findMaxPublicVersionNumber, insertSweepMarkOnce, listDraftViewerIds, listFollowerIds, listOrganisationMemberIds } from "../../../db/queries/follow.js";
import { listSectionSummaries } from "../../../db/queries/section.js";
import type { ConsultationRow, ConsultationStatus, InfoRequestRow } from "../../../db/schema.js";
import { nowIso } from "../../ids.js";
import type { MailService } from "../../mail/index.js";
import { notify } from "../notifications/index.js";
import { phaseAt } from "../../../common/phase.js";

/**
 * What following leads to: the notifications of a consultation's life (a new
 * version, opening, closing soon, closing, results) for the people who follow it
 * or one of its sections, and of an information request for the organisations it
 * is addressed to (their members, and whoever follows their requests). Each runs
 * in the transaction of the event's write (or of the sweep that finds it); the
 * caller kicks the mail after committing.
 */

export type ConsultationEventKind = "consultation_opened" | "closing_soon" | "consultation_closed" | "results";

type Consultation = Pick<ConsultationRow, "id" | "slug" | "title" | "status" | "opens_at" | "closes_at" | "time_zone" | "content_language">;

/** Who follows the consultation or any of its sections and may still see it (a draft: its team only). */
async function consultationFollowers(tx: Executor, c: Pick<ConsultationRow, "id" | "status">): Promise<string[]> {
  const sections = await listSectionSummaries(tx, c.id);
  const ids = [...(await listFollowerIds(tx, "consultation", [c.id])), ...(await listFollowerIds(tx, "section", sections.map((s) => s.id)))];
  if (c.status === "draft") return listDraftViewerIds(tx, c.id, ids);
  return [...new Set(ids)];
}

/**
 * The identity of a consultation event: the results happen once; the rest once
 * per comment window, named by the opening that started it (`epoch`).
 */
export function consultationEventKey(kind: ConsultationEventKind, consultationId: string, epoch: string): string {
  return kind === "results" ? `results:${consultationId}` : `${kind}:${consultationId}:${epoch}`;
}

/**
 * The current comment window's opening: the latest change of status to open
 * (its id names the window), or the consultation's creation when it was made open.
 */
export async function openingOf(tx: Executor, c: Pick<ConsultationRow, "id" | "created_at">): Promise<{ epoch: string; at: string }> {
  const latest = await findLatestOpening(tx, c.id);
  return latest ? { epoch: latest.id, at: latest.created_at } : { epoch: "created", at: c.created_at };
}

/**
 * Notifies the followers of a consultation event once: the event's mark is
 * written first, so a second node (or the sweep, later) that finds it does
 * nothing. False when the event was already handled.
 */
export async function notifyConsultationEvent(
  tx: Executor,
  mail: MailService,
  c: Consultation,
  kind: ConsultationEventKind,
  epoch: string,
  now: Date = new Date(),
  actorId: string | null = null,
): Promise<boolean> {
  const key = consultationEventKey(kind, c.id, epoch);
  if (!(await insertSweepMarkOnce(tx, key, nowIso(now)))) return false;
  let link = `/c/${c.slug}`;
  if (kind === "results") {
    const latest = await findMaxPublicVersionNumber(tx, c.id);
    if (latest !== null) link = `/c/${c.slug}/v/${latest}/report`;
  }
  await notify(
    tx,
    mail,
    {
      kind,
      userIds: await consultationFollowers(tx, c),
      dedupeKey: key,
      consultationId: c.id,
      params: { consultation: c.title, closesAt: c.closes_at },
      link,
      timeZone: c.time_zone,
      contentLanguage: c.content_language,
      actorId,
    },
    now,
  );
  return true;
}

/**
 * A phase change made by the owner, in its transaction: what its followers now
 * see happen. Opening notifies when the window is open at once (a later opening
 * time is the sweep's); closing, when the window had opened; final, always.
 * `phaseChangeId` is the new change's id: an opening starts a window named by it.
 */
export async function notifyPhaseChange(
  tx: Executor,
  mail: MailService,
  before: ConsultationRow,
  to: ConsultationStatus,
  phaseChangeId: string,
  actorId: string | null,
  now: Date = new Date(),
): Promise<void> {
  const after = { ...before, status: to };
  if (to === "open") {
    if (phaseAt({ status: after.status, opensAt: after.opens_at, closesAt: after.closes_at }, now) === "open") await notifyConsultationEvent(tx, mail, after, "consultation_opened", phaseChangeId, now, actorId);
    return;
  }
  if (to === "closed") {
    // Closed before its opening time: nobody was told it was open, so nobody is told it closed.
    if (before.status === "open" && phaseAt({ status: before.status, opensAt: before.opens_at, closesAt: before.closes_at }, now) !== "upcoming") await notifyConsultationEvent(tx, mail, after, "consultation_closed", (await openingOf(tx, before)).epoch, now, actorId);
    return;
  }
  if (to === "final") await notifyConsultationEvent(tx, mail, after, "results", "", now, actorId);
}

/** A new version, for the consultation's followers and its sections' (a version made while drafting: the team's only). */
export async function notifyVersion(tx: Executor, mail: MailService, consultationId: string, version: { id: string; number: number }, actorId: string | null, now: Date = new Date()): Promise<void> {
  const c = await findConsultationById(tx, consultationId);
  if (!c) return;
  await notify(
    tx,
    mail,
    {
      kind: "version",
      userIds: await consultationFollowers(tx, c),
      dedupeKey: `version:${version.id}`,
      consultationId: c.id,
      params: { consultation: c.title, number: version.number },
      link: `/c/${c.slug}/v/${version.number}`,
      timeZone: c.time_zone,
      contentLanguage: c.content_language,
      actorId,
    },
    now,
  );
}

type Request = Pick<InfoRequestRow, "id" | "slug" | "title" | "deadline" | "time_zone" | "content_language">;

/** The people a request to an organisation concerns: its members (addressed, whether or not they follow) and who follows its requests. */
async function organisationAudience(tx: Executor, organisationId: string): Promise<string[]> {
  const members = await listOrganisationMemberIds(tx, [organisationId]);
  return [...members.map((m) => m.user_id), ...(await listFollowerIds(tx, "organisation_requests", [organisationId]))];
}

/** A request newly addressed to organisations (issued, or an organisation added to it). */
export async function notifyRequestAddressed(tx: Executor, mail: MailService, request: Request, organisations: readonly { id: string; name: string }[], actorId: string | null, now: Date = new Date()): Promise<void> {
  for (const org of organisations) {
    await notify(
      tx,
      mail,
      {
        kind: "request_addressed",
        userIds: await organisationAudience(tx, org.id),
        dedupeKey: `request_addressed:${request.id}:${org.id}`,
        consultationId: null,
        params: { request: request.title, organisation: org.name, deadlineAt: request.deadline },
        link: `/requests/${request.slug}`,
        timeZone: request.time_zone,
        contentLanguage: request.content_language,
        actorId,
      },
      now,
    );
  }
}

/** The identity of a deadline reminder: per organisation and deadline (a moved deadline is reminded of again). */
export function requestDeadlineKey(requestId: string, organisationId: string, deadline: string): string {
  return `request_deadline:${requestId}:${organisationId}:${deadline}`;
}

/** Reminds an organisation's audience of a request's deadline, once (the mark first, as for consultations). */
export async function notifyRequestDeadline(tx: Executor, mail: MailService, request: Request, org: { id: string; name: string }, now: Date = new Date()): Promise<boolean> {
  const key = requestDeadlineKey(request.id, org.id, request.deadline);
  if (!(await insertSweepMarkOnce(tx, key, nowIso(now)))) return false;
  await notify(
    tx,
    mail,
    {
      kind: "request_deadline",
      userIds: await organisationAudience(tx, org.id),
      dedupeKey: key,
      consultationId: null,
      params: { request: request.title, organisation: org.name, deadlineAt: request.deadline },
      link: `/requests/${request.slug}`,
      timeZone: request.time_zone,
      contentLanguage: request.content_language,
    },
    now,
  );
  return true;
}
