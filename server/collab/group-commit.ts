import type { Db } from "../../db/client.js";
import { insertSectionUpdates } from "../../db/queries/collab.js";
import type { SectionUpdateRow } from "../../db/schema.js";

/**
 * Batches update-log appends into one transaction per short window, so that
 * durability costs one commit per batch rather than one per keystroke.
 * Promises resolve in enqueue order, after their batch has committed.
 */
export class GroupCommitter {
  private pending: { row: SectionUpdateRow; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly windowMs: number,
    private readonly maxRows: number,
  ) {}

  append(row: SectionUpdateRow): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ row, resolve, reject });
      if (this.pending.length >= this.maxRows) this.flushSoon(0);
      else this.flushSoon(this.windowMs);
    });
  }

  private flushSoon(ms: number): void {
    if (this.timer && ms > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  /** Commits everything queued so far; resolves when it is durable (or failed). */
  flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    // Batches commit one after another, so a later batch never overtakes an earlier one.
    this.flushing = this.flushing.then(async () => {
      if (batch.length === 0) return;
      try {
        await this.db.kysely.transaction().execute((tx) => insertSectionUpdates(tx, batch.map((b) => b.row)));
        for (const b of batch) b.resolve();
      } catch (e) {
        for (const b of batch) b.reject(e);
      }
    });
    return this.flushing;
  }
}
