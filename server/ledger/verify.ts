import * as Y from "yjs";
import { IncrementalContentHash, contentHash, docToText } from "../collab/content.js";
import { unsupportedContent } from "../collab/schema-guard.js";
import { RecordMismatch, entryName, type CheckContext } from "./checks/context.js";
import { RECORD_CHECKS } from "./checks/index.js";
import type { LedgerSource, WireEntry } from "./wire.js";
import { GENESIS_HASH, PUBLIC_CHAIN, hashMatches, isTeamChain, sha256Hex } from "./chain.js";

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

export async function verifyLedger(source: LedgerSource): Promise<VerifyReport> {
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
          if (e.kind === "change_set" && e.subjectId) changeSetEntries.set(e.subjectId, e);
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
    const statesBySection = new Map<string, Map<number, string>>();
    // The replayed text at each update a version froze, for the version check (only there: text is costly).
    const frozenTexts = new Map<string, Map<number, string | null>>();
    for (const v of versionEntries) {
      for (const s of (v.payload.sections as { sectionId: string; seq: number }[]) ?? []) {
        const wanted = frozenTexts.get(s.sectionId) ?? new Map<number, string | null>();
        wanted.set(s.seq, null);
        frozenTexts.set(s.sectionId, wanted);
      }
    }
    // Fetch the next section while replaying this one: over HTTP the two overlap.
    const order = [...sections.keys()];
    const fetchHistory = (i: number) => {
      if (i >= order.length) return null;
      const p = source.sectionHistory(order[i]!);
      p.catch(() => undefined);
      return p;
    };
    let upcoming = fetchHistory(0);
    for (let i = 0; i < order.length; i++) {
      const sectionId = order[i]!;
      const entries = sections.get(sectionId)!;
      report.sections += 1;
      const history = await upcoming!;
      upcoming = fetchHistory(i + 1);
      const states = new Map<number, string>();
      statesBySection.set(sectionId, states);
      const doc = new Y.Doc();
      const hasher = new IncrementalContentHash(doc);
      const texts = frozenTexts.get(sectionId);
      const keepText = (seq: number) => {
        if (texts?.has(seq)) texts.set(seq, docToText(doc));
      };
      try {
        keepText(0);
        if (history.baseline) {
          Y.applyUpdate(doc, history.baseline.update);
          const opening = [...openings.values()].find((o) => o.sections.some((s) => s.sectionId === sectionId));
          const claimed = opening?.sections.find((s) => s.sectionId === sectionId);
          const hash = contentHash(doc);
          if (claimed && claimed.stateHash !== null && claimed.stateHash !== hash) {
            throw new Bad(`${name(opening!.entry)}: section ${sectionId} did not read at opening as this entry records`);
          }
          states.set(history.baseline.seq, hash);
          keepText(history.baseline.seq);
        }
        const stored = new Set<string>();
        for (const cs of history.changeSets) {
          const e = changeSetEntries.get(cs.id);
          if (!e) throw new Bad(`change set ${cs.id} of section ${sectionId}: stored but not in the ledger`);
          stored.add(cs.id);
          const p = e.payload;
          if (p.updateHash !== sha256Hex(cs.data)) throw new Bad(`${name(e)}: the stored change (section ${sectionId}, updates ${cs.seqFrom}–${cs.seqTo}) differs from what the ledger recorded`);
          if (p.seqFrom !== cs.seqFrom || p.seqTo !== cs.seqTo || p.stateHash !== cs.stateHash) throw new Bad(`${name(e)}: the stored change set's range or state hash differs from the ledger`);
          try {
            Y.applyUpdate(doc, cs.data);
          } catch {
            throw new Bad(`${name(e)}: the stored change cannot be applied`);
          }
          const hash = hasher.hash();
          if (hash !== p.stateHash) throw new Bad(`${name(e)}: replaying the history up to this change gives a different text than recorded`);
          states.set(cs.seqTo, hash);
          keepText(cs.seqTo);
          report.changeSets += 1;
        }
        const foreign = unsupportedContent(doc);
        if (foreign.length > 0) report.notes.push(unsupportedNote(sectionId, foreign));
        const lost = entries.find((e) => !stored.has(e.subjectId!) && (history.baseline === null || Number(e.payload.seqTo) > history.baseline.seq));
        if (lost) throw new Bad(`${name(lost)}: the change set it records is missing from storage`);
        const last = history.changeSets[history.changeSets.length - 1];
        const cur = history.current;
        if (cur) {
          const lastSeq = last?.seqTo ?? history.baseline?.seq ?? 0;
          if (cur.seq > lastSeq) report.notes.push(`section ${sectionId}: ${cur.seq - lastSeq} update(s) after the last change set are still being written; the current text was not compared`);
          else if (cur.contentHash !== contentHash(doc) || cur.text !== docToText(doc)) {
            throw new Bad(`section ${sectionId}: the current text is not what its history replays to${last ? ` (last change set ${last.id})` : ""}`);
          }
        }
      } finally {
        doc.destroy();
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
      replayedText: (sectionId, seq) => frozenTexts.get(sectionId)?.get(seq) ?? undefined,
      note: (t) => report.notes.push(t),
    };
    for (const check of RECORD_CHECKS) await check.run(ctx);
    report.ok = true;
  } catch (e) {
    if (e instanceof Bad || e instanceof RecordMismatch) report.problem = e.message;
    else throw e;
  }
  report.ms = Math.round(performance.now() - started);
  return report;
}
