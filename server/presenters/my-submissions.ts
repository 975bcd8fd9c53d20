import type { ResponseStatus } from "../../db/schema.js";
import { isPastDeadline } from "../auth/request-policy.js";
import type { OwnEntry } from "../domain/my-submissions.js";
import { presentOwnSubmission } from "./receipt.js";

/** The format of the "my submissions" download, so a reader can tell later versions apart. */
export const MY_SUBMISSIONS_FORMAT = "margin-my-submissions/1";

type RequestEntry = Extract<OwnEntry, { source: "request" }>;
type ReceiptEntry = Extract<OwnEntry, { source: "receipt" }>;

const requestPaths = (slug: string) => ({
  request: `/requests/${slug}`,
  respond: `/requests/${slug}/respond`,
  results: `/requests/${slug}/results`,
  receipt: (reference: string) => `/requests/${slug}/receipts/${reference}.json`,
});

/**
 * An answer to an information request as its writer sees it on "my submissions". What
 * the answers say, and the receipt, only while they may still read their organisation's
 * answers (`member`); the status and the deadline always.
 */
function presentOwnRequestResponse(e: RequestEntry, now: Date) {
  const r = e.row;
  const paths = requestPaths(r.request_slug);
  const reference = e.own ? r.own_reference : null;
  return {
    source: "request" as const,
    key: r.id,
    request: { slug: r.request_slug, title: r.request_title },
    organisation: { slug: r.organisation_slug, name: r.organisation_name },
    status: r.status as ResponseStatus,
    revision: r.revision,
    member: e.own !== null,
    hasDraft: e.own !== null && r.has_draft === 1,
    answered: e.own ? e.own.answers.length : null,
    declineReason: e.own && r.status === "declined" ? e.own.declineReason : null,
    deadline: r.deadline,
    closed: isPastDeadline(r, now),
    updatedAt: r.updated_at,
    reference,
    submittedAt: reference ? r.own_submitted_at : null,
    receiptHref: reference ? paths.receipt(reference) : null,
    results: r.results_published_at ? { at: r.results_published_at, href: paths.results } : null,
    href: e.own ? paths.respond : paths.request,
  };
}

/** One line of the "my submissions" page, of either source. */
export function presentOwnEntry(e: OwnEntry, now: Date) {
  if (e.source === "request") return presentOwnRequestResponse(e, now);
  return { ...presentOwnSubmission(e.row), reads: e.reads };
}

function exportReceiptEntry(e: ReceiptEntry, origin: string) {
  const r = e.row;
  const { excerpt: _excerpt, href, receiptHref, ...shown } = presentOwnSubmission(r);
  return {
    ...shown,
    confidential: r.comment_visibility === "confidential",
    text: r.subject_kind === "position" ? r.position_rationale : r.comment_body,
    replacement: r.comment_replacement,
    reads: e.reads,
    links: { item: href ? origin + href : null, receipt: origin + receiptHref },
  };
}

function exportRequestEntry(e: RequestEntry, origin: string, now: Date) {
  const { href, receiptHref, results, ...shown } = presentOwnRequestResponse(e, now);
  const paths = requestPaths(e.row.request_slug);
  const own = e.own;
  return {
    ...shown,
    results: results ? { at: results.at, link: origin + results.href } : null,
    answers: own ? own.answers.map((a) => ({ question: a.prompt, level: a.level, value: a.value })) : null,
    draft: own?.draft ? own.draft.map((a) => ({ question: a.prompt, level: a.level, value: a.value })) : null,
    revisions: own
      ? own.revisions.map((v) => ({ revision: v.revision, reference: v.reference, submittedAt: v.submittedAt, submittedBy: v.submittedBy, receipt: origin + paths.receipt(v.reference) }))
      : null,
    links: { item: origin + href, receipt: receiptHref ? origin + receiptHref : null },
  };
}

/**
 * The download of everything the user submitted: each item with its full text (their
 * confidential texts included: they are theirs), status, response, reference and links.
 */
export function presentMySubmissionsExport(entries: readonly OwnEntry[], origin: string, now: Date) {
  return {
    format: MY_SUBMISSIONS_FORMAT,
    server: origin,
    exportedAt: now.toISOString(),
    count: entries.length,
    items: entries.map((e) => (e.source === "request" ? exportRequestEntry(e, origin, now) : exportReceiptEntry(e, origin))),
  };
}
