import { PUBLIC_VIEWER, countConfidential, listOwnUnlistedComments, listReactions, listSectionComments, type CommentWithAuthor } from "../../../db/queries/comment.js";
import { listSectionDispositions } from "../../../db/queries/history.js";
import { countPublicGroupAnswers } from "../../../db/queries/group-response.js";
import type { UserProfile } from "../../../db/queries/user.js";
import { DISPOSITION_LABEL } from "../../../common/labels.js";
import { type CommentRow, type DispositionOutcome, type DispositionRow, type Publication, type SectionRow } from "../../../db/schema.js";
import { isTeam, readsConfidentialOf, type ConsultationView } from "../../auth/access.js";
import type * as Y from "yjs";
import { docToJson } from "../../collab/content.js";
import { flatten, resolveAnchor, type AnchorState } from "../../collab/text-model.js";
import { renderCommentMarkdown } from "../../text/markdown.js";
import { verifiedOrganisationsOf } from "../organisations/index.js";
import { shownAuthorWithBadge, type OrganisationBadge, type ShownAuthor } from "../shown-author.js";
import { logConfidentialReads } from "./access-log.js";
import { COMMENT_EDIT_WINDOW_MS, type CommentDeps, type Highlight, type ReaderText } from "./deps.js";

export interface CommentView {
  id: string;
  parentId: string | null;
  kind: "comment" | "suggestion";
  status: CommentRow["status"];
  body: string;
  replacement: string | null;
  /** `verifiedOrganisation`: the badge of a verified organisation the author belongs to, when their publication choice shows it. */
  author: ShownAuthor & { verifiedOrganisation: OrganisationBadge | null };
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
  disposition: { outcome: DispositionOutcome; label: string; response: string; at: string; together: Together | null } | null;
  /** Deleted by its author after it had a response: its place and the response stay public. */
  withdrawn: boolean;
}

/** A response that is a group's answer (ADR 032): which, and how many published public comments hold it. */
interface Together {
  groupResponseId: string;
  count: number;
}

/**
 * What this viewer may see: every public item for the team (`all`), every confidential
 * one for its recipients (`all`); else the public list, the same for everyone (`shared`,
 * cached), plus their own unlisted ones (`own`).
 */
async function rowsFor(
  deps: CommentDeps,
  view: ConsultationView,
  sectionId: string,
  user: UserProfile | null,
): Promise<{ all: CommentWithAuthor[] } | { shared: CommentWithAuthor[]; own: CommentWithAuthor[] }> {
  const team = isTeam(view);
  const recipient = readsConfidentialOf(view);
  if (team || recipient) return { all: await listSectionComments(deps.db.kysely, sectionId, { userId: user?.id ?? null, team, confidential: recipient }) };
  const [shared, own] = await Promise.all([
    deps.cache ? deps.cache.publicRows(deps.db, sectionId) : listSectionComments(deps.db.kysely, sectionId, PUBLIC_VIEWER),
    user ? listOwnUnlistedComments(deps.db.kysely, sectionId, user.id) : Promise.resolve([]),
  ]);
  return { shared, own };
}

/** The rows of rowsFor as one list, in the order they were made. */
async function visibleRows(deps: CommentDeps, view: ConsultationView, sectionId: string, user: UserProfile | null): Promise<CommentWithAuthor[]> {
  const rows = await rowsFor(deps, view, sectionId, user);
  if ("all" in rows) return rows.all;
  const { shared, own } = rows;
  return own.length === 0 ? shared : [...shared, ...own].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
}

/**
 * The passages of `rows` where they are in `doc` now, in reading order: first comments
 * only, not deleted or hidden, whose passage is still there (as presentHighlights keeps them).
 */
function highlightsIn(doc: Y.Doc, rows: readonly CommentRow[]): Highlight[] {
  const flat = flatten(doc);
  const out: Highlight[] = [];
  for (const r of rows) {
    if (r.parent_id || !r.anchor_start || !r.anchor_end || r.status === "deleted" || r.status === "hidden") continue;
    const a = resolveAnchor(doc, flat, { start: r.anchor_start, end: r.anchor_end, exact: r.quote_exact ?? "", startOffset: r.position_start ?? 0 });
    if (a.start !== null && a.end !== null) out.push({ id: r.id, start: a.start, end: a.end });
  }
  return out.sort((x, y) => x.start - y.start);
}

/**
 * The section's text and the passages this viewer may see commented, for the reader view,
 * which asks on every change of the text: no comment bodies, reactions or responses. The
 * public part is the same for every reader at one text seq, so it is made once per seq
 * and comment list (the comment cache's readerText); a viewer's own unlisted comments are
 * added for them alone, and the team's or recipients' wider lists are read for them each time.
 */
export async function readerText(deps: CommentDeps, view: ConsultationView, section: SectionRow, user: UserProfile | null): Promise<ReaderText> {
  const rows = await rowsFor(deps, view, section.id, user);
  if ("all" in rows) return deps.collab.withDocument(section.id, (doc, seq) => ({ seq, doc: docToJson(doc), highlights: highlightsIn(doc, rows.all) }));
  const { shared: publicRows, own } = rows;
  return deps.collab.withDocument(section.id, (doc, seq) => {
    const compute = () => ({ seq, doc: docToJson(doc), highlights: highlightsIn(doc, publicRows) });
    const shared = deps.cache?.readerText ? deps.cache.readerText(publicRows, seq, compute) : compute();
    if (own.length === 0) return shared;
    return { ...shared, highlights: [...shared.highlights, ...highlightsIn(doc, own)].sort((x, y) => x.start - y.start) };
  });
}

/** A comment's text as safe HTML, the same wherever it is shown (the rail, the report). */
export function commentBodyHtml(deps: Pick<CommentDeps, "markdownMaxNesting" | "logger" | "cache">, id: string, body: string): string {
  const fresh = () =>
    renderCommentMarkdown(body, { maxNesting: deps.markdownMaxNesting, onFailure: (reason, error) => deps.logger?.warn(reason, { commentId: id, error }) });
  return deps.cache?.renderedHtml ? deps.cache.renderedHtml(body, fresh) : fresh();
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
  const [rows, reactions, dispositions] = await Promise.all([
    visibleRows(deps, view, section.id, user),
    listReactions(deps.db.kysely, section.id),
    listSectionDispositions(deps.db.kysely, section.id),
  ]);
  const views = await presentComments(deps, view, section.id, user, rows, reactions, dispositions);
  // Threads in reading order: anchored ones by where their passage is now, then the rest.
  const place = (c: CommentView) => c.anchor?.start ?? (c.anchor ? Number.MAX_SAFE_INTEGER - 1 : Number.MAX_SAFE_INTEGER);
  return views.sort((a, b) => (a.parentId || b.parentId ? 0 : place(a) - place(b)));
}

/**
 * Rows the viewer may see as they see them: text blanked on tombstones, authors as shown
 * to them, anchors resolved against the current text, with reactions and responses.
 * In the order given.
 */
export async function presentComments(
  deps: CommentDeps,
  view: ConsultationView,
  sectionId: string,
  user: UserProfile | null,
  rows: CommentWithAuthor[],
  reactions: readonly { comment_id: string; user_id: string; kind: "endorse" | "oppose" }[],
  dispositions: Map<string, DispositionRow>,
): Promise<CommentView[]> {
  const team = isTeam(view);
  const recipient = readsConfidentialOf(view);
  const verified = await verifiedOrganisationsOf(deps.db.kysely, rows.map((r) => r.author_id));
  const groupIds = [...new Set([...dispositions.values()].flatMap((d) => (d.group_response_id ? [d.group_response_id] : [])))];
  const together = groupIds.length > 0 ? await countPublicGroupAnswers(deps.db.kysely, groupIds) : new Map<string, number>();
  const resolved = await deps.collab.withDocument(sectionId, (doc) => {
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
  const render = (id: string, body: string) => commentBodyHtml(deps, id, body);
  const views = rows.map((r): CommentView => {
    const gone = goneFor(r, user);
    const anchor = resolved.get(r.id);
    return {
      id: r.id,
      parentId: r.parent_id,
      kind: r.kind,
      status: r.status,
      body: gone ? "" : r.body,
      bodyHtml: gone ? "" : render(r.id, r.body),
      replacement: gone ? null : r.replacement,
      author: shownAuthorWithBadge(r, user?.id === r.author_id || fullAuthorFor(r, team, recipient), verified.get(r.author_id)),
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
      disposition: dispositionOf(dispositions.get(r.id), gone && r.status !== "deleted", together),
      withdrawn: r.status === "deleted" && dispositions.has(r.id),
    };
  });
  const open = views.filter((v) => v.kind === "suggestion" && v.suggestionStatus === "open" && v.status === "published" && v.anchor?.start != null);
  for (const a of open) {
    a.overlaps = open.some((b) => b !== a && b.anchor!.start! < a.anchor!.end! && a.anchor!.start! < b.anchor!.end!);
  }
  return views;
}

/** Whether the viewer is shown a tombstone in place of the text. The author still sees their own hidden text, with the reason, so they can ask for a review. */
function goneFor(r: CommentRow, user: UserProfile | null): boolean {
  return r.status === "deleted" || (r.status === "hidden" && user?.id !== r.author_id);
}

/**
 * Whether the viewer sees who wrote it beyond the publication choice: the team for public
 * items, recipients for confidential ones. The public version of a confidential
 * submission names no one but to its recipients, or it would tie the disclosure to a
 * person for the moderators (ADR 019).
 */
function fullAuthorFor(r: CommentRow, team: boolean, recipient: boolean): boolean {
  if (r.visibility === "confidential" || r.redacted_of !== null) return recipient;
  return team;
}

function dispositionOf(d: DispositionRow | undefined, gone: boolean, together: Map<string, number>): CommentView["disposition"] {
  if (!d || gone) return null;
  const g = d.group_response_id;
  return { outcome: d.outcome, label: DISPOSITION_LABEL[d.outcome], response: d.response, at: d.created_at, together: g ? { groupResponseId: g, count: together.get(g) ?? 0 } : null };
}

/**
 * Records, in the access log, the confidential submissions of others whose words a
 * recipient is being shown (only those actually on the page, not every one loaded).
 */
export async function logShownConfidential(deps: CommentDeps, view: ConsultationView, user: UserProfile | null, shown: readonly CommentView[]): Promise<void> {
  if (!user || !readsConfidentialOf(view)) return;
  const read = shown.filter((c) => c.confidential && !c.mine && c.body !== "").map((c) => c.id);
  await logConfidentialReads(deps.db.kysely, user, view.consultation.id, read);
}

/** Split a flat, text-ordered list into threads (first comment with its replies). */
export function threadsOf(comments: CommentView[]): { root: CommentView; replies: CommentView[] }[] {
  const replies = new Map<string, CommentView[]>();
  for (const c of comments) if (c.parentId) replies.set(c.parentId, [...(replies.get(c.parentId) ?? []), c]);
  return comments
    .filter((c) => !c.parentId)
    .map((root) => ({ root, replies: (replies.get(root.id) ?? []).sort((a, b) => a.createdAt.localeCompare(b.createdAt)) }));
}

/** How many confidential submissions a section has: all the public may know of them. */
export async function countConfidentialSubmissions(deps: CommentDeps, section: SectionRow): Promise<number> {
  return countConfidential(deps.db.kysely, section.id);
}
