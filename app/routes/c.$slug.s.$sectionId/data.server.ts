import { mayOnceConfirmed } from "../../utils/account-links.server.js";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { presentAnchors, presentHighlights, presentRailThread, type RailThread } from "../../../server/presenters/comment.js";
import { presentConsultationHeader } from "../../../server/presenters/consultation.js";
import { presentOwnPosition } from "../../../server/presenters/position.js";
import {
  actualWindowsOf,
  commentDeps,
  countConfidentialSubmissions,
  isOwnReceipt,
  receiptPath,
  heatOf,
  listSections,
  logShownConfidential,
  myPositions,
  positionCounts,
  positionsByPassage,
  presenceColour,
  railPage,
  readerText,
  schemas,
  requireConsultation,
  requireSection,
  workingCopyStatus,
} from "../../utils/services.server.js";
import { getUser, orStatus } from "../../utils/request.server.js";
import { mayOnComment, type ConsultationView } from "../../../server/auth/access.js";
import { requestsInforming } from "../../utils/info-requests.server.js";
import { followButton } from "../../utils/follow.server.js";

type Context = LoaderFunctionArgs["context"];

export function deps(context: Context) {
  return commentDeps(context.margin.services);
}

/** The consultation and section the URL names, as this viewer may see them (404 otherwise). */
export async function loadSection({ params, context }: Pick<LoaderFunctionArgs, "params" | "context">) {
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const section = await orStatus(requireSection(db, view, params.sectionId ?? ""));
  return { view, section };
}

/** Everything the section page shows: the text, the rail (filtered and paged), positions, and what the viewer may do. */
export async function sectionPage({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const url = new URL(request.url);
  const { view, section } = await loadSection({ params, context });
  const query = pageQuery(url);
  const user = getUser(context);
  // Authors may change or withdraw their submissions only while the window is open.
  const amendable = view.may("comment.create");
  // After posting, the redirect names the new receipt; it is shown only to its owner.
  const receiptParam = url.searchParams.get("receipt");
  const live = await context.margin.services.collab.readSection(section.id);
  const [sections, rail, heat, counts, mine, confidentialCount, received] = await Promise.all([
    listSections(db, view),
    railPage(deps(context), view, section, user, live.text, query),
    heatOf(deps(context), view, section, user, live.text),
    positionCounts(deps(context), { sectionId: section.id }),
    myPositions(deps(context), section, user),
    countConfidentialSubmissions(deps(context), section),
    user && receiptParam ? isOwnReceipt(db.kysely, user.id, receiptParam) : null,
  ]);
  const passages = await positionsByPassage(deps(context), section.id, live.text);
  // An early closing: the header names the day it closed, not the planned end.
  const closedAt = (await actualWindowsOf(db, [view.consultation], new Date())).get(view.consultation.id)?.closedAt ?? null;
  const comments = rail.threads.flatMap((t) => [t.root, ...t.replies]);
  // Every confidential text a recipient is shown here is logged, in this request (ADR 019): the page's threads only.
  await logShownConfidential(deps(context), view, user, comments);
  const threads = rail.threads.map((t) => presentRailThread(t, amendable, mayRespond(view, t.root)));
  const informedBy = await requestsInforming(context, section.id);
  const follow = await followButton(context, "section", section.id, section.id, `/c/${view.consultation.slug}/s/${section.id}`);
  const index = sections.findIndex((s) => s.id === section.id);
  const toc = sections.map((s) => ({ id: s.id, title: s.title }));
  const now = new Date();
  const canEdit = view.may("section.edit");
  return {
    now: now.toISOString(),
    consultation: { ...presentConsultationHeader(view.consultation, now), closedAt },
    // Drafters get the editor (which starts from the HTML); everyone else the reader view, rendered from the JSON.
    section: { id: section.id, title: section.title, number: index + 1, ...(canEdit ? { html: live.html, doc: null } : { html: null, doc: live.json }) },
    // The text's log position: the live text the page fetches later replaces this one only when newer.
    seq: live.seq,
    canEdit,
    // The team's editors draft in the working copy when the consultation says so (ADR 026); null for everyone else.
    workingCopy: view.consultation.drafting_mode === "working" ? await workingCopyStatus(db, view) : null,
    // An account whose address is unconfirmed gets the form too: its submission is refused with how to confirm, and its text kept.
    canPost: mayOnceConfirmed(view, "comment.create"),
    canDecide: view.may("section.edit"),
    signedIn: user !== null,
    // The team acts through moderation, never through the report button.
    canReport: user !== null && !view.may("comment.moderate") && !view.may("comment.respond"),
    me: user ? { name: user.display_name, color: presenceColour(user.id) } : null,
    sections: toc,
    previous: index > 0 ? toc[index - 1]! : null,
    next: index >= 0 && index < toc.length - 1 ? toc[index + 1]! : null,
    threads,
    matchingThreads: rail.matching,
    totalThreads: rail.total,
    groups: rail.groups,
    campaigns: rail.campaigns,
    paging: { page: rail.page, pages: rail.pages, pageSize: rail.pageSize },
    passage: rail.passage,
    heat,
    posted: postedNote(threads, url.searchParams.get("posted"), context.margin.flash),
    filter: query.filter,
    anchors: canEdit ? presentAnchors(comments) : [],
    highlights: canEdit ? [] : presentHighlights(comments),
    counts,
    passages,
    confidentialCount,
    myPosition: presentOwnPosition(mine.find((p) => p.superseded_at === null)),
    positionHistory: mine.filter((p) => p.superseded_at !== null).length,
    received: received ? { reference: received, href: receiptPath(received) } : null,
    informedBy,
    follow,
  };
}

/**
 * The section's text and its commented passages, for a reader's page to swap in
 * when told the text changed: the reader view's part of the page only (no rail,
 * no positions, nothing of any comment but its id and offsets), so a burst of
 * typing costs readers little and logs no reads of confidential texts.
 */
export async function sectionText({ params, context }: Pick<LoaderFunctionArgs, "params" | "context">) {
  const { view, section } = await loadSection({ params, context });
  // Made once per text seq for every reader (readerText), with the viewer's own unlisted passages added.
  return readerText(deps(context), view, section, getUser(context));
}

type ThreadView = Awaited<ReturnType<typeof railPage>>["threads"][number];

/** The rail's page, passage and filter from the URL (ListPageQuerySchema); a malformed one is refused with why. */
function pageQuery(url: URL) {
  const parsed = schemas.ListPageQuerySchema.safeParse({ page: url.searchParams.get("page"), passage: url.searchParams.get("passage"), filter: url.searchParams.get("filter") });
  if (!parsed.success) throw new Response(parsed.error.issues[0]?.message ?? "Unknown page.", { status: 400 });
  return parsed.data;
}

/**
 * The viewer's item just posted (named by the redirect after a post), with the
 * success message, when the rail shows it: the page puts the message beside it and
 * focuses it, instead of at the top of the page. Null otherwise: the usual flash.
 */
function postedNote(shown: RailThread[], id: string | null, flash: LoaderFunctionArgs["context"]["margin"]["flash"]) {
  if (!id || !flash) return null;
  const item = shown.flatMap((t) => [t.root, ...t.replies]).find((c) => c.id === id && c.mine);
  return item ? { id: item.id, message: flash } : null;
}

/**
 * Whether the viewer may respond to a thread's comment, as the report page lets them: the
 * policy's "comment.respond" on it (a confidential one only by its recipients), and not deleted.
 */
function mayRespond(view: ConsultationView, root: ThreadView["root"]): boolean {
  if (root.status === "deleted") return false;
  // The policy decides on the comment's state and visibility; its author does not matter here.
  return mayOnComment(view, "comment.respond", { status: root.status, visibility: root.confidential ? "confidential" : "public", author_id: "" });
}
