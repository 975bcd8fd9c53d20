import type { WireEntry } from "../wire.js";
import { RecordMismatch, entryName, type CheckContext } from "./context.js";

interface FrozenSection {
  sectionId: string;
  seq: number;
  stateHash: string;
}

/**
 * Version texts. Readers see a version's frozen sections from the stored rows
 * (version pages, `/api/v1/sections/:id/versions`); the chain walk only checked
 * the ledger's own copy. Each served frozen section must carry the update and
 * state hash its `version` entry recorded, and its text must be the text the
 * replayed history had at that update.
 */
export async function checkVersions(ctx: CheckContext): Promise<void> {
  const read = ctx.source.served.versionSections;
  if (!read) {
    ctx.note("versions: this source does not serve version texts; they were not compared with the ledger");
    return;
  }
  const bySection = new Map<string, { entry: WireEntry; frozen: FrozenSection }[]>();
  for (const entry of ctx.byKind("version")) {
    for (const frozen of (entry.payload.sections as FrozenSection[] | undefined) ?? []) {
      const list = bySection.get(frozen.sectionId) ?? [];
      list.push({ entry, frozen });
      bySection.set(frozen.sectionId, list);
    }
  }
  let unreplayed = 0;
  for (const [sectionId, recorded] of bySection) {
    const served = await read(sectionId);
    for (const { entry, frozen } of recorded) {
      const shown = served.find((s) => s.number === entry.payload.number);
      const where = `${entryName(entry)}: version ${String(entry.payload.number)}, section ${sectionId}`;
      if (!shown) throw new RecordMismatch(`${where}: recorded in the ledger but not served`);
      if (shown.seq !== frozen.seq) throw new RecordMismatch(`${where}: served as frozen at update ${shown.seq}, the ledger records update ${frozen.seq}`);
      if (shown.stateHash !== frozen.stateHash) throw new RecordMismatch(`${where}: the served state hash is not the one the ledger records`);
      const replayed = await ctx.replayedText(sectionId, frozen.seq);
      if (replayed === undefined) unreplayed += 1;
      else if (shown.text !== replayed) throw new RecordMismatch(`${where}: the served text is not the text the history had at update ${frozen.seq}`);
    }
  }
  if (unreplayed > 0) ctx.note(`versions: ${unreplayed} frozen section(s) have no replayed history to compare their text with; their state hashes were compared`);
}
