import type { Db } from "../../db/client.js";
import { insertSectionUpdates } from "../../db/queries/collab.js";
import type { SectionUpdateRow } from "../../db/schema.js";

interface Pending {
  row: SectionUpdateRow;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Batches update-log appends into one transaction each, so durability costs one
 * commit per batch rather than one per keystroke. A batch starts as soon as no
 * commit is running (after `windowMs`, 0 meaning the next turn of the event
 * loop); whatever arrives meanwhile forms the next batch. Promises resolve in
 * append order, after their batch has committed.
 */
export class GroupCommitter {
  private pending: Pending[] = [];
  private scheduled = false;
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly windowMs: number,
    private readonly maxRows: number,
  ) {}

  append(row: SectionUpdateRow): Promise<void> {
    return new Promise<void>((resolve, reject) => {
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
    const batch = this.pending.splice(0, this.maxRows);
    if (batch.length === 0) return;
    try {
      await this.db.kysely.transaction().execute((tx) => insertSectionUpdates(tx, batch.map((b) => b.row)));
      for (const b of batch) b.resolve();
    } catch (e) {
      for (const b of batch) b.reject(e);
    }
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
