/**
 * Topics (issue 18 point 2, ADR 031): what a comment is about, found on the machine.
 * A comment's words (terms.ts) weighted by TF-IDF against the consultation's document
 * frequencies (`term_df`, kept incrementally, term '' = the document count) are compared
 * by cosine with the centroids of the consultation's largest topics; the comment joins the
 * nearest one if it is close enough, otherwise it starts a topic. Each join updates the
 * topic's centroid (its heaviest terms only), its distinctive terms (the label when the team
 * gave none), its size and its most representative comment. One comment costs a bounded
 * number of rows read, whatever the size of the consultation: nothing is re-clustered.
 */
import type { Dialect, Executor } from "../../../db/client.js";
import type { CommentRow } from "../../../db/schema.js";
import { newId, nowIso } from "../../ids.js";
import { addVectors, cosine, tfidf, termCounts, topTerms, vectorFromJson, vectorToJson, type TermVector } from "./terms.js";

/** What topic grouping computed of a text: kept in `comment_signature.terms`. */
interface TopicSignature {
  /** Term → count, from Intl.Segmenter words. */
  terms: Record<string, number>;
}

/** The engine's knobs (env TOPIC_THRESHOLD, TOPIC_CANDIDATES; ADR 031 gives the measurements). */
export interface TopicSettings {
  /** Cosine to a topic's centroid from which a comment joins it; below, it starts a new topic. */
  threshold: number;
  /** How many topics (the largest) a new comment is compared with. */
  candidates: number;
}

/** Measured on bench/corpus.ts (ADR 031): purity stays high and topics few between 0.15 and 0.25. */
export const TOPIC_THRESHOLD = 0.2;
/** Comparing with the 200 largest topics costs well under a millisecond and finds the topic of nearly every comment. */
export const TOPIC_CANDIDATES = 200;
/** Terms kept in a centroid: enough to compare, small enough to read 200 of them per comment. */
export const CENTROID_TERMS = 48;
/** Distinctive terms shown as a topic's label. */
export const LABEL_TERMS = 5;
/** A topic's heaviest terms kept in the inverted index (`topic_term`), and how many of a new comment's terms look it up. */
const INDEXED_TERMS = 8;
const LOOKUP_TERMS = 8;
/** Topics found through shared words that a new comment is compared with, beyond the largest ones. */
export const INVERTED_CANDIDATES = 100;
/** A comment with fewer distinct terms than this is too short to say what it is about (it joins no topic). */
const MIN_TERMS = 1;

export const DEFAULT_TOPIC_SETTINGS: TopicSettings = { threshold: TOPIC_THRESHOLD, candidates: TOPIC_CANDIDATES };

/** The label terms of a centroid: its heaviest terms. */
export function labelTerms(centroid: TermVector): string[] {
  return [...topTerms(centroid, LABEL_TERMS).keys()];
}

/** Keeps a topic's row in the inverted index in step with its centroid (rewritten only when its heaviest terms change). */
export async function indexTopicTerms(tx: Executor, consultationId: string, groupId: string, before: TermVector | null, after: TermVector): Promise<void> {
  const next = [...topTerms(after, INDEXED_TERMS).keys()];
  if (before) {
    const previous = [...topTerms(before, INDEXED_TERMS).keys()];
    if (previous.length === next.length && previous.every((t) => next.includes(t))) return;
  }
  await tx.deleteFrom("topic_term").where("group_id", "=", groupId).execute();
  if (next.length > 0) await tx.insertInto("topic_term").values(next.map((term) => ({ consultation_id: consultationId, term, group_id: groupId }))).execute();
}

/** Drops a topic from the inverted index (merged away or emptied). */
export async function unindexTopic(tx: Executor, groupId: string): Promise<void> {
  await tx.deleteFrom("topic_term").where("group_id", "=", groupId).execute();
}

/** Document frequencies of `terms` in a consultation, and its document count (term ''). */
export async function documentFrequencies(tx: Executor, consultationId: string, terms: string[]): Promise<{ df: Map<string, number>; documents: number }> {
  const df = new Map<string, number>();
  let documents = 0;
  // Chunked: the IN list stays far below SQLite's bound on variables.
  const wanted = ["", ...terms];
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = await tx.selectFrom("term_df").select(["term", "df"]).where("consultation_id", "=", consultationId).where("term", "in", wanted.slice(i, i + 500)).execute();
    for (const r of rows) {
      if (r.term === "") documents = Number(r.df);
      else df.set(r.term, Number(r.df));
    }
  }
  return { df, documents };
}

/** Counts one more document holding `terms` (sorted, so concurrent writers on PostgreSQL lock rows in one order). */
async function countDocument(tx: Executor, consultationId: string, terms: string[]): Promise<void> {
  const all = ["", ...terms].sort();
  await tx
    .insertInto("term_df")
    .values(all.map((term) => ({ consultation_id: consultationId, term, df: 1 })))
    .onConflict((oc) => oc.columns(["consultation_id", "term"]).doUpdateSet((eb) => ({ df: eb("term_df.df", "+", 1) })))
    .execute();
}

/** The TF-IDF vector of a stored signature, with today's document frequencies. */
export async function vectorsOf(tx: Executor, consultationId: string, signatures: { terms: string }[]): Promise<TermVector[]> {
  const parsed = signatures.map((s) => JSON.parse(s.terms) as Record<string, number>);
  const { df, documents } = await documentFrequencies(tx, consultationId, [...new Set(parsed.flatMap((p) => Object.keys(p)))]);
  return parsed.map((p) => tfidf(p, (t) => df.get(t) ?? 1, Math.max(documents, 1)));
}

/**
 * Places a new comment in the topic it is about (ADR 031). Confidential submissions join the
 * nearest topic without adding their words to its centroid or label (those are shown to the
 * whole drafting team, who may not all read confidential texts), and start none.
 */
export async function assignTopic(tx: Executor, _dialect: Dialect, comment: CommentRow, settings: TopicSettings = DEFAULT_TOPIC_SETTINGS): Promise<TopicSignature> {
  const terms = termCounts(`${comment.body}\n${comment.replacement ?? ""}`);
  const names = Object.keys(terms);
  if (names.length < MIN_TERMS) return { terms };
  const confidential = comment.visibility === "confidential";
  const { df, documents } = await documentFrequencies(tx, comment.consultation_id, names);
  // This comment counts as a document of its own terms (df + 1, N + 1) before it is weighed.
  const vector = tfidf(terms, (t) => (df.get(t) ?? 0) + 1, documents + 1);
  if (!confidential) await countDocument(tx, comment.consultation_id, names);

  // Bounded: the largest topics, and the topics whose heaviest terms include one of the comment's heaviest.
  const topicColumns = ["id", "centroid", "canonical_id"] as const;
  const candidates = await tx
    .selectFrom("comment_group")
    .select(topicColumns)
    .where("consultation_id", "=", comment.consultation_id)
    .where("kind", "=", "topic")
    .where("merged_into", "is", null)
    .where("size", ">", 0)
    .orderBy("size", "desc")
    .limit(settings.candidates)
    .execute();
  const seen = new Set(candidates.map((c) => c.id));
  const sharing = await tx
    .selectFrom("topic_term")
    .select("group_id")
    .distinct()
    .where("consultation_id", "=", comment.consultation_id)
    .where("term", "in", [...topTerms(vector, LOOKUP_TERMS).keys()])
    .limit(INVERTED_CANDIDATES + settings.candidates)
    .execute();
  const extra = sharing.map((r) => r.group_id).filter((id) => !seen.has(id)).slice(0, INVERTED_CANDIDATES);
  if (extra.length > 0) candidates.push(...(await tx.selectFrom("comment_group").select(topicColumns).where("id", "in", extra).where("merged_into", "is", null).where("size", ">", 0).execute()));
  let best: { id: string; centroid: TermVector; canonical: string | null } | null = null;
  let bestSim = 0;
  for (const c of candidates) {
    const centroid = vectorFromJson(c.centroid);
    const sim = cosine(vector, centroid);
    if (sim > bestSim) {
      bestSim = sim;
      best = { id: c.id, centroid, canonical: c.canonical_id };
    }
  }
  const now = nowIso();
  const member = { comment_id: comment.id, kind: "topic" as const, consultation_id: comment.consultation_id, section_id: comment.section_id, pinned: 0, created_at: now };

  if (best && bestSim >= settings.threshold) {
    const set: { updated_at: string; centroid?: string; terms?: string; canonical_id?: string } = { updated_at: now };
    if (!confidential) {
      const centroid = addVectors(best.centroid, vector, CENTROID_TERMS);
      set.centroid = vectorToJson(centroid);
      set.terms = JSON.stringify(labelTerms(centroid));
      await indexTopicTerms(tx, comment.consultation_id, best.id, best.centroid, centroid);
      // The most representative comment: the one closest to the topic when it joined.
      const canonical = best.canonical
        ? await tx.selectFrom("comment_group_member").select("similarity").where("comment_id", "=", best.canonical).where("kind", "=", "topic").executeTakeFirst()
        : undefined;
      if (!canonical || bestSim > Number(canonical.similarity)) set.canonical_id = comment.id;
    }
    // The size is counted in SQL: a confidential submission takes no lock on term_df, so two may join at once (PostgreSQL).
    // Other joins are serialised by the term_df row '' that countDocument locked before the candidates were read.
    await tx.updateTable("comment_group").set((eb) => ({ ...set, size: eb("size", "+", 1) })).where("id", "=", best.id).execute();
    await tx.insertInto("comment_group_member").values({ ...member, group_id: best.id, similarity: bestSim }).execute();
    return { terms };
  }
  if (confidential) return { terms };

  const id = newId();
  const centroid = topTerms(vector, CENTROID_TERMS);
  await tx
    .insertInto("comment_group")
    .values({
      id,
      consultation_id: comment.consultation_id,
      kind: "topic",
      label: null,
      terms: JSON.stringify(labelTerms(centroid)),
      gist: null,
      canonical_id: comment.id,
      size: 1,
      centroid: vectorToJson(centroid),
      merged_into: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await indexTopicTerms(tx, comment.consultation_id, id, null, centroid);
  // The founder's closeness is taken as the bar to join: a later comment nearer the centre stands for the topic instead.
  await tx.insertInto("comment_group_member").values({ ...member, group_id: id, similarity: settings.threshold }).execute();
  return { terms };
}
