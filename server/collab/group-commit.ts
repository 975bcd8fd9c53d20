import type { Db, Dialect, Executor } from "../../db/client.js";
import { insertSectionUpdates, reserveSeqs } from "../../db/queries/collab.js";
import type { NewSectionUpdateRow } from "../../db/schema.js";

/** An update to append; the database decides its position in the log. */
export type Appended = Omit<NewSectionUpdateRow, "seq">;

/** The log a committer appends to: the public one (section_update), or a working copy's (ADR 026). */
export interface LogStore {
  /** Hands out `n` positions in the section's log, inside the batch's transaction; returns the last. */
  reserve(tx: Executor, sectionId: string, n: number): Promise<number>;
  insert(tx: Executor, rows: NewSectionUpdateRow[]): Promise<void>;
  /**
   * The sections (of those in a batch) whose rows must not be written any more,
   * asked first inside the batch's transaction; their appends are rejected with
   * `LogClosedError` and the rest of the batch is written.
   */
  closed?(tx: Executor, dialect: Dialect, sectionIds: string[]): Promise<Set<string>>;
}

/** An append refused because its log no longer takes writes (a working copy after "back to live" or "final"). */
export class LogClosedError extends Error {
  constructor(readonly sectionId: string) {
    super(`the log of section ${sectionId} takes no more writes`);
    this.name = "LogClosedError";
  }
}

export const PUBLIC_LOG: LogStore = { reserve: reserveSeqs, insert: insertSectionUpdates };

/** How many of the latest commits `GroupCommitter.stats()` summarises. */
export const COMMIT_LATENCY_WINDOW = 1024;

/** How long the latest commits took, from a batch's start to its commit on disk (for /healthz). */
export interface CommitStats {
  /** Commits summarised: the latest, up to COMMIT_LATENCY_WINDOW. */
  recent: number;
  p50Ms: number | null;
  p99Ms: number | null;
}

interface Pending {
  row: Appended;
  resolve: (seq: number) => void;
  reject: (e: unknown) => void;
}

/**
 * Batches update-log appends into one transaction each, so durability costs one
 * commit per batch rather than one per keystroke. A batch starts as soon as no
 * commit is running (after `windowMs`, 0 meaning the next turn of the event
 * loop); whatever arrives meanwhile forms the next batch.
 *
 * Positions come from the database (each section's `last_seq`, raised inside
 * the batch's transaction), so several nodes can append to one section's log:
 * the row lock orders their batches and every position is handed out once.
 * Promises resolve in append order, with the update's position, after the
 * batch has committed.
 */
export class GroupCommitter {
  private pending: Pending[] = [];
  private scheduled = false;
  private running: Promise<void> | null = null;
  /** The latest commits' durations in ms, a ring of COMMIT_LATENCY_WINDOW places. */
  private readonly took: number[] = [];
  private tookNext = 0;

  constructor(
    private readonly db: Db,
    private readonly windowMs: number,
    private readonly maxRows: number,
    private readonly store: LogStore = PUBLIC_LOG,
  ) {}

  append(row: Appended): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.pending.push({ row, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    const go = () => {
      this.scheduled = false;
      this.running = this.commitBatch().finally(() => {
        this.running = null;
        if (this.pending.length > 0) this.schedule();
      });
    };
    if (this.windowMs > 0) setTimeout(go, this.windowMs);
    else setImmediate(go);
  }

  private async commitBatch(): Promise<void> {
    const taken = this.pending.splice(0, this.maxRows);
    if (taken.length === 0) return;
    let batch = taken;
    let refused: Pending[] = [];
    const started = performance.now();
    try {
      const seqs = await this.db.kysely.transaction().execute(async (tx) => {
        batch = taken;
        refused = [];
        if (this.store.closed) {
          const closed = await this.store.closed(tx, this.db.dialect, [...new Set(taken.map((b) => b.row.section_id))]);
          batch = taken.filter((b) => !closed.has(b.row.section_id));
          refused = taken.filter((b) => closed.has(b.row.section_id));
          if (batch.length === 0) return [];
        }
        const bySection = new Map<string, number>();
        for (const b of batch) bySection.set(b.row.section_id, (bySection.get(b.row.section_id) ?? 0) + 1);
        const next = new Map<string, number>();
        // Sorted, so two nodes raising the same sections take the row locks in the same order.
        for (const [sectionId, n] of [...bySection].sort(([a], [b]) => a.localeCompare(b))) {
          next.set(sectionId, (await this.store.reserve(tx, sectionId, n)) - n + 1);
        }
        const rows = batch.map((b) => {
          const seq = next.get(b.row.section_id)!;
          next.set(b.row.section_id, seq + 1);
          return { ...b.row, seq };
        });
        await this.store.insert(tx, rows);
        return rows.map((r) => r.seq);
      });
      this.took[this.tookNext] = performance.now() - started;
      this.tookNext = (this.tookNext + 1) % COMMIT_LATENCY_WINDOW;
      batch.forEach((b, i) => b.resolve(seqs[i]!));
      for (const b of refused) b.reject(new LogClosedError(b.row.section_id));
    } catch (e) {
      for (const b of taken) b.reject(e);
    }
  }

  /**
   * How long durability costs here: dominated by the disk's flush (synchronous=FULL on SQLite,
   * the WAL flush on PostgreSQL), it is what every keystroke waits for before anyone sees it.
   */
  stats(): CommitStats {
    if (this.took.length === 0) return { recent: 0, p50Ms: null, p99Ms: null };
    const sorted = [...this.took].sort((a, b) => a - b);
    const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]! * 100) / 100;
    return { recent: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99) };
  }

  /** Resolves once everything appended so far has committed (or failed). */
  async flush(): Promise<void> {
    while (this.pending.length > 0 || this.running || this.scheduled) {
      if (this.running) await this.running;
      else if (this.pending.length > 0 && !this.scheduled) this.schedule();
      else await new Promise((r) => setImmediate(r));
    }
  }
}
