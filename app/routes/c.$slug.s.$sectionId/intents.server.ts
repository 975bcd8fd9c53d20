import type { ActionFunctionArgs } from "@remix-run/node";
import type { SectionRow } from "../../../db/schema.js";
import type { UserProfile } from "../../../db/queries/user.js";
import {
  acceptSuggestion,
  createComment,
  declineSuggestion,
  deleteComment,
  editComment,
  moderationDeps,
  reactToSuggestion,
  recordDisposition,
  reportComment,
  requestReview,
  schemas,
  takePosition,
} from "../../utils/services.server.js";
import { fields, intentsFor, type IntentHandler } from "../../utils/intents.server.js";
import { redirectWithFlash } from "../../utils/request.server.js";
import { deps, type loadSection } from "./data.server.js";

export interface SectionActionContext {
  context: ActionFunctionArgs["context"];
  view: Awaited<ReturnType<typeof loadSection>>["view"];
  section: SectionRow;
  user: UserProfile | null;
  /** The section page's path, where every intent returns. */
  here: string;
}

type Intent = IntentHandler<SectionActionContext>;
const intent = intentsFor<SectionActionContext>();

const COMMENT_FIELDS = ["body", "kind", "replacement", "quoteExact", "quotePrefix", "quoteSuffix", "quoteStart", "publication", "confidential", "redactedBody", "website"];

/** The section page's forms, by their `intent`. */
export const SECTION_INTENTS: Record<string, Intent> = {
  comment: intent(fields(schemas.CommentFormSchema, COMMENT_FIELDS), async ({ context, view, section, user, here }, d) => {
    // The honeypot: people never fill it in. Bots get the usual answer and nothing is stored.
    if (d.website) {
      context.margin.services.logger.info("honeypot caught a comment", { ip: context.margin.clientIp });
      return redirectWithFlash(here, "Your comment is posted.");
    }
    const row = await createComment(deps(context), view, section, user, {
      body: d.body,
      kind: d.kind,
      replacement: d.replacement,
      quote: d.quoteExact ? { exact: d.quoteExact, prefix: d.quotePrefix, suffix: d.quoteSuffix, start: d.quoteStart } : null,
      publication: d.publication,
      confidential: d.confidential,
      redactedBody: d.redactedBody || null,
    });
    const done =
      row.visibility === "confidential"
        ? "Your confidential submission is with the consultation team."
        : row.status === "pending"
          ? row.kind === "suggestion"
            ? { id: "reading.flash.suggestionPending" as const }
            : "Thank you. Your comment is awaiting moderation."
          : row.kind === "suggestion"
            ? { id: "reading.flash.suggestionPosted" as const }
            : "Your comment is posted.";
    return redirectWithFlash(`${here}?receipt=${row.receiptReference}&posted=${row.id}#thread-${row.id}`, done);
  }),

  reply: intent(fields(schemas.ReplySchema, ["parentId", "body"]), async ({ context, view, section, user, here }, d) => {
    const row = await createComment(deps(context), view, section, user, { body: d.body, kind: "comment", parentId: d.parentId });
    const done = row.visibility === "confidential" ? "Your reply is with the consultation team." : row.status === "pending" ? "Thank you. Your reply is awaiting moderation." : "Your reply is posted.";
    return redirectWithFlash(`${here}?receipt=${row.receiptReference}&posted=${row.id}#comment-${row.id}`, done);
  }),

  edit: intent(fields(schemas.EditCommentSchema, ["commentId", "body"]), async ({ context, section, user, here }, d) => {
    await editComment(deps(context), section, user, d.commentId, d.body);
    return redirectWithFlash(here, "Your comment is updated; the earlier text is kept in its record.");
  }),

  delete: intent(fields(schemas.CommentIdSchema, ["commentId"]), async ({ context, section, user, here }, d) => {
    const { withdrawn } = await deleteComment(deps(context), section, user, d.commentId);
    return redirectWithFlash(here, withdrawn ? "Your comment is withdrawn. It had a response, so its place and the response stay, marked as withdrawn." : "Your comment is deleted.");
  }),

  accept: intent(fields(schemas.CommentIdSchema, ["commentId"]), async ({ context, view, section, user, here }, d) => {
    await acceptSuggestion(deps(context), view, section, user, d.commentId);
    return redirectWithFlash(`${here}#thread-${d.commentId}`, "The suggestion is applied to the text, credited to its proposer.");
  }),

  decline: intent(fields(schemas.DeclineSchema, ["commentId", "reason"]), async ({ context, view, section, user, here }, d) => {
    await declineSuggestion(deps(context), view, section, user, d.commentId, d.reason);
    return redirectWithFlash(`${here}#thread-${d.commentId}`, "The suggestion is declined; your reason is shown with it.");
  }),

  react: intent(fields(schemas.ReactSchema, ["commentId", "reaction"]), async ({ context, view, section, user, here }, d) => {
    await reactToSuggestion(deps(context), view, section, user, d.commentId, d.reaction);
    return redirectWithFlash(`${here}#thread-${d.commentId}`, "Thank you; your view on the suggestion is recorded.");
  }),

  report: intent(fields(schemas.ReportSchema, ["commentId", "reason"]), async ({ context, view, user, here }, d) => {
    const { hidden } = await reportComment(moderationDeps(context.margin.services), view, user, d.commentId, d.reason);
    return redirectWithFlash(here, hidden ? "Thank you. The comment is hidden until a moderator reviews it." : "Thank you. The moderators will review the comment.");
  }),

  review: intent(fields(schemas.CommentIdSchema, ["commentId"]), async ({ context, view, user, here }, d) => {
    await requestReview(moderationDeps(context.margin.services), view, user, d.commentId);
    return redirectWithFlash(`${here}#thread-${d.commentId}`, "Your request is with the moderators.");
  }),

  // The same response as the report page records (its checks, ledger entry and notice to the author).
  respond: intent(fields(schemas.RailResponseSchema, ["commentId", "outcome", "response"]), async ({ context, view, user, here }, d) => {
    const { db, bus, mail } = context.margin.services;
    await recordDisposition({ db, bus, mail }, view, user, { ...d, changeSetIds: [], keepLinks: true });
    return redirectWithFlash(`${here}#thread-${d.commentId}`, { id: "report.flash.recorded" });
  }),

  position: intent(fields(schemas.PositionSchema, ["stance", "rationale", "quote", "quotePrefix", "quoteSuffix", "quoteStart"]), async ({ context, view, section, user, here }, d) => {
    const quote = d.quote ? { exact: d.quote, prefix: d.quotePrefix, suffix: d.quoteSuffix, start: d.quoteStart } : null;
    const reference = await takePosition(deps(context), view, section, user, { stance: d.stance, rationale: d.rationale, quote });
    return redirectWithFlash(here, `Your position is recorded. Its receipt is ${reference}, under My submissions.`);
  }),
};
