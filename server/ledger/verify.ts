import { RecordMismatch, entryName, type CheckContext } from "./checks/context.js";
import { RECORD_CHECKS } from "./checks/index.js";
import type { LedgerSource, WireEntry } from "./wire.js";
import { GENESIS_HASH, PUBLIC_CHAIN, hashMatches, isTeamChain } from "./chain.js";
import { inThreadReplayer, workerReplayer, type Replayer } from "./replay.js";
import { HttpError } from "./sources.js";

/**
 * `margin verify`: walks every chain checking each link and hash, replays
 * each section's change sets with Yjs checking every recorded state, and
 * compares the result with the current text. It stops at the first bad entry
 * and names it. The same code reads the local database or a running server.
 */

export interface VerifyReport {
  ok: boolean;
  source: string;
  entries: number;
  chains: number;
  sections: number;
  changeSets: number;
  head: { seq: number; hash: string } | null;
  /** The first problem found, naming the entry; null when everything checks out. */
  problem: string | null;
  notes: string[];
  ms: number;
}

/** A broken chain or text history; the record checks throw RecordMismatch. */
class Bad extends Error {}

/** How verify and export name a section that holds content the editor cannot show (it is checked all the same). */
export function unsupportedNote(sectionId: string, problems: string[]): string {
  return `section ${sectionId} holds content the editor cannot show (${problems.slice(0, 3).join("; ")}); that part is skipped wherever the section is shown or exported`;
}

const name = entryName;

interface Opening {
  entry: WireEntry;
  privateHead: { chain: string; seq: number; hash: string } | null;
  sections: { sectionId: string; seq: number; stateHash: string | null }[];
}

/**
 * How many change sets the chain walk must meet before the replay moves to a
 * worker thread: below it, starting the worker (about half a second of module
 * loading) costs more than the replay it takes off this thread.
 */
export const REPLAY_WORKER_FROM_CHANGE_SETS = 2000;

export interface VerifyOptions {
  /** REPLAY_WORKER_FROM_CHANGE_SETS unless given; Infinity replays in this thread. */
  replayWorkerFrom?: number;
}

export async function verifyLedger(source: LedgerSource, options: VerifyOptions = {}): Promise<VerifyReport> {
  const workerFrom = options.replayWorkerFrom ?? REPLAY_WORKER_FROM_CHANGE_SETS;
  let replayer: Replayer | null = null;
  let recordChecks: Promise<void> | null = null;
  const started = performance.now();
  const report: VerifyReport = { ok: false, source: source.describe, entries: 0, chains: 0, sections: 0, changeSets: 0, head: null, problem: null, notes: [], ms: 0 };
  const changeSetEntries = new Map<string, WireEntry>();
  const versionEntries: WireEntry[] = [];
  const openings = new Map<string, Opening>();
  const heads = new Map<string, { seq: number; hash: string; hashes: Map<number, string> }>();
  const all: WireEntry[] = [];
  try {
    const chains = (await source.chains()).sort((a, b) => (a === PUBLIC_CHAIN ? -1 : b === PUBLIC_CHAIN ? 1 : a.localeCompare(b)));
    for (const chain of chains) {
      report.chains += 1;
      let prev: WireEntry | null = null;
      const hashes = new Map<number, string>();
      for await (const page of source.entries(chain)) {
        for (const e of page) {
          report.entries += 1;
          all.push(e);
          const expectedSeq = (prev?.seq ?? 0) + 1;
          if (e.chain !== chain) throw new Bad(`${name(e)}: listed under chain ${chain}`);
          if (e.seq !== expectedSeq) {
            throw new Bad(e.seq > expectedSeq ? `${chain} #${expectedSeq}: missing (the next entry is #${e.seq})` : `${name(e)}: out of order after #${prev?.seq ?? 0}`);
          }
          if (e.prevHash !== (prev?.hash ?? GENESIS_HASH)) throw new Bad(`${name(e)}: does not link to the entry before it (its prev_hash is not #${prev?.seq ?? 0}'s hash)`);
          if (!hashMatches(e, e.hash)) throw new Bad(`${name(e)}: its content does not match its hash (changed after it was written)`);
          if (isTeamChain(chain)) hashes.set(e.seq, e.hash);
          if (e.kind === "change_set" && e.subjectId) {
            changeSetEntries.set(e.subjectId, e);
            // A long history is replayed in a worker thread from here on, while the walk goes on.
            if (!replayer && source.address && changeSetEntries.size >= workerFrom) {
              replayer = workerReplayer(source.address, (message, http) => (http ? new HttpError(message) : new Error(message)));
              for (const c of changeSetEntries.values()) if (c.sectionId) replayer.add(c.sectionId);
            } else if (e.sectionId) replayer?.add(e.sectionId);
          }
          if (e.kind === "version") versionEntries.push(e);
          if (e.kind === "phase_change" && e.payload.from === "draft" && e.consultationId) {
            openings.set(e.consultationId, {
              entry: e,
              privateHead: (e.payload.privateHead as Opening["privateHead"]) ?? null,
              sections: (e.payload.sections as Opening["sections"]) ?? [],
            });
          }
          prev = e;
        }
      }
      heads.set(chain, { seq: prev?.seq ?? 0, hash: prev?.hash ?? GENESIS_HASH, hashes });
      if (chain === PUBLIC_CHAIN && prev) report.head = { seq: prev.seq, hash: prev.hash };
    }

    // The opening entry must carry the head the team chain really had, and nothing may follow it there.
    for (const [consultationId, opening] of openings) {
      const team = heads.get(`team:${consultationId}`);
      if (!team) continue; // reading a server: team chains are not published
      const claimed = opening.privateHead;
      if (!claimed) {
        if (team.seq > 0) throw new Bad(`${name(opening.entry)}: says there was no drafting history, but team chain has ${team.seq} entries`);
        continue;
      }
      if (team.hashes.get(claimed.seq) !== claimed.hash) throw new Bad(`${name(opening.entry)}: the private head it carries (#${claimed.seq}) does not match the team chain`);
      if (team.seq !== claimed.seq) throw new Bad(`team:${consultationId} #${claimed.seq + 1}: written after the consultation opened, on the private chain`);
    }

    // Replay every section that has change sets in the ledger.
    const sections = new Map<string, WireEntry[]>();
    for (const e of changeSetEntries.values()) {
      if (!e.sectionId) throw new Bad(`${name(e)}: names no section`);
      const list = sections.get(e.sectionId) ?? [];
      list.push(e);
      sections.set(e.sectionId, list);
    }
    // Sections that never changed after opening are still checked against the state the opening recorded.
    for (const o of openings.values()) for (const s of o.sections) if (!sections.has(s.sectionId)) sections.set(s.sectionId, []);
    const replaying = (replayer ??= inThreadReplayer(source));
    for (const sectionId of sections.keys()) replaying.add(sectionId);
    // The replayed text at each update a version froze, for the version check (only there: text is costly).
    const frozenTexts = new Map<string, Set<number>>();
    for (const v of versionEntries) {
      for (const s of (v.payload.sections as { sectionId: string; seq: number }[]) ?? []) {
        const wanted = frozenTexts.get(s.sectionId) ?? new Set<number>();
        wanted.add(s.seq);
        frozenTexts.set(s.sectionId, wanted);
      }
    }
    replaying.wantTexts(frozenTexts);

    // The record checks run while the replay is judged (its worker busy meanwhile); their verdict counts only once the history has checked out.
    const checkNotes: string[] = [];
    const byKind = new Map<string, WireEntry[]>();
    for (const e of all) {
      const list = byKind.get(e.kind) ?? [];
      list.push(e);
      byKind.set(e.kind, list);
    }
    const ctx: CheckContext = {
      source,
      entries: all,
      byKind: (k) => byKind.get(k) ?? [],
      replayedText: (sectionId, seq) => replaying.textAt(sectionId, seq),
      note: (t) => checkNotes.push(t),
    };
    recordChecks = (async () => {
      for (const check of RECORD_CHECKS) await check.run(ctx);
    })();
    recordChecks.catch(() => undefined);

    const statesBySection = new Map<string, Map<number, string>>();
    for (const [sectionId, entries] of sections) {
      report.sections += 1;
      const replay = await replaying.result(sectionId);
      const states = new Map<number, string>();
      statesBySection.set(sectionId, states);
      if (replay.baseline) {
        const opening = [...openings.values()].find((o) => o.sections.some((s) => s.sectionId === sectionId));
        const claimed = opening?.sections.find((s) => s.sectionId === sectionId);
        if (claimed && claimed.stateHash !== null && claimed.stateHash !== replay.baseline.hash) {
          throw new Bad(`${name(opening!.entry)}: section ${sectionId} did not read at opening as this entry records`);
        }
        states.set(replay.baseline.seq, replay.baseline.hash);
      }
      const stored = new Set<string>();
      for (const [i, cs] of replay.changeSets.entries()) {
        const e = changeSetEntries.get(cs.id);
        if (!e) throw new Bad(`change set ${cs.id} of section ${sectionId}: stored but not in the ledger`);
        stored.add(cs.id);
        const p = e.payload;
        if (p.updateHash !== cs.updateHash) throw new Bad(`${name(e)}: the stored change (section ${sectionId}, updates ${cs.seqFrom}–${cs.seqTo}) differs from what the ledger recorded`);
        if (p.seqFrom !== cs.seqFrom || p.seqTo !== cs.seqTo || p.stateHash !== cs.stateHash) throw new Bad(`${name(e)}: the stored change set's range or state hash differs from the ledger`);
        // The replay reached the stored state hash, which is the ledger's (just checked), unless it failed here.
        if (replay.failure?.index === i) {
          throw new Bad(replay.failure.reason === "apply" ? `${name(e)}: the stored change cannot be applied` : `${name(e)}: replaying the history up to this change gives a different text than recorded`);
        }
        states.set(cs.seqTo, cs.stateHash);
        report.changeSets += 1;
      }
      if (replay.unsupported.length > 0) report.notes.push(unsupportedNote(sectionId, replay.unsupported));
      const lost = entries.find((e) => !stored.has(e.subjectId!) && (replay.baseline === null || Number(e.payload.seqTo) > replay.baseline.seq));
      if (lost) throw new Bad(`${name(lost)}: the change set it records is missing from storage`);
      const last = replay.changeSets[replay.changeSets.length - 1];
      if (replay.current && replay.current.ahead > 0) report.notes.push(`section ${sectionId}: ${replay.current.ahead} update(s) after the last change set are still being written; the current text was not compared`);
      else if (replay.current && !replay.current.matches) {
        throw new Bad(`section ${sectionId}: the current text is not what its history replays to${last ? ` (last change set ${last.id})` : ""}`);
      }
    }

    // Every version's frozen sections must be states the history passed through.
    for (const v of versionEntries) {
      for (const s of (v.payload.sections as { sectionId: string; seq: number; stateHash: string }[]) ?? []) {
        const states = statesBySection.get(s.sectionId);
        if (!states || states.size === 0) continue;
        const known = states.get(s.seq);
        if (known !== undefined) {
          if (known !== s.stateHash) throw new Bad(`${name(v)}: section ${s.sectionId} in this version is not the text the history had at update ${s.seq}`);
          continue;
        }
        // A position the replay covered (past its first state, not past its end) must be one of its boundaries.
        const replayed = [...states.keys()];
        if (s.seq > Math.min(...replayed) && s.seq < Math.max(...replayed)) {
          throw new Bad(`${name(v)}: section ${s.sectionId} was frozen at update ${s.seq}, which is not a change-set boundary`);
        }
      }
    }

    // What readers are shown must be what the ledger says.
    await recordChecks;
    report.notes.push(...checkNotes);
    report.ok = true;
  } catch (e) {
    if (e instanceof Bad || e instanceof RecordMismatch) report.problem = e.message;
    else throw e;
  } finally {
    // Nothing of this verify may go on reading the source after it returns.
    await recordChecks?.catch(() => undefined);
    await replayer?.close();
  }
  report.ms = Math.round(performance.now() - started);
  return report;
}
