import { countPositionsByPassage, type CommentViewer } from "../../../db/queries/comment.js";
import {
  countByPassageStart,
  countRail,
  campaignAnswers,
  listDispositionsOf,
  listRailReplies,
  listRailRoots,
  listReactionsOf,
  railCampaigns,
  railGroups,
  type RailFilter,
} from "../../../db/queries/rail.js";
import type { UserProfile } from "../../../db/queries/user.js";
import type { DispositionOutcome, SectionRow, Stance, StakeholderGroup } from "../../../db/schema.js";
import { BLOCK_JOIN } from "../../../common/text-blocks.js";
import { STAKEHOLDER_GROUPS, STANCES } from "../../../common/enums.js";
import { isTeam, readsConfidentialOf, type ConsultationView } from "../../auth/access.js";
import { commentBodyHtml, presentComments, threadsOf, type CommentView } from "./list.js";
import type { CommentDeps } from "./deps.js";
import { showsAsPassage } from "./passage.js";

/** First comments on one page of the section's rail, unless the operator set RAIL_PAGE_SIZE. */
export const RAIL_PAGE_SIZE = 50;
/** Campaigns listed at the head of the rail, largest first. */
const RAIL_CAMPAIGNS = 20;
/** Characters of a block's text the heat strip shows to name it. */
const HEAT_EXCERPT_CHARS = 60;

/** One block (paragraph, heading, list item) of the section's plain text: [start, end) in flatten's offsets. */
interface TextBlock {
  index: number;
  start: number;
  end: number;
}

/** The blocks of a section's plain text (server/collab/text-model.ts joins them with BLOCK_JOIN). */
export function blocksOf(text: string): TextBlock[] {
  const out: TextBlock[] = [];
  let start = 0;
  for (;;) {
    const at = text.indexOf(BLOCK_JOIN, start);
    const end = at < 0 ? text.length : at;
    if (end > start) out.push({ index: out.length, start, end });
    if (at < 0) return out;
    start = at + BLOCK_JOIN.length;
  }
}

function viewerOf(view: ConsultationView, user: UserProfile | null): CommentViewer {
  return { userId: user?.id ?? null, team: isTeam(view), confidential: readsConfidentialOf(view) };
}

function railFilterOf(filter: string, range: RailFilter["range"]): RailFilter {
  if (filter === "all" || filter === "suggestions" || filter === "mine") return { kind: filter, range };
  return { kind: "group", group: (STAKEHOLDER_GROUPS as readonly string[]).includes(filter) ? (filter as StakeholderGroup) : undefined, range };
}

export interface RailQuery {
  filter: string;
  /** A block of the text (blocksOf's index): only the comments whose passage starts in it. */
  passage: number | null;
  page: number;
}

export interface RailCampaign {
  id: string;
  /** Members the viewer may see (and that match the filter): held, hidden and others' confidential ones are not counted. */
  members: number;
  /** A public, published member's text, as safe HTML; null when none may be shown. */
  textHtml: string | null;
  /** The group answer most of its public copies hold (ADR 032), and how many hold it; null when none holds one. */
  answer: { groupResponseId: string; outcome: DispositionOutcome; response: string; count: number } | null;
}

/**
 * One page of the section's rail for this viewer: the threads (first comments with
 * their replies) matching the filter, campaign members folded into one entry per
 * campaign, counted and paged in SQL (ADR 033). Rows outside the page are never read.
 */
export async function railPage(deps: CommentDeps, view: ConsultationView, section: SectionRow, user: UserProfile | null, text: string, query: RailQuery) {
  const viewer = viewerOf(view, user);
  const pageSize = deps.railPageSize ?? RAIL_PAGE_SIZE;
  const blocks = blocksOf(text);
  const block = query.passage === null ? null : blocks[query.passage];
  // A passage past the text's end (it was shortened since the link was made) matches nothing.
  const range = query.passage === null ? null : block ? { start: block.start, end: block.end } : { start: -1, end: -1 };
  const filter = railFilterOf(query.filter, range);
  const db = deps.db.kysely;
  const [counts, roots, groups, campaigns] = await Promise.all([
    countRail(db, section.id, viewer, filter),
    listRailRoots(db, section.id, viewer, filter, { limit: pageSize, offset: (query.page - 1) * pageSize }),
    railGroups(db, section.id, viewer),
    query.page === 1 ? railCampaigns(db, section.id, viewer, filter, RAIL_CAMPAIGNS) : Promise.resolve([]),
  ]);
  const replies = await listRailReplies(db, roots.map((r) => r.id), viewer);
  const rows = [...roots, ...replies];
  const ids = rows.map((r) => r.id);
  const [reactions, dispositions] = await Promise.all([listReactionsOf(db, ids), listDispositionsOf(db, ids)]);
  const views = await presentComments(deps, view, section.id, user, rows, reactions, dispositions);
  const answers = await campaignAnswers(db, campaigns.map((c) => c.id));
  // Within the page, where each passage is now (as the rail always ordered them); the SQL order breaks ties.
  const place = (c: CommentView) => c.anchor?.start ?? (c.anchor ? Number.MAX_SAFE_INTEGER - 1 : Number.MAX_SAFE_INTEGER);
  const order = new Map(roots.map((r, i) => [r.id, i]));
  const sortedRoots = views.filter((v) => !v.parentId).sort((a, b) => place(a) - place(b) || order.get(a.id)! - order.get(b.id)!);
  const threads = threadsOf([...sortedRoots, ...views.filter((v) => v.parentId)]);
  return {
    threads,
    total: counts.total,
    matching: counts.matching,
    page: query.page,
    pages: Math.max(1, Math.ceil(counts.matching / pageSize)),
    pageSize,
    groups,
    passage: query.passage === null ? null : { index: query.passage, excerpt: block ? excerpt(text.slice(block.start, block.end)) : "" },
    campaigns: campaigns.map(
      (c): RailCampaign => ({
        id: c.id,
        members: c.members,
        textHtml: c.sample ? commentBodyHtml(deps, c.sample.id, c.sample.body) : null,
        answer: answers.get(c.id) ?? null,
      }),
    ),
  };
}

function excerpt(s: string): string {
  const flat = s.replace(/\s+/g, " ").trim();
  const chars = [...flat];
  return chars.length > HEAT_EXCERPT_CHARS ? `${chars.slice(0, HEAT_EXCERPT_CHARS - 1).join("")}…` : flat;
}

export interface HeatBlock {
  index: number;
  excerpt: string;
  /** First comments the viewer may see whose passage starts in this block (tombstones not counted). */
  comments: number;
  /** Current positions taken on a passage of this block, by stance. */
  positions: Record<Stance, number>;
}

/**
 * The heat strip: per block of the text, how many comments and positions land on it,
 * counting only what this viewer may see. Aggregated in SQL (a count per passage start
 * and per quoted passage), then bucketed here into the blocks; only blocks with something
 * on them are returned, in reading order.
 */
export async function heatOf(deps: CommentDeps, view: ConsultationView, section: SectionRow, user: UserProfile | null, text: string): Promise<HeatBlock[]> {
  const blocks = blocksOf(text);
  const [starts, positions] = await Promise.all([countByPassageStart(deps.db.kysely, section.id, viewerOf(view, user)), countPositionsByPassage(deps.db.kysely, section.id)]);
  const heat = new Map<number, HeatBlock>();
  const at = (offset: number): HeatBlock | null => {
    // The last block starting at or before the offset (a passage on a separator belongs to the block before it).
    let lo = 0;
    let hi = blocks.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (blocks[mid]!.start <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const b = blocks[found];
    if (!b || offset >= b.end) return null;
    let h = heat.get(b.index);
    if (!h) {
      h = { index: b.index, excerpt: excerpt(text.slice(b.start, b.end)), comments: 0, positions: Object.fromEntries(STANCES.map((s) => [s, 0])) as Record<Stance, number> };
      heat.set(b.index, h);
    }
    return h;
  };
  for (const s of starts) {
    const h = at(s.at);
    if (h) h.comments += s.n;
  }
  for (const p of positions) {
    const quote = p.quote_exact.trim();
    if (!showsAsPassage(text, p.quote_exact)) continue;
    const h = at(text.indexOf(quote));
    if (h) h.positions[p.stance] += p.n;
  }
  return [...heat.values()].sort((a, b) => a.index - b.index);
}
