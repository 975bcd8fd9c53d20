import { RecordMismatch, entryName, type RecordCheck } from "./context.js";

/**
 * Organisations (issue 14): every registered organisation must have its
 * registration entry, and a badge must rest on a recorded verification: an
 * organisation marked verified in the database carries the evidence its latest
 * `verified` entry published, and one with such an entry is verified. Reads the
 * database (a server does not publish its organisation list yet).
 */
export const checkOrganisations: RecordCheck = async (ctx) => {
  const read = ctx.source.served.organisations;
  const entries = ctx.byKind("organisation");
  if (!read) {
    if (entries.length > 0) ctx.note("organisations were not compared: a server does not publish them (verify the database to compare them)");
    return;
  }
  const registered = new Map(entries.filter((e) => e.payload.action === "registered").map((e) => [e.subjectId, e]));
  const verified = new Map(entries.filter((e) => e.payload.action === "verified").map((e) => [e.subjectId, e]));
  for (const o of await read()) {
    const reg = registered.get(o.id);
    if (!reg) throw new RecordMismatch(`organisation ${o.slug}: no ledger entry registers it`);
    if (reg.payload.slug !== o.slug || reg.payload.name !== o.name || reg.payload.kind !== o.kind) {
      throw new RecordMismatch(`organisation ${o.slug}: its name, kind or address differ from what ${entryName(reg)} registered`);
    }
    const v = verified.get(o.id);
    if (o.verified && !v) throw new RecordMismatch(`organisation ${o.slug}: marked verified, but no ledger entry records its verification`);
    if (!o.verified && v) throw new RecordMismatch(`organisation ${o.slug}: ${entryName(v)} records its verification, but it is not marked verified`);
    if (v && v.payload.evidence !== o.evidence) throw new RecordMismatch(`organisation ${o.slug}: its evidence differs from what ${entryName(v)} published`);
  }
};
