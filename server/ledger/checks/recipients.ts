import { isTeamChain } from "../chain.js";
import { RecordMismatch, entryName, type CheckContext, type RecordCheck } from "./context.js";

type WireEntry = CheckContext["entries"][number];

/**
 * The recipient bodies that read each consultation's confidential submissions
 * (ADR 019) must be those its latest `settings` entry with reason "recipients"
 * names: a body added or removed in the database alone, with no entry, would
 * let someone read unseen. None named and no entry is the default (the owners
 * and drafters). Reads the database (a server does not publish the table).
 */
export const checkRecipients: RecordCheck = async (ctx) => {
  const read = ctx.source.served.consultationRecipients;
  const entries = ctx.byKind("settings").filter((e) => e.payload.reason === "recipients" && e.consultationId);
  if (!read) {
    if (entries.length > 0) ctx.note("the readers of confidential submissions were not compared: a server does not publish them (verify the database to compare them)");
    return;
  }
  // A draft's entries are on its team chain and come before its public ones.
  const latest = new Map<string, WireEntry>();
  for (const e of [...entries].sort((a, b) => Number(isTeamChain(b.chain)) - Number(isTeamChain(a.chain)))) latest.set(e.consultationId!, e);
  const stored = await read();
  for (const id of new Set([...latest.keys(), ...stored.keys()])) {
    const e = latest.get(id);
    const recorded = ((e?.payload.recipients as { to?: { slug: string }[] } | undefined)?.to ?? []).map((b) => b.slug).sort();
    const now = [...(stored.get(id) ?? [])].sort();
    if (recorded.join("\n") !== now.join("\n")) {
      const where = e ? `${entryName(e)} names ${recorded.join(", ") || "none"}` : "no ledger entry names any";
      throw new RecordMismatch(`consultation ${id}: its confidential submissions are read by the bodies ${now.join(", ") || "(none)"}, but ${where}`);
    }
  }
};
