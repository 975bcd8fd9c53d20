import * as Y from "yjs";

/**
 * Who wrote what, decided in one place for every path that commits or reads
 * the history (live edits, folds, history pages, compares, the API's diff, a
 * working copy published with its original authors).
 *
 * A Yjs id (client, clock) is created once, by one editor session; the update
 * that carries it may come later again from someone else (a client's resync
 * after a reconnect, a browser's local copy). So an update's sender is the
 * author only of the ids that were new when it arrived — by id range, never
 * by whole client id: any stock client can set its `clientID` to a
 * co-drafter's after syncing and continue that client's clock, and those
 * later ids are its sender's, not the client id's first sender's.
 */

/** A logged update, as attribution needs it. */
export interface LoggedUpdate {
  userId: string;
  data: Uint8Array;
}

/** Ids [from, to) of one client, and who created them. */
export interface CreditedRange {
  from: number;
  to: number;
  author: string;
}

/** The id ranges of each client that a run of logged updates created, and their authors. */
export class IdCredits {
  /** Per client: sorted, non-overlapping ranges. */
  private readonly byClient = new Map<number, CreditedRange[]>();

  constructor(private readonly known: ReadonlyMap<number, number>) {}

  /** Credits the part of [from, to) that neither `known` nor an earlier update holds to `author`. */
  claim(client: number, from: number, to: number, author: string): void {
    const start = Math.max(from, this.known.get(client) ?? 0);
    if (to <= start) return;
    let list = this.byClient.get(client);
    if (!list) this.byClient.set(client, (list = []));
    const last = list[list.length - 1];
    // The usual case: a client's ids arrive in clock order.
    if (!last || last.to <= start) {
      if (last && last.to === start && last.author === author) last.to = to;
      else list.push({ from: start, to, author });
      return;
    }
    // Out of order (an update filling an earlier gap): credit only the gaps left in [start, to).
    const added: CreditedRange[] = [];
    let at = start;
    for (const r of list) {
      if (r.to <= at) continue;
      if (r.from >= to) break;
      if (r.from > at) added.push({ from: at, to: r.from, author });
      at = Math.max(at, r.to);
      if (at >= to) break;
    }
    if (at < to) added.push({ from: at, to, author });
    if (added.length === 0) return;
    list.push(...added);
    list.sort((a, b) => a.from - b.from);
  }

  /** Who created id (client, clock) in this run; undefined when the run did not create it. */
  authorOf(client: number, clock: number): string | undefined {
    const list = this.byClient.get(client);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = list[mid]!;
      if (clock < r.from) hi = mid - 1;
      else if (clock >= r.to) lo = mid + 1;
      else return r.author;
    }
    return undefined;
  }

  /**
   * Ids [from, to) of a client as consecutive ranges, each with its author;
   * ids this run did not create are `fallback`'s.
   */
  split(client: number, from: number, to: number, fallback: string): CreditedRange[] {
    const out: CreditedRange[] = [];
    const push = (a: number, b: number, author: string) => {
      if (b <= a) return;
      const last = out[out.length - 1];
      if (last && last.to === a && last.author === author) last.to = b;
      else out.push({ from: a, to: b, author });
    };
    let at = from;
    for (const r of this.byClient.get(client) ?? []) {
      if (r.to <= at) continue;
      if (r.from >= to) break;
      push(at, r.from, fallback);
      push(Math.max(at, r.from), Math.min(to, r.to), r.author);
      at = Math.min(to, r.to);
    }
    push(at, to, fallback);
    return out;
  }
}

/**
 * Credits a run of logged updates, in log order: each update's sender gets the
 * id ranges of its structs that were new when it was applied (beyond `known`,
 * the state vector before the run, and beyond what earlier updates of the run
 * brought).
 */
export function creditIds(updates: Iterable<LoggedUpdate>, known: ReadonlyMap<number, number> = new Map()): IdCredits {
  const credits = new IdCredits(known);
  for (const u of updates) {
    for (const s of Y.decodeUpdate(u.data).structs) {
      if (s instanceof Y.Skip) continue;
      credits.claim(s.id.client, s.id.clock, s.id.clock + s.length, u.userId);
    }
  }
  return credits;
}

/** Everyone who sent updates in a run (typing or deleting), in order of their first update. */
export function authorsOfRun(updates: Iterable<{ userId: string }>): string[] {
  return [...new Set([...updates].map((u) => u.userId))];
}
