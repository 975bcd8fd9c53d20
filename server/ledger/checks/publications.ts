import { RecordMismatch, entryName, type RecordCheck } from "./context.js";

/**
 * A working copy's publication (ADR 026) names the public positions it filled:
 * a section, a valid range, and as many updates as the range holds. Its
 * positions should be in the section's folded change sets (whose texts the
 * history replay has already checked); ones past the last folded change set
 * are noted, not failed: the move and the fold are two transactions, and the
 * next load of the section folds.
 */
export const checkPublications: RecordCheck = async (ctx) => {
  const folded = new Map<string, number>();
  for (const e of ctx.byKind("change_set")) {
    if (!e.sectionId) continue;
    folded.set(e.sectionId, Math.max(folded.get(e.sectionId) ?? 0, Number(e.payload.seqTo)));
  }
  let pending = 0;
  for (const e of ctx.byKind("publication")) {
    const from = Number(e.payload.seqFrom);
    const to = Number(e.payload.seqTo);
    if (!e.sectionId || !Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to < from) throw new RecordMismatch(`${entryName(e)}: names no valid range of public positions`);
    if (Number(e.payload.updates) !== to - from + 1) throw new RecordMismatch(`${entryName(e)}: says ${String(e.payload.updates)} updates for positions ${from}–${to}`);
    if ((folded.get(e.sectionId) ?? 0) < to) pending++;
  }
  if (pending > 0) ctx.note(`${pending} publication(s) of working copies are not folded into change sets yet; the next load of their sections folds them`);
};
