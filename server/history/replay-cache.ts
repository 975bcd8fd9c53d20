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

/** Rough bytes of a point: its update plus the author index (a few numbers per range). */
function sizeOf(p: CachedPoint): number {
  const ranges = p.index.byClient.reduce((n, [, list]) => n + list.length, 0);
  return p.update.byteLength + ranges * 48 + p.index.writers.length * 64;
}

export class ReplayCache {
  private settings: ReplayCacheSettings = DEFAULTS;
  /** Least recently used first: a Map keeps insertion order, and a hit re-inserts. */
  private readonly points = new Map<string, { point: CachedPoint; bytes: number }>();
  private bytes = 0;

  configure(next: Partial<ReplayCacheSettings>): void {
    this.settings = { ...this.settings, ...next };
    this.evict();
  }

  get every(): number {
    return this.settings.every;
  }

  /** The point of `sectionId` furthest along whose change sets all end at or before `maxSeqTo`. */
  nearest(sectionId: string, maxSeqTo: number): CachedPoint | null {
    let best: { key: string; point: CachedPoint } | null = null;
    for (const [key, { point }] of this.points) {
      if (point.sectionId !== sectionId || point.seqTo > maxSeqTo) continue;
      if (!best || point.count > best.point.count) best = { key, point };
    }
    if (best) this.touch(best.key);
    return best?.point ?? null;
  }

  has(sectionId: string, count: number): boolean {
    return this.points.has(`${sectionId}|${count}`);
  }

  add(point: CachedPoint): void {
    const key = `${point.sectionId}|${point.count}`;
    if (this.points.has(key)) return;
    const bytes = sizeOf(point);
    if (bytes > this.settings.maxBytes) return;
    this.points.set(key, { point, bytes });
    this.bytes += bytes;
    this.evict();
  }

  /** Forgets a point that no longer matches the database. */
  drop(point: CachedPoint): void {
    const key = `${point.sectionId}|${point.count}`;
    const entry = this.points.get(key);
    if (!entry) return;
    this.points.delete(key);
    this.bytes -= entry.bytes;
  }

  stats(): { points: number; bytes: number } {
    return { points: this.points.size, bytes: this.bytes };
  }

  private touch(key: string): void {
    const entry = this.points.get(key)!;
    this.points.delete(key);
    this.points.set(key, entry);
  }

  private evict(): void {
    for (const [key, entry] of this.points) {
      if (this.bytes <= this.settings.maxBytes) return;
      this.points.delete(key);
      this.bytes -= entry.bytes;
    }
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
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private bytes = 0;
  private maxBytes = DEFAULTS.maxBytes / 4;

  configure(maxBytes: number): void {
    this.maxBytes = maxBytes;
    this.evict();
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

  stats(): { diffs: number; bytes: number } {
    return { diffs: this.entries.size, bytes: this.bytes };
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) return;
      this.entries.delete(key);
      this.bytes -= entry.bytes;
    }
  }
}

/**
 * The one cache of this process; `startServer` sizes it from the environment. The Remix
 * build bundles its own copy of the server modules, so a plain module-level instance would
 * be two caches (the pages' and the API's), the pages' never configured: the instance lives
 * on `globalThis` under a registered symbol, which both copies share.
 */
const KEY = Symbol.for("margin.history.replayCache");
const DIFFS = Symbol.for("margin.history.diffCache");
const holder = globalThis as { [KEY]?: ReplayCache; [DIFFS]?: DiffCache<unknown> };
export const replayCache: ReplayCache = (holder[KEY] ??= new ReplayCache());
/** The diffs of this process, shared the same way; history.ts gives it its value type. */
export const diffCache: DiffCache<unknown> = (holder[DIFFS] ??= new DiffCache<unknown>());
