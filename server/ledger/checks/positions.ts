import { saltedDigest } from "../chain.js";
import type { ServedPositionCount, StoredPosition } from "../served.js";
import type { WireEntry } from "../wire.js";
import { RecordMismatch, entryName, type CheckContext } from "./context.js";

/**
 * Position counts. Every position taken or changed is a `position` entry whose
 * `supersedes` names the one it replaces, so the current positions are the
 * entries nobody supersedes. Their counts by group and stance must be what each
 * section's page and `/api/v1/sections/:id/positions` show. From the database,
 * each current row must also be the one its entry recorded (stance, group and
 * author). Positions taken before positions were recorded are noted, not failed.
 */
export async function checkPositions(ctx: CheckContext): Promise<void> {
  const served = ctx.source.served;
  if (!served.positionCounts) {
    ctx.note("positions: this source does not serve position counts; they were not compared with the ledger");
    return;
  }
  const current = currentEntries(ctx.byKind("position"));
  const stored = served.currentPositions ? await served.currentPositions() : null;
  const unrecorded = stored ? stored.filter((p) => p.salt === null) : [];

  for (const sectionId of sectionsToCompare(ctx, current, stored)) {
    const fromLedger = tally((current.get(sectionId) ?? []).map((e) => ({ group: String(e.payload.group), stance: String(e.payload.stance) })));
    const shown = await served.positionCounts(sectionId);
    const before = unrecorded.filter((p) => p.sectionId === sectionId);
    if (stored === null && !current.has(sectionId)) {
      // Over HTTP a section without position entries cannot tell old positions from forged ones.
      const n = shown.reduce((sum, c) => sum + c.n, 0);
      if (n > 0) ctx.note(`positions: section ${sectionId} shows ${n} position(s) and the ledger records none; they predate the record (or were added outside it) and were not compared`);
      continue;
    }
    const differences = compareCounts(shownMinus(shown, before), fromLedger);
    if (differences.length > 0) {
      throw new RecordMismatch(`section ${sectionId}: the position counts served differ from the ledger's current positions (${differences.join("; ")})`);
    }
  }
  if (unrecorded.length > 0) {
    ctx.note(`positions: ${unrecorded.length} current position(s) predate the record (no ledger entry) and were left out of the comparison`);
  }
  if (stored) checkRows(stored, current);
}

type Key = string;
const key = (group: string, stance: string): Key => `${group}/${stance}`;

/** The entries no later entry supersedes, by section. */
function currentEntries(entries: WireEntry[]): Map<string, WireEntry[]> {
  const superseded = new Set(entries.map((e) => e.payload.supersedes).filter((id): id is string => typeof id === "string"));
  const bySection = new Map<string, WireEntry[]>();
  for (const e of entries) {
    if (superseded.has(String(e.payload.positionId))) continue;
    if (!e.sectionId) throw new RecordMismatch(`${entryName(e)}: names no section`);
    const list = bySection.get(e.sectionId) ?? [];
    list.push(e);
    bySection.set(e.sectionId, list);
  }
  return bySection;
}

/** Every section that has positions in the ledger or the database, or that the ledger knows from its history or opening. */
function sectionsToCompare(ctx: CheckContext, current: Map<string, WireEntry[]>, stored: StoredPosition[] | null): string[] {
  const ids = new Set(current.keys());
  for (const p of stored ?? []) ids.add(p.sectionId);
  for (const e of ctx.byKind("position")) if (e.sectionId) ids.add(e.sectionId);
  for (const e of ctx.byKind("change_set")) if (e.sectionId) ids.add(e.sectionId);
  for (const e of ctx.byKind("phase_change")) for (const s of (e.payload.sections as { sectionId: string }[] | undefined) ?? []) ids.add(s.sectionId);
  return [...ids].sort();
}

function tally(items: { group: string; stance: string }[]): Map<Key, number> {
  const counts = new Map<Key, number>();
  for (const i of items) counts.set(key(i.group, i.stance), (counts.get(key(i.group, i.stance)) ?? 0) + 1);
  return counts;
}

/** The served counts without the positions that have no entry (counted the same way). */
function shownMinus(shown: ServedPositionCount[], unrecorded: StoredPosition[]): Map<Key, number> {
  const counts = new Map<Key, number>(shown.map((c) => [key(c.group, c.stance), c.n]));
  for (const [k, n] of tally(unrecorded)) counts.set(k, (counts.get(k) ?? 0) - n);
  return counts;
}

function compareCounts(shown: Map<Key, number>, ledger: Map<Key, number>): string[] {
  const keys = [...new Set([...shown.keys(), ...ledger.keys()])].sort();
  return keys.filter((k) => (shown.get(k) ?? 0) !== (ledger.get(k) ?? 0)).map((k) => `${k}: ${shown.get(k) ?? 0} served, ${ledger.get(k) ?? 0} in the ledger`);
}

/** From the database: each current row is its entry's position, by the same person. */
function checkRows(stored: StoredPosition[], current: Map<string, WireEntry[]>): void {
  const entries = new Map<string, WireEntry>();
  for (const list of current.values()) for (const e of list) entries.set(String(e.payload.positionId), e);
  for (const p of stored) {
    if (p.salt === null) continue;
    const e = entries.get(p.id);
    if (!e) throw new RecordMismatch(`position ${p.id} on section ${p.sectionId}: current in the database, but the ledger says it was superseded`);
    if (e.sectionId !== p.sectionId) throw new RecordMismatch(`position ${p.id}: stored on section ${p.sectionId}, but ${entryName(e)} records section ${e.sectionId}`);
    if (e.payload.stance !== p.stance) throw new RecordMismatch(`position ${p.id} on section ${p.sectionId}: stored as "${p.stance}", but ${entryName(e)} records "${String(e.payload.stance)}"`);
    if (e.payload.group !== p.group) throw new RecordMismatch(`position ${p.id} on section ${p.sectionId}: stored for group ${p.group}, but ${entryName(e)} records ${String(e.payload.group)}`);
    if (e.payload.authorDigest !== saltedDigest(p.salt, p.userId)) throw new RecordMismatch(`position ${p.id} on section ${p.sectionId}: attributed to another person than ${entryName(e)} records`);
    if (typeof e.payload.rationaleDigest === "string" && e.payload.rationaleDigest !== saltedDigest(p.salt, p.rationale)) {
      throw new RecordMismatch(`position ${p.id} on section ${p.sectionId}: its stated reason is not the one ${entryName(e)} records (the salted digests differ)`);
    }
  }
}
