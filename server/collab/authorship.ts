import * as Y from "yjs";

/**
 * Who wrote what, decided in one place for every path that commits or reads
 * the history (live edits, folds, history pages, a working copy published
 * with its original authors).
 *
 * A Yjs id (client, clock) is created once, by one editor session; the update
 * that carries it may come later again from someone else (a client's resync
 * after a reconnect, a browser's local copy). So an update's sender is the
 * author only of the ids that were new when it arrived: the first committer
 * of a client's ids is that client's author.
 */

/** A logged update, as attribution needs it. */
export interface LoggedUpdate {
  userId: string;
  data: Uint8Array;
}

/**
 * The author of each Yjs client whose ids a run of logged updates creates:
 * the sender of the first update that carried ids of that client beyond
 * `known` (the state vector before the run).
 */
export function authorsByClient(updates: Iterable<LoggedUpdate>, known: ReadonlyMap<number, number> = new Map()): Map<number, string> {
  const seen = new Map(known);
  const authors = new Map<number, string>();
  for (const u of updates) {
    for (const [client, to] of Y.parseUpdateMeta(u.data).to) {
      if (to <= (seen.get(client) ?? 0)) continue;
      seen.set(client, to);
      if (!authors.has(client)) authors.set(client, u.userId);
    }
  }
  return authors;
}

/** Everyone who sent updates in a run (typing or deleting), in order of their first update. */
export function authorsOfRun(updates: Iterable<{ userId: string }>): string[] {
  return [...new Set([...updates].map((u) => u.userId))];
}
