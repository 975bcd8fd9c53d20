import { processWide } from "../process-wide.js";
import type { ReplayPoint } from "./attributed.js";

/**
 * Points a section's history replay has passed, kept so the next history or compare page
 * starts from the nearest one instead of replaying every change set from the first (ADR 040).
 * Change sets are only ever appended, so the state after the first n of them never changes;
 * a point also names the n-th change set, and is used only while that row is still there
 * with the same sequence number (a restored or replaced database invalidates it).
 */
export interface CachedPoint extends ReplayPoint {
  sectionId: string;
  /** The last change set replayed, and where it ended in the section's log. */
  lastId: string;
  seqTo: number;
}

export interface ReplayCacheSettings {
  /** A point is kept every this many change sets of a replay. */
  every: number;
  /** The cache's size (the points' updates and author indexes, estimated), least recently used first out. */
  maxBytes: number;
}

const DEFAULTS: ReplayCacheSettings = { every: 200, maxBytes: 64 * 1024 * 1024 };

/** Values by key within a byte budget, least recently used out first (a Map keeps insertion order; a hit re-inserts). */
class ByteLru<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private bytes = 0;

  constructor(private maxBytes: number) {}

  resize(maxBytes: number): void {
    this.maxBytes = maxBytes;
    this.evict();
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, bytes: number): void {
    if (bytes > this.maxBytes || this.entries.has(key)) return;
    this.entries.set(key, { value, bytes });
    this.bytes += bytes;
    this.evict();
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  *items(): IterableIterator<[string, V]> {
    for (const [key, { value }] of this.entries) yield [key, value];
  }

  stats(): { count: number; bytes: number } {
    return { count: this.entries.size, bytes: this.bytes };
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) return;
      this.delete(key);
    }
  }
}

/** Rough bytes of a point: its update plus the author index (a few numbers per range). */
function sizeOf(p: CachedPoint): number {
  const ranges = p.index.byClient.reduce((n, [, list]) => n + list.length, 0);
  return p.update.byteLength + ranges * 48 + p.index.writers.length * 64;
}

const keyOf = (p: { sectionId: string; count: number }) => `${p.sectionId}|${p.count}`;

export class ReplayCache {
  private settings: ReplayCacheSettings = DEFAULTS;
  private readonly points = new ByteLru<CachedPoint>(DEFAULTS.maxBytes);

  configure(next: Partial<ReplayCacheSettings>): void {
    this.settings = { ...this.settings, ...next };
    this.points.resize(this.settings.maxBytes);
  }

  get every(): number {
    return this.settings.every;
  }

  /** The point of `sectionId` furthest along whose change sets all end at or before `maxSeqTo`. */
  nearest(sectionId: string, maxSeqTo: number): CachedPoint | null {
    let best: CachedPoint | null = null;
    for (const [, point] of this.points.items()) {
      if (point.sectionId !== sectionId || point.seqTo > maxSeqTo) continue;
      if (!best || point.count > best.count) best = point;
    }
    // A hit counts as a use.
    if (best) this.points.get(keyOf(best));
    return best;
  }

  has(sectionId: string, count: number): boolean {
    return this.points.has(keyOf({ sectionId, count }));
  }

  add(point: CachedPoint): void {
    this.points.set(keyOf(point), point, sizeOf(point));
  }

  /** Forgets a point that no longer matches the database. */
  drop(point: CachedPoint): void {
    this.points.delete(keyOf(point));
  }

  stats(): { points: number; bytes: number } {
    const { count, bytes } = this.points.stats();
    return { points: count, bytes };
  }
}

/**
 * Word diffs already computed between two states of a section, by section and the two
 * change-set boundaries: like the states, a diff between two boundaries never changes. Many
 * readers follow the same link ("compare version 1 with the current text"); a large diff costs
 * hundreds of milliseconds to compute once. Least recently used out beyond a quarter of
 * HISTORY_CACHE_MB.
 */
export class DiffCache<V> {
  private readonly diffs = new ByteLru<V>(DEFAULTS.maxBytes / 4);

  configure(maxBytes: number): void {
    this.diffs.resize(maxBytes);
  }

  get(key: string): V | undefined {
    return this.diffs.get(key);
  }

  set(key: string, value: V, bytes: number): void {
    this.diffs.set(key, value, bytes);
  }

  stats(): { diffs: number; bytes: number } {
    const { count, bytes } = this.diffs.stats();
    return { diffs: count, bytes };
  }
}

/** The caches of this process (one for the pages and the API alike); `startServer` sizes them from the environment. */
export const replayCache: ReplayCache = processWide("history.replayCache", () => new ReplayCache());
/** history.ts gives the diffs their value type. */
export const diffCache: DiffCache<unknown> = processWide("history.diffCache", () => new DiffCache<unknown>());
