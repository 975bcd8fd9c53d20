import type { OwnSubmissionRow } from "../../db/queries/receipt.js";
import type { DispositionOutcome, ModerationReason, Stance, SuggestionStatus } from "../../db/schema.js";
import { receiptPath } from "../domain/receipts.js";

/** Where a submission stands now, as its author reads it on "my submissions". */
type SubmissionStatus = "published" | "pending" | "hidden" | "withdrawn" | "confidential" | "current" | "replaced" | "gone";

function statusOf(r: OwnSubmissionRow): SubmissionStatus {
  if (r.subject_kind === "position") return r.position_stance === null ? "gone" : r.position_superseded_at ? "replaced" : "current";
  if (r.comment_status === null) return "gone";
  if (r.comment_status === "deleted") return "withdrawn";
  if (r.comment_status === "hidden") return "hidden";
  if (r.comment_status === "pending") return "pending";
  return r.comment_visibility === "confidential" ? "confidential" : "published";
}

/** What kind of submission it is (the page words it): a position carries its stance while it exists. */
function kindOf(r: OwnSubmissionRow): { subject: "position" | "reply" | "suggestion" | "comment"; stance: Stance | null } {
  if (r.subject_kind === "position") return { subject: "position", stance: (r.position_stance as Stance | null) ?? null };
  if (r.comment_parent_id) return { subject: "reply", stance: null };
  return { subject: r.comment_kind === "suggestion" ? "suggestion" : "comment", stance: null };
}

/** How much of their own text each entry shows, so its author can tell the entries apart. */
const EXCERPT_CHARS = 200;

function excerptOf(r: OwnSubmissionRow): string | null {
  const text = r.subject_kind === "position" ? r.position_rationale : r.comment_body;
  if (!text) return null;
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS - 1)}…` : text;
}

/** One line of the signed-in user's "my submissions" page (the owner's own text included: the page is theirs alone). */
export function presentOwnSubmission(r: OwnSubmissionRow) {
  const status = statusOf(r);
  const visible = status === "published" || status === "confidential" || status === "pending" || status === "current" || status === "replaced";
  const thread = r.comment_parent_id ?? r.subject_id;
  return {
    source: "receipt" as const,
    reference: r.reference,
    submittedAt: r.created_at,
    consultation: { slug: r.consultation_slug, title: r.consultation_title },
    section: r.section_id ? { id: r.section_id, title: r.section_title ?? "" } : null,
    kind: kindOf(r),
    excerpt: excerptOf(r),
    status,
    moderationReason: status === "hidden" && r.moderation_reason ? (r.moderation_reason as ModerationReason) : null,
    editedAt: r.edited_at,
    confidentialReceipt: r.salted === 1,
    response: r.outcome ? { outcome: r.outcome as DispositionOutcome, text: r.response ?? "", at: r.responded_at } : null,
    // A suggested amendment is also accepted into the text or declined, apart from the response.
    suggestion: r.comment_kind === "suggestion" && r.suggestion_status ? { status: r.suggestion_status as SuggestionStatus, at: r.decided_at, reason: r.decision_reason } : null,
    href: visible && r.section_id ? `/c/${r.consultation_slug}/s/${r.section_id}${r.subject_kind === "comment" ? `#thread-${thread}` : ""}` : null,
    receiptHref: receiptPath(r.reference),
    ledgerSeq: r.seq,
  };
}
