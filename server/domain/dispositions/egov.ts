import type { Db, Executor } from "../../../db/client.js";
import { listSectionSummaries } from "../../../db/queries/section.js";
import { listVersions } from "../../../db/queries/history.js";
import {
  changeSetSections,
  commentTexts,
  countConfidentialSubmissions,
  countGroupMembers,
  countPublished,
  findGroupResponses,
  firstPublicMember,
  listIndividualAnswers,
  type ResultsWindow,
} from "../../../db/queries/results.js";
import type { ConsultationRow, DispositionOutcome, GroupKind, VersionRow } from "../../../db/schema.js";
import { ellipsize } from "../../../common/graphemes.js";
import type { ConsultationView } from "../../auth/access.js";
import { notFound } from "../../errors.js";

/**
 * The results of a comment round as Japan's e-Gov publishes them (issue 18,
 * ADR 034): a numbered table of response units — one row per considered answer
 * to a group, one per comment answered on its own (consecutive ones with the
 * same answer merged), one "awaiting response" row per section — each with the
 * gist of the opinions (提出意見の概要), how many comments it stands for, the
 * considered answer (意見に対する考え方), its outcome and whether the text
 * changed. Public data only, whoever reads it: the version window's public
 * first comments, as in the flat report (confidential submissions counted, never
 * listed).
 *
 * Built in two steps so 50,000 comments stay cheap: the skeleton (every row's
 * place, count and answer) comes from SQL-side grouping without a comment text;
 * then only the rows printed get their texts.
 */
export const RESULTS_FORMAT = "margin-egov-results/1";
/** A group without the team's gist or label stands for itself by its canonical comment, shortened to this many characters. */
export const RESULTS_GIST_MAX = 200;
/** A comment answered on its own is printed up to this many characters. */
export const RESULTS_TEXT_MAX = 2000;
/** A row merging comments with the same answer prints this many of their texts. */
export const RESULTS_MERGED_TEXTS = 5;

export type ResultsRowKind = "group" | "individual" | "awaiting";

export interface ResultsRow {
  /** The row's number in the whole table (1-based). */
  no: number;
  kind: ResultsRowKind;
  /** The section of the row's first comment (a group may span several: `otherSections`). */
  sectionId: string;
  sectionTitle: string;
  otherSections: string[];
  /** The gist of the opinions: the group's words, or the comments' own texts; empty for "awaiting". */
  opinions: string[];
  /** The comment was withdrawn by its author after its response: its words are gone. */
  withdrawn: boolean;
  /** Campaign or topic, for group rows. */
  groupKind: GroupKind | null;
  /** How many comments the row stands for. */
  count: number;
  outcome: DispositionOutcome | null;
  response: string | null;
  /** The change sets that answered it, with their sections (the link goes to the section's history). */
  changes: { id: string; sectionId: string }[];
  answeredInVersion: number | null;
  /** The text changed for it: a change set or a version answered it. */
  textChanged: boolean;
  /** When its first comment was made (null for "awaiting": those are counted, not read; that row ends its section). */
  firstAt: string | null;
  /** The comments a row answered one by one stands for (their entries in the flat report); empty for other rows. */
  commentIds: string[];
}

export interface ResultsDocument {
  format: typeof RESULTS_FORMAT;
  consultation: { slug: string; title: string; language: string };
  version: { number: number; name: string; publishedAt: string };
  until: { number: number; publishedAt: string } | null;
  totals: {
    /** Public comments counted in the table. */
    comments: number;
    answered: number;
    awaiting: number;
    /** Rows of the whole table. */
    rows: number;
  };
  /** Confidential submissions are counted, never listed. */
  confidentialSubmissions: number;
  /** Where `rows` start in the whole table (0 for the downloads, which carry every row). */
  offset: number;
  rows: ResultsRow[];
}

interface Skeleton {
  kind: ResultsRowKind;
  sectionId: string;
  otherSectionIds: string[];
  count: number;
  firstAt: string | null;
  outcome: DispositionOutcome | null;
  response: string | null;
  changeSetIds: string[];
  versionId: string | null;
  groupResponseId: string | null;
  commentIds: string[];
  withdrawn: boolean;
  /** Individual rows merge when this matches (outcome, answer, change sets, version). */
  answerKey: string | null;
}

const KIND_ORDER: Record<ResultsRowKind, number> = { group: 0, individual: 1, awaiting: 2 };

function parseIds(json: string | null | undefined): string[] {
  if (!json) return [];
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

/**
 * The results table of version `number` among `versions` (the public ones for the public). `page` cuts the rows
 * (numbered in the whole table); without it every row is built (the downloads). Undefined when no such version.
 */
export async function buildResults(
  db: Executor,
  consultation: Pick<ConsultationRow, "id" | "slug" | "title" | "content_language">,
  versions: VersionRow[],
  number: number,
  opts: { page?: { offset: number; limit: number }; publicOnly: boolean },
): Promise<ResultsDocument | undefined> {
  const version = versions.find((v) => v.number === number);
  if (!version) return undefined;
  const ascending = [...versions].sort((a, b) => a.number - b.number);
  const next = ascending.find((v) => v.number > number) ?? null;
  const window: ResultsWindow = {
    consultationId: consultation.id,
    from: version.number === ascending[0]!.number ? null : version.created_at,
    until: next?.created_at ?? null,
  };
  const [groupCounts, individual, published, confidential, sections] = await Promise.all([
    countGroupMembers(db, window),
    listIndividualAnswers(db, window),
    countPublished(db, window),
    countConfidentialSubmissions(db, window),
    listSectionSummaries(db, consultation.id),
  ]);
  const groupIds = [...new Set(groupCounts.map((g) => g.group_response_id))];
  const responses = new Map((await findGroupResponses(db, consultation.id, groupIds)).map((r) => [r.id, r]));

  const skeleton: Skeleton[] = [];
  // A group's row sits in the section of its first comment; the others are named beside it.
  const byGroup = new Map<string, typeof groupCounts>();
  for (const g of groupCounts) byGroup.set(g.group_response_id, [...(byGroup.get(g.group_response_id) ?? []), g]);
  // What is not answered is counted, not read: each section's published comments less those answered.
  const awaiting = new Map(published.map((p) => [p.section_id, p.n]));
  const answered = (sectionId: string, n: number) => awaiting.set(sectionId, (awaiting.get(sectionId) ?? 0) - n);
  for (const [id, parts] of byGroup) {
    const r = responses.get(id);
    if (!r) continue;
    for (const p of parts) if (p.published) answered(p.section_id, p.n);
    parts.sort((a, b) => (a.first_at < b.first_at ? -1 : a.first_at > b.first_at ? 1 : 0));
    skeleton.push({
      kind: "group",
      sectionId: parts[0]!.section_id,
      otherSectionIds: [...new Set(parts.map((p) => p.section_id))].filter((s) => s !== parts[0]!.section_id),
      count: parts.reduce((n, p) => n + p.n, 0),
      firstAt: parts[0]!.first_at,
      outcome: r.outcome,
      response: r.response,
      changeSetIds: parseIds(r.change_set_ids),
      versionId: r.version_id,
      groupResponseId: id,
      commentIds: [],
      withdrawn: false,
      answerKey: null,
    });
  }
  for (const a of individual) {
    if (!a.withdrawn) answered(a.section_id, 1);
    skeleton.push({
      kind: "individual",
      sectionId: a.section_id,
      otherSectionIds: [],
      count: 1,
      firstAt: a.created_at,
      outcome: a.outcome,
      response: a.response,
      changeSetIds: parseIds(a.change_set_ids),
      versionId: a.version_id,
      groupResponseId: null,
      commentIds: [a.comment_id],
      withdrawn: a.withdrawn,
      answerKey: a.withdrawn ? null : JSON.stringify([a.outcome, a.response, a.change_set_ids, a.version_id]),
    });
  }
  for (const [sectionId, n] of awaiting) {
    if (n <= 0) continue;
    skeleton.push({ kind: "awaiting", sectionId, otherSectionIds: [], count: n, firstAt: null, outcome: null, response: null, changeSetIds: [], versionId: null, groupResponseId: null, commentIds: [], withdrawn: false, answerKey: null });
  }

  const position = new Map(sections.map((s, i) => [s.id, i]));
  const place = (id: string) => position.get(id) ?? sections.length;
  skeleton.sort(
    (a, b) =>
      place(a.sectionId) - place(b.sectionId) ||
      (a.sectionId < b.sectionId ? -1 : a.sectionId > b.sectionId ? 1 : 0) ||
      Number(a.kind === "awaiting") - Number(b.kind === "awaiting") ||
      ((a.firstAt ?? "") < (b.firstAt ?? "") ? -1 : (a.firstAt ?? "") > (b.firstAt ?? "") ? 1 : 0) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind],
  );
  // Consecutive comments of a section answered alike make one row.
  const merged: Skeleton[] = [];
  for (const s of skeleton) {
    const prev = merged[merged.length - 1];
    if (prev && s.kind === "individual" && prev.kind === "individual" && s.answerKey !== null && prev.answerKey === s.answerKey && prev.sectionId === s.sectionId) {
      prev.count += 1;
      prev.commentIds.push(...s.commentIds);
      continue;
    }
    merged.push(s.kind === "individual" ? { ...s, commentIds: [...s.commentIds] } : s);
  }

  const offset = opts.page ? Math.min(opts.page.offset, merged.length) : 0;
  const shown = opts.page ? merged.slice(offset, offset + opts.page.limit) : merged;
  const rows = await fillRows(db, window, consultation.id, shown, offset, {
    responses,
    titles: new Map(sections.map((s) => [s.id, s.title])),
    versionNumbers: new Map(versions.map((v) => [v.id, v.number])),
    publicOnly: opts.publicOnly,
  });

  const comments = merged.reduce((n, s) => n + s.count, 0);
  const awaitingCount = merged.reduce((n, s) => n + (s.kind === "awaiting" ? s.count : 0), 0);
  return {
    format: RESULTS_FORMAT,
    consultation: { slug: consultation.slug, title: consultation.title, language: consultation.content_language },
    version: { number: version.number, name: version.name, publishedAt: version.created_at },
    until: next && { number: next.number, publishedAt: next.created_at },
    totals: { comments, answered: comments - awaitingCount, awaiting: awaitingCount, rows: merged.length },
    confidentialSubmissions: confidential,
    offset,
    rows,
  };
}

/** The printed rows' words: the groups' gists and the comments' texts, read for these rows only. */
async function fillRows(
  db: Executor,
  window: ResultsWindow,
  consultationId: string,
  shown: Skeleton[],
  offset: number,
  ctx: {
    responses: Map<string, Awaited<ReturnType<typeof findGroupResponses>>[number]>;
    titles: Map<string, string>;
    versionNumbers: Map<string, number>;
    publicOnly: boolean;
  },
): Promise<ResultsRow[]> {
  const wanted = new Set<string>();
  for (const s of shown) {
    if (s.kind === "individual") for (const id of s.commentIds.slice(0, RESULTS_MERGED_TEXTS)) wanted.add(id);
    if (s.kind === "group") {
      const g = ctx.responses.get(s.groupResponseId!)!;
      if (!g.gist && !g.label && g.canonical_id) wanted.add(g.canonical_id);
    }
  }
  const texts = await commentTexts(db, consultationId, [...wanted]);
  const changeSections = await changeSetSections(db, consultationId, [...new Set(shown.flatMap((s) => s.changeSetIds))], ctx.publicOnly);
  const title = (id: string) => ctx.titles.get(id) ?? "Removed section";
  const rows: ResultsRow[] = [];
  for (const [i, s] of shown.entries()) {
    let opinions: string[] = [];
    let groupKind: GroupKind | null = null;
    if (s.kind === "group") {
      const g = ctx.responses.get(s.groupResponseId!)!;
      groupKind = g.kind;
      const own = g.gist?.trim() || g.label?.trim();
      // A canonical comment that is confidential, hidden or withdrawn is never read out: the first public member stands in.
      const text = own || (g.canonical_id && texts.get(g.canonical_id)) || (await firstPublicMember(db, window, s.groupResponseId!));
      opinions = text ? [own ? text : ellipsize(text.trim(), RESULTS_GIST_MAX)] : [];
    } else if (s.kind === "individual" && !s.withdrawn) {
      opinions = s.commentIds
        .slice(0, RESULTS_MERGED_TEXTS)
        .map((id) => texts.get(id))
        .filter((t): t is string => t !== undefined)
        .map((t) => ellipsize(t.trim(), RESULTS_TEXT_MAX));
    }
    const changes = s.changeSetIds.filter((id) => changeSections.has(id)).map((id) => ({ id, sectionId: changeSections.get(id)! }));
    const answeredInVersion = s.versionId ? (ctx.versionNumbers.get(s.versionId) ?? null) : null;
    rows.push({
      no: offset + i + 1,
      kind: s.kind,
      sectionId: s.sectionId,
      sectionTitle: title(s.sectionId),
      otherSections: s.otherSectionIds.map(title),
      opinions,
      withdrawn: s.withdrawn,
      groupKind,
      count: s.count,
      outcome: s.outcome,
      response: s.response,
      changes,
      answeredInVersion,
      textChanged: changes.length > 0 || answeredInVersion !== null,
      firstAt: s.firstAt,
      commentIds: s.commentIds,
    });
  }
  return rows;
}

/** The live results of a version (the team also sees its drafting versions'), one page of rows or all of them. */
export async function egovResults(db: Db, view: ConsultationView, number: number, page?: { offset: number; limit: number }): Promise<ResultsDocument> {
  const team = view.may("history.viewDrafting");
  const versions = await listVersions(db.kysely, view.consultation.id, !team);
  const doc = await buildResults(db.kysely, view.consultation, versions, number, { page, publicOnly: !team });
  if (!doc) throw notFound(`Version ${number}`);
  return doc;
}
