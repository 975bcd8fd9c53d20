import type { InfoRequestRow, RecipientBodyRow } from "../../../db/schema.js";
import type { SiteLedgerEvent } from "../../ledger/append.js";
import type { RequestDetail } from "./load.js";

/**
 * The ledger entries of information requests (kind `request`) and recipient bodies
 * (kind `recipient_body`), on the public chain and tied to no consultation. What they
 * say is public by design: a request's whole definition, who reads restricted answers
 * (bodies and their members by name), whom it invites, and later each submission's
 * receipt (a digest only, for answers that are not public), declines and results.
 */
function requestEvent(req: Pick<InfoRequestRow, "id" | "slug">, at: string, payload: Record<string, unknown>): SiteLedgerEvent {
  return { kind: "request", consultationId: null, subjectId: req.id, createdAt: at, payload: { slug: req.slug, ...payload } };
}

/** Everything a respondent is promised, frozen at issue: the questions with their most open levels, who reads, whom it invites, k; its language and time zone. */
export function requestIssuedEvent(detail: RequestDetail, at: string): SiteLedgerEvent {
  const r = detail.request;
  return requestEvent(r, at, {
    action: "issued",
    title: r.title,
    purpose: r.purpose,
    legalBasis: r.legal_basis,
    deadline: r.deadline,
    contentLanguage: r.content_language,
    timeZone: r.time_zone,
    retentionDays: r.retention_days,
    k: r.k_threshold,
    openToKinds: detail.openToKinds,
    questions: detail.questions.map((q) => ({ id: q.id, kind: q.kind, prompt: q.prompt, choices: q.choices, maxLevel: q.maxLevel, required: q.required })),
    recipients: detail.bodies.map((b) => ({ slug: b.slug, name: b.name, members: b.members.map((m) => m.displayName) })),
    invited: detail.invitations.map((i) => ({ slug: i.slug, name: i.name, kind: i.kind })),
    sections: detail.sectionIds,
  });
}

export interface RequestChange {
  deadline?: { from: string; to: string };
  invited?: { added: { slug: string; name: string }[]; removed: { slug: string; name: string }[] };
  reason: string;
}

export function requestChangedEvent(req: InfoRequestRow, change: RequestChange, at: string): SiteLedgerEvent {
  return requestEvent(req, at, { action: "changed", ...change });
}

function bodyEvent(body: RecipientBodyRow, at: string, payload: Record<string, unknown>): SiteLedgerEvent {
  return { kind: "recipient_body", consultationId: null, subjectId: body.id, createdAt: at, payload: { slug: body.slug, ...payload } };
}

export function recipientBodyCreatedEvent(body: RecipientBodyRow): SiteLedgerEvent {
  return bodyEvent(body, body.created_at, { action: "created", name: body.name, description: body.description });
}

/** A member joins or leaves (`to` false): named, since respondents must know exactly who reads. */
export function recipientBodyMemberEvent(body: RecipientBodyRow, member: { userId: string; displayName: string }, joined: boolean, at: string): SiteLedgerEvent {
  return bodyEvent(body, at, { action: joined ? "member_added" : "member_removed", member: member.displayName, userId: member.userId });
}

/**
 * A submission's receipt in the record. Before the deadline nothing public may say who
 * answered or what: the organisation and the answers appear only as salted digests
 * (the salt stays in the entry's private column), so the organisation can later show
 * the entry is theirs and what it committed to, and nobody else can even link two
 * entries of the same organisation.
 */
export function requestSubmittedEvent(req: Pick<InfoRequestRow, "id" | "slug">, digests: { salt: string; organisation: string; answers: string }, afterDecline: boolean, at: string): SiteLedgerEvent {
  return { ...requestEvent(req, at, { action: "submitted", organisationDigest: digests.organisation, answersDigest: digests.answers, afterDecline }), salt: digests.salt };
}

/** A decline, as anonymous as a submission until the deadline; the reason (published later on the participation list) only by digest. */
export function requestDeclinedEvent(req: Pick<InfoRequestRow, "id" | "slug">, digests: { salt: string; organisation: string; reason: string | null }, at: string): SiteLedgerEvent {
  return { ...requestEvent(req, at, { action: "declined", organisationDigest: digests.organisation, reasonDigest: digests.reason }), salt: digests.salt };
}
