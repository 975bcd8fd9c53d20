/**
 * Campaigns (issue 18, ADR 030): one text sent by many people, with small edits.
 * Each new first comment gets a MinHash signature of its character shingles; its
 * LSH buckets find earlier comments of the same consultation that may nearly
 * repeat it; the estimated Jaccard similarity decides. Incremental and bounded:
 * one new comment reads at most `bands × bucketCap` bucket rows and compares at
 * most `maxCandidates` signatures, whatever the consultation's size.
 */
import { sql } from "kysely";
import type { Dialect, Executor } from "../../../db/client.js";
import { openCommentText } from "../../../db/queries/sealed-text.js";
import type { CommentRow } from "../../../db/schema.js";
import { newId, nowIso } from "../../ids.js";
import { estimateJaccard, lshBuckets, minhash, shingleHashes, signatureBytes, signatureOf } from "./minhash.js";
import { variationOf } from "./variations.js";
import { processWide } from "../../process-wide.js";

/** What campaign detection computed of a text: kept in `comment_signature`. */
interface CampaignSignature {
  /** MinHash signature, little-endian uint32 per hash function. */
  minhash: Uint8Array;
  /** Distinct shingles in the text (0: too short to compare). */
  shingles: number;
}

/** The engine's knobs; each is an environment variable (CAMPAIGN_*, server/env.ts). */
export interface CampaignSettings {
  /** Estimated Jaccard similarity of shingle sets at or above which two texts are one campaign. */
  threshold: number;
  /** A campaign this large or larger is never merged into another (a merge moves every member row). */
  mergeMax: number;
  /** LSH bands (of MINHASH_SIZE / bands rows each). */
  bands: number;
  /**
   * A text with fewer distinct shingles is part of a campaign only with exact copies of itself (same
   * normalised text): short texts that merely share a stock sentence are not one campaign.
   */
  minShingles: number;
  /** A text with fewer distinct shingles is never part of a campaign ("Agreed."). */
  exactMinShingles: number;
  /** Signatures compared per new comment, the ones sharing most buckets first. */
  maxCandidates: number;
  /** Comments read per bucket; a bucket holding this many takes no more (its texts are already represented). */
  bucketCap: number;
}

/** Defaults measured with bench/grouping.ts (ADR 030). */
export const CAMPAIGN_DEFAULTS: CampaignSettings = { threshold: 0.78, mergeMax: 20_000, bands: 32, minShingles: 150, exactMinShingles: 10, maxCandidates: 40, bucketCap: 8 };

/** The engine's knobs for this process (process-wide: the Remix build's copy of this module creates the page's comments). */
const settings = processWide("grouping.campaignSettings", () => ({ current: CAMPAIGN_DEFAULTS }));
const current = (): CampaignSettings => settings.current;

/** Sets the engine's knobs (at start, from the environment; benches and tests too). */
export function configureCampaigns(next: Partial<CampaignSettings>): void {
  settings.current = { ...CAMPAIGN_DEFAULTS, ...next };
}

interface Candidate {
  comment_id: string;
  similarity: number;
  group_id: string | null;
  created_at: string;
}

/** Places a new comment in the campaign whose texts it nearly repeats, or starts one with the earlier text it repeats. */
export async function assignCampaign(tx: Executor, _dialect: Dialect, comment: CommentRow): Promise<CampaignSignature> {
  const hashes = shingleHashes(comment.body);
  const sig = minhash(hashes);
  const out = { minhash: signatureBytes(sig), shingles: hashes.length };
  if (hashes.length < current().exactMinShingles) return out;
  // A short text: one bucket keyed by its whole signature, and only identical signatures match.
  const short = hashes.length < current().minShingles;
  const buckets = short ? [exactBucket(sig)] : lshBuckets(sig, current().bands);
  const threshold = short ? 1 : current().threshold;
  const hits = await bucketHits(tx, comment.consultation_id, buckets, current().bucketCap);
  const shared = new Map<string, number>();
  const perBucket = new Map<string, number>();
  for (const h of hits) {
    shared.set(h.comment_id, (shared.get(h.comment_id) ?? 0) + 1);
    perBucket.set(h.bucket, (perBucket.get(h.bucket) ?? 0) + 1);
  }
  const ids = [...shared.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, current().maxCandidates)
    .map(([id]) => id);

  const matches = ids.length === 0 ? [] : await candidates(tx, ids, sig);
  const similar = matches.filter((c) => c.similarity >= threshold).sort((a, b) => b.similarity - a.similarity);
  const at = nowIso();
  if (similar.some((c) => c.group_id !== null)) await join(tx, comment, similar, at);
  else if (similar.length > 0) await form(tx, comment, similar, at);

  // A full bucket already holds texts like this one: it takes no more, so a campaign of thousands stays a few rows per bucket.
  const open = buckets.filter((b) => (perBucket.get(b) ?? 0) < current().bucketCap);
  if (open.length > 0) await tx.insertInto("comment_lsh").values(open.map((bucket) => ({ consultation_id: comment.consultation_id, bucket, comment_id: comment.id }))).execute();
  return out;
}

function exactBucket(sig: Uint32Array): string {
  return `x:${lshBuckets(sig, 1)[0]!.slice(2)}`;
}

/** Up to `cap` comments per bucket, every bucket in one statement. */
async function bucketHits(tx: Executor, consultationId: string, buckets: string[], cap: number): Promise<{ bucket: string; comment_id: string }[]> {
  const parts = buckets.map(
    (b, i) => sql`select bucket, comment_id from (select bucket, comment_id from comment_lsh where consultation_id = ${consultationId} and bucket = ${b} limit ${cap}) as ${sql.raw(`b${i}`)}`,
  );
  const r = await sql<{ bucket: string; comment_id: string }>`${sql.join(parts, sql` union all `)}`.execute(tx);
  return r.rows;
}

/** The candidates' stored signatures and campaigns, with their estimated similarity to the new text. */
async function candidates(tx: Executor, ids: string[], sig: Uint32Array): Promise<Candidate[]> {
  const rows = await tx
    .selectFrom("comment_signature as s")
    .innerJoin("comment as c", "c.id", "s.comment_id")
    .leftJoin("comment_group_member as m", (j) => j.onRef("m.comment_id", "=", "s.comment_id").on("m.kind", "=", "campaign"))
    .select(["s.comment_id", "s.minhash", "m.group_id", "c.created_at"])
    .where("s.comment_id", "in", ids)
    .execute();
  return rows.map((r) => ({ comment_id: r.comment_id, group_id: r.group_id ?? null, created_at: r.created_at, similarity: estimateJaccard(sig, signatureOf(toBytes(r.minhash))) }));
}

/** SQLite gives a Buffer, PostgreSQL a Buffer too (bytea); both are Uint8Arrays, but be explicit about the view. */
function toBytes(v: Uint8Array): Uint8Array {
  return v instanceof Uint8Array ? v : new Uint8Array(v as ArrayBufferLike);
}

/**
 * Joins the largest campaign among the similar texts'. A text similar to members of two campaigns
 * shows they are one (a campaign seeded twice before its copies met): the smaller is merged into
 * the larger. Similar texts in no campaign yet join too.
 */
async function join(tx: Executor, comment: CommentRow, similar: Candidate[], at: string): Promise<void> {
  const groupIds = [...new Set(similar.filter((c) => c.group_id !== null).map((c) => c.group_id!))];
  const groups = await tx
    .selectFrom("comment_group as g")
    .leftJoin("comment as c", "c.id", "g.canonical_id")
    .select(["g.id", "g.size", "g.canonical_id", "c.body"])
    .where("g.id", "in", groupIds)
    .execute();
  groups.sort((a, b) => b.size - a.size || (a.id < b.id ? -1 : 1));
  const target = groups[0]!;
  const canonical = target.body !== null ? openCommentText({ id: target.canonical_id!, body: target.body }).body : "";
  let added = 0;
  for (const other of groups.slice(1)) {
    if (other.size >= current().mergeMax) continue;
    const moved = await tx.updateTable("comment_group_member").set({ group_id: target.id }).where("group_id", "=", other.id).where("kind", "=", "campaign").executeTakeFirst();
    added += Number(moved.numUpdatedRows);
    await tx.updateTable("comment_group").set({ size: 0, merged_into: target.id, updated_at: at }).where("id", "=", other.id).execute();
  }
  const loose = similar.filter((c) => c.group_id === null);
  const rows = loose.length === 0 ? [] : (await tx.selectFrom("comment").select(["id", "body", "section_id", "visibility"]).where("id", "in", loose.map((c) => c.comment_id)).execute()).map(openCommentText);
  for (const m of [...rows, comment]) {
    const r = await tx
      .insertInto("comment_group_member")
      .values({ comment_id: m.id, kind: "campaign", group_id: target.id, consultation_id: comment.consultation_id, section_id: m.section_id, similarity: m.id === comment.id ? similar[0]!.similarity : loose.find((c) => c.comment_id === m.id)!.similarity, variation: variationFor(canonical, m), created_at: at })
      .onConflict((oc) => oc.columns(["comment_id", "kind"]).doNothing())
      .executeTakeFirst();
    added += Number(r.numInsertedOrUpdatedRows ?? 0n);
  }
  await tx
    .updateTable("comment_group")
    .set((eb) => ({ size: eb("size", "+", added), updated_at: at }))
    .where("id", "=", target.id)
    .execute();
}

/** A new campaign: the earliest of the matching texts is its canonical text; the others and the new comment its members. */
async function form(tx: Executor, comment: CommentRow, similar: Candidate[], at: string): Promise<void> {
  const members = (await tx.selectFrom("comment").select(["id", "body", "section_id", "visibility", "created_at"]).where("id", "in", similar.map((c) => c.comment_id)).execute()).map(openCommentText);
  // The first text, preferring one the public may read: a confidential canonical text would make every variation relative to it.
  const canonical = [...members].sort((a, b) => Number(a.visibility !== "public") - Number(b.visibility !== "public") || (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1))[0]!;
  const earliest = similar.find((c) => c.comment_id === canonical.id)!;
  const id = newId();
  await tx.insertInto("comment_group").values({ id, consultation_id: comment.consultation_id, kind: "campaign", label: null, gist: null, canonical_id: canonical.id, size: 0, centroid: null, merged_into: null, created_at: at, updated_at: at }).execute();
  let size = 0;
  for (const m of members) {
    // Another transaction may have placed it meanwhile (PostgreSQL): then it stays where it is.
    const r = await tx
      .insertInto("comment_group_member")
      .values({ comment_id: m.id, kind: "campaign", group_id: id, consultation_id: comment.consultation_id, section_id: m.section_id, similarity: m.id === canonical.id ? 1 : similar.find((c) => c.comment_id === m.id)!.similarity, variation: m.id === canonical.id ? null : variationFor(canonical.body, m), created_at: at })
      .onConflict((oc) => oc.columns(["comment_id", "kind"]).doNothing())
      .executeTakeFirst();
    size += Number(r.numInsertedOrUpdatedRows ?? 0n);
  }
  await tx
    .insertInto("comment_group_member")
    .values({ comment_id: comment.id, kind: "campaign", group_id: id, consultation_id: comment.consultation_id, section_id: comment.section_id, similarity: earliest.similarity, variation: variationFor(canonical.body, comment), created_at: at })
    .execute();
  await tx.updateTable("comment_group").set({ size: size + 1 }).where("id", "=", id).execute();
}

/** What a member adds to the canonical text; never kept for a confidential one (its text is sealed at rest, ADR 019). */
function variationFor(canonical: string, member: Pick<CommentRow, "body" | "visibility">): string | null {
  return member.visibility === "public" ? variationOf(canonical, member.body) : null;
}
