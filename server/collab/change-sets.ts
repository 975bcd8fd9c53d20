import type { Db } from "../../db/client.js";
import type { Bus } from "../bus/bus.js";
import type { Logger } from "../logger.js";
import type { MailService } from "../mail/index.js";
import { foldSection } from "./fold.js";
import type { FoldCompute } from "./fold-compute.js";
import type { CollabLimits } from "./limits.js";

export interface ChangeSetDeps {
  db: Db;
  bus: Bus;
  limits: Pick<CollabLimits, "changeSetIdleMs" | "changeSetMaxUpdates" | "checkpointEvery">;
  logger: Logger;
  /** The pure fold (fold.ts); a parameter so a test can watch it run. */
  fold?: typeof foldSection;
  /** Notifies the author of a suggestion a fold applies. */
  mail?: MailService;
  /** Where folds compute (the fold worker on a server; fold.ts's default otherwise). */
  compute?: FoldCompute;
}

export interface ChangeSets {
  /** Folds the section's unfolded log into change sets now (after any fold already running for it). */
  foldNow(sectionId: string): Promise<void>;
  /**
   * Notes one more applied update. An author's change set closes after
   * `changeSetIdleMs` without edits, or at `changeSetMaxUpdates`. The node that
   * accepted the edit folds (`local`); the others keep a later timer as a
   * stand-in, in case that node dies first.
   */
  noteChange(sectionId: string, local: boolean): void;
  /** Resolves once every fold started so far has finished. */
  idle(): Promise<void>;
}

interface Pending {
  /** Updates applied since the last fold was scheduled or run. */
  unfolded: number;
  timer: NodeJS.Timeout | null;
}

/**
 * When the update log is folded into change sets. Folds of one section run one
 * at a time (each waits for the one before: the per-section mutex), since two
 * folds of the same log would write the same change set twice.
 */
export function createChangeSets(deps: ChangeSetDeps): ChangeSets {
  const { db, bus, limits, logger } = deps;
  const fold = deps.fold ?? foldSection;
  const running = new Map<string, Promise<void>>();
  const pending = new Map<string, Pending>();

  function foldNow(sectionId: string): Promise<void> {
    const p = pending.get(sectionId);
    if (p?.timer) clearTimeout(p.timer);
    pending.delete(sectionId);
    const next = (running.get(sectionId) ?? Promise.resolve())
      .then(() => fold(db, sectionId, { maxUpdates: limits.changeSetMaxUpdates, checkpointEvery: limits.checkpointEvery, ...(deps.mail ? { mail: deps.mail } : {}), ...(deps.compute ? { compute: deps.compute } : {}) }))
      .then(
        ({ decided }) => {
          // A suggestion decided by this fold changes the discussion its readers see, and its author was notified.
          if (decided > 0) {
            bus.publish({ type: "section.activity", sectionId });
            deps.mail?.kick();
          }
        },
        (e) => logger.error("could not write change sets", { sectionId, error: e }),
      );
    running.set(sectionId, next);
    void next.finally(() => {
      if (running.get(sectionId) === next) running.delete(sectionId);
    });
    return next;
  }

  function noteChange(sectionId: string, local: boolean): void {
    const p = pending.get(sectionId) ?? { unfolded: 0, timer: null };
    pending.set(sectionId, p);
    p.unfolded += 1;
    if (p.unfolded >= limits.changeSetMaxUpdates) {
      void foldNow(sectionId);
      return;
    }
    const delay = local ? limits.changeSetIdleMs : limits.changeSetIdleMs * 3;
    if (p.timer) clearTimeout(p.timer);
    p.timer = setTimeout(() => {
      p.timer = null;
      void foldNow(sectionId);
    }, delay);
    p.timer.unref();
  }

  return {
    foldNow,
    noteChange,
    async idle() {
      await Promise.all([...running.values()]);
    },
  };
}
