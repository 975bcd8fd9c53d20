import type { Db } from "../../../db/client.js";
import { searchPublic, type SearchHit, type SearchQuery } from "../../../db/queries/search.js";
import type { ConsultationStatus, SearchKind } from "../../../db/schema.js";
import type { SearchInput } from "../schemas.js";
import { markWords, snippetOf, type SnippetPart } from "./snippet.js";
import { isShortWord, searchWords } from "./terms.js";

export { snippetHtml, type SnippetPart } from "./snippet.js";

/** Results per page, on the page and in the API. */
export const SEARCH_PAGE_SIZE = 20;
/** Counting stops here ("1,000 or more"): a broad query costs no more than this many rows. */
export const SEARCH_COUNT_CAP = 1000;

export interface SearchItem {
  kind: SearchKind;
  /** Where the item is read: a page path. */
  href: string;
  /** The consultation's, section's or request's title, marked; empty for comments and responses. */
  title: SnippetPart[];
  snippet: SnippetPart[];
  at: string;
  /** The content language (for `lang`). */
  lang: string;
  /** The time zone its consultation or request shows dates in. */
  timeZone: string;
  consultation: { slug: string; title: string; status: ConsultationStatus } | null;
  /** A reply (rather than a thread's first comment). */
  reply: boolean;
}

export interface SearchResults {
  /** The words searched for, as matched (literal substrings, all required). */
  words: string[];
  /** Words past SEARCH_WORDS_MAX that were left out. */
  dropped: number;
  /** Words of one or two characters, matched by a scan rather than the index. */
  short: string[];
  total: number;
  /** total is SEARCH_COUNT_CAP and there may be more. */
  capped: boolean;
  page: number;
  pageSize: number;
  hasNext: boolean;
  items: SearchItem[];
}

function hrefOf(h: SearchHit): string {
  if (h.kind === "request") return `/requests/${encodeURIComponent(h.request_slug ?? h.ref_id)}`;
  const c = `/c/${encodeURIComponent(h.consultation_slug ?? "")}`;
  if (h.kind === "consultation") return c;
  const s = `${c}/s/${encodeURIComponent(h.section_id ?? "")}`;
  if (h.kind === "section") return s;
  const thread = h.parent_id ?? h.comment_id;
  return thread ? `${s}#thread-${thread}` : s;
}

function itemOf(h: SearchHit, words: string[]): SearchItem {
  const title = h.kind === "comment" || h.kind === "response" ? "" : h.title;
  return {
    kind: h.kind,
    href: hrefOf(h),
    title: markWords(title, words),
    snippet: snippetOf(h.body, words),
    at: h.at,
    lang: h.content_language ?? "en",
    timeZone: h.time_zone ?? "UTC",
    consultation: h.consultation_slug && h.consultation_title && h.consultation_status ? { slug: h.consultation_slug, title: h.consultation_title, status: h.consultation_status } : null,
    reply: h.parent_id !== null,
  };
}

/** The day after a YYYY-MM-DD date, at midnight UTC: the end of a date range is inclusive of its day. */
function dayAfter(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

/**
 * Searches what the anonymous public may read, whoever asks: signed-in people see no
 * more here than anyone else (their own pending or confidential items, the team's
 * drafts are on their own pages). An empty query finds nothing.
 */
export async function searchSite(db: Db, input: SearchInput): Promise<SearchResults> {
  const { words, dropped } = searchWords(input.q);
  const empty: SearchResults = { words, dropped, short: words.filter(isShortWord), total: 0, capped: false, page: input.page, pageSize: SEARCH_PAGE_SIZE, hasNext: false, items: [] };
  if (words.length === 0) return empty;
  const q: SearchQuery = {
    words,
    kind: input.type,
    status: input.status,
    group: input.group,
    organisationKind: input.kind,
    from: input.from ? `${input.from}T00:00:00.000Z` : undefined,
    to: input.to ? dayAfter(input.to) : undefined,
  };
  const offset = (input.page - 1) * SEARCH_PAGE_SIZE;
  const { hits: rows, total } = await searchPublic(db.kysely, db.dialect, q, { limit: SEARCH_PAGE_SIZE + 1, offset }, SEARCH_COUNT_CAP);
  return {
    ...empty,
    total,
    capped: total >= SEARCH_COUNT_CAP,
    hasNext: rows.length > SEARCH_PAGE_SIZE,
    items: rows.slice(0, SEARCH_PAGE_SIZE).map((h) => itemOf(h, words)),
  };
}
