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
import type { CommentRow } from "../../../db/schema.js";
import { newId, nowIso } from "../../ids.js";
import { estimateJaccard, lshBuckets, minhash, shingleHashes, signatureBytes, signatureOf } from "./minhash.js";
import { variationOf } from "./variations.js";

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
  /** LSH bands (of MINHASH_SIZE / bands rows each). */
  bands: number;
  /** A text with fewer distinct shingles is never part of a campaign (too short to tell a campaign from a coincidence). */
  minShingles: number;
  /** Signatures compared per new comment, the ones sharing most buckets first. */
  maxCandidates: number;
  /** Comments read per bucket; a bucket holding this many takes no more (its texts are already represented). */
  bucketCap: number;
}

/** Defaults measured with bench/grouping.ts (ADR 030). */
export const CAMPAIGN_DEFAULTS: CampaignSettings = { threshold: 0.6, bands: 32, minShingles: 20, maxCandidates: 40, bucketCap: 8 };

let settings: CampaignSettings = CAMPAIGN_DEFAULTS;

/** Sets the engine's knobs (at start, from the environment; benches and tests too). */
export function configureCampaigns(next: Partial<CampaignSettings>): void {
  settings = { ...CAMPAIGN_DEFAULTS, ...next };
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
  if (hashes.length < settings.minShingles) return out;

  const buckets = lshBuckets(sig, settings.bands);
  const hits = await bucketHits(tx, comment.consultation_id, buckets, settings.bucketCap);
  const shared = new Map<string, number>();
  const perBucket = new Map<string, number>();
  for (const h of hits) {
    shared.set(h.comment_id, (shared.get(h.comment_id) ?? 0) + 1);
    perBucket.set(h.bucket, (perBucket.get(h.bucket) ?? 0) + 1);
  }
  const ids = [...shared.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, settings.maxCandidates)
    .map(([id]) => id);

  const matches = ids.length === 0 ? [] : await candidates(tx, ids, sig);
  const similar = matches.filter((c) => c.similarity >= settings.threshold).sort((a, b) => b.similarity - a.similarity);
  const at = nowIso();
  const inCampaign = similar.find((c) => c.group_id !== null);
  if (inCampaign) await join(tx, comment, inCampaign.group_id!, inCampaign.similarity, at);
  else if (similar.length > 0) await form(tx, comment, similar, at);

  // A full bucket already holds texts like this one: it takes no more, so a campaign of thousands stays a few rows per bucket.
  const open = buckets.filter((b) => (perBucket.get(b) ?? 0) < settings.bucketCap);
  if (open.length > 0) await tx.insertInto("comment_lsh").values(open.map((bucket) => ({ consultation_id: comment.consultation_id, bucket, comment_id: comment.id }))).execute();
  return out;
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

async function join(tx: Executor, comment: CommentRow, groupId: string, similarity: number, at: string): Promise<void> {
  const group = await tx
    .selectFrom("comment_group as g")
    .leftJoin("comment as c", "c.id", "g.canonical_id")
    .select(["c.body"])
    .where("g.id", "=", groupId)
    .executeTakeFirst();
  const variation = group?.body ? variationOf(group.body, comment.body) : null;
  await tx
    .insertInto("comment_group_member")
    .values({ comment_id: comment.id, kind: "campaign", group_id: groupId, consultation_id: comment.consultation_id, section_id: comment.section_id, similarity, variation, created_at: at })
    .execute();
  await tx
    .updateTable("comment_group")
    .set((eb) => ({ size: eb("size", "+", 1), updated_at: at }))
    .where("id", "=", groupId)
    .execute();
}

/** A new campaign: the earliest of the matching texts is its canonical text; the others and the new comment its members. */
async function form(tx: Executor, comment: CommentRow, similar: Candidate[], at: string): Promise<void> {
  const earliest = [...similar].sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.comment_id < b.comment_id ? -1 : 1))[0]!;
  const members = await tx.selectFrom("comment").select(["id", "body", "section_id"]).where("id", "in", similar.map((c) => c.comment_id)).execute();
  const canonical = members.find((m) => m.id === earliest.comment_id)!;
  const id = newId();
  await tx.insertInto("comment_group").values({ id, consultation_id: comment.consultation_id, kind: "campaign", label: null, gist: null, canonical_id: canonical.id, size: 0, centroid: null, merged_into: null, created_at: at, updated_at: at }).execute();
  let size = 0;
  for (const m of members) {
    // Another transaction may have placed it meanwhile (PostgreSQL): then it stays where it is.
    const r = await tx
      .insertInto("comment_group_member")
      .values({ comment_id: m.id, kind: "campaign", group_id: id, consultation_id: comment.consultation_id, section_id: m.section_id, similarity: m.id === canonical.id ? 1 : similar.find((c) => c.comment_id === m.id)!.similarity, variation: m.id === canonical.id ? null : variationOf(canonical.body, m.body), created_at: at })
      .onConflict((oc) => oc.columns(["comment_id", "kind"]).doNothing())
      .executeTakeFirst();
    size += Number(r.numInsertedOrUpdatedRows ?? 0n);
  }
  await tx
    .insertInto("comment_group_member")
    .values({ comment_id: comment.id, kind: "campaign", group_id: id, consultation_id: comment.consultation_id, section_id: comment.section_id, similarity: earliest.similarity, variation: variationOf(canonical.body, comment.body), created_at: at })
    .execute();
  await tx.updateTable("comment_group").set({ size: size + 1 }).where("id", "=", id).execute();
}
