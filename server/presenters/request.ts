import type { z } from "zod";
import type { LinkableSection } from "../../db/queries/request.js";
import type { DisclosureLevel, InfoRequestRow, OrganisationKind, QuestionKind } from "../../db/schema.js";
import { isPastDeadline } from "../auth/request-policy.js";
import type { RequestDetail, RequestHistoryItem } from "../domain/requests/index.js";
import type { RequestSummaryWireSchema } from "./wire.js";

/** Where a request stands for the public: a draft (its convener only sees it), open for answers, or closed. */
export type RequestPhase = "draft" | "open" | "closed";

export function requestPhase(r: Pick<InfoRequestRow, "status" | "deadline">, now: Date): RequestPhase {
  if (r.status === "draft") return "draft";
  return isPastDeadline(r, now) ? "closed" : "open";
}

/** A request as lists show it (the API's /requests and the /requests page). */
export type RequestSummaryWire = z.infer<typeof RequestSummaryWireSchema>;

export function presentRequestSummary(r: InfoRequestRow, now: Date): RequestSummaryWire {
  return { id: r.id, slug: r.slug, title: r.title, purpose: r.purpose, phase: requestPhase(r, now), deadline: r.deadline, issuedAt: r.issued_at, contentLanguage: r.content_language, timeZone: r.time_zone };
}

/**
 * The public part of a request: everything a respondent is promised before answering
 * (the questions and their most open levels, who reads, whom it invites, k) and its
 * history. Members of recipient bodies are named (that is the point); their account
 * ids are not needed by anyone and are left out.
 */
export interface RequestWire extends RequestSummaryWire {
  legalBasis: string;
  retentionDays: number;
  k: number;
  openToKinds: OrganisationKind[];
  questions: { id: string; position: number; kind: QuestionKind; prompt: string; help: string | null; choices: string[]; maxLevel: DisclosureLevel; required: boolean }[];
  recipientBodies: { slug: string; name: string; description: string; members: string[] }[];
  invited: { slug: string; name: string; kind: OrganisationKind; verified: boolean }[];
  sections: { id: string; title: string; consultation: { slug: string; title: string }; path: string }[];
  history: RequestHistoryItem[];
}

export function presentRequest(detail: RequestDetail, sections: LinkableSection[], history: RequestHistoryItem[], now: Date): RequestWire {
  const r = detail.request;
  return {
    ...presentRequestSummary(r, now),
    contentLanguage: detail.contentLanguage,
    timeZone: detail.timeZone,
    legalBasis: r.legal_basis,
    retentionDays: r.retention_days,
    k: r.k_threshold,
    openToKinds: detail.openToKinds,
    questions: detail.questions.map((q) => ({ id: q.id, position: q.position, kind: q.kind, prompt: q.prompt, help: q.help, choices: q.choices, maxLevel: q.maxLevel, required: q.required })),
    recipientBodies: detail.bodies.map((b) => ({ slug: b.slug, name: b.name, description: b.description, members: b.members.map((m) => m.displayName) })),
    invited: detail.invitations.map((i) => ({ slug: i.slug, name: i.name, kind: i.kind, verified: i.verified_at !== null })),
    sections: sections.map((s) => ({ id: s.id, title: s.title, consultation: { slug: s.consultation_slug, title: s.consultation_title }, path: `/c/${s.consultation_slug}/s/${s.id}` })),
    history,
  };
}
