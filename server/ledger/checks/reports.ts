import { sha256Hex } from "../chain.js";
import { RecordMismatch, entryName, type RecordCheck } from "./context.js";

/**
 * Results that cannot change: every report_frozen entry's report must be served,
 * and hash to the fingerprint the entry carries; from the database, every frozen
 * report held must have its entry. Corrections after the freeze are ordinary
 * disposition entries and never touch the frozen copy.
 */
export const checkFrozenReports: RecordCheck = async (ctx) => {
  const read = ctx.source.served.frozenReport;
  if (!read) {
    ctx.note("frozen reports were not compared: this source does not serve them");
    return;
  }
  const covered = new Set<string>();
  for (const e of ctx.byKind("report_frozen")) {
    const p = e.payload as { slug?: unknown; versionId?: unknown; versionNumber?: unknown; reportSha256?: unknown };
    if (!e.consultationId || typeof p.slug !== "string" || typeof p.versionId !== "string" || typeof p.versionNumber !== "number") {
      throw new RecordMismatch(`${entryName(e)}: does not name the consultation and version whose report it froze`);
    }
    covered.add(`${e.consultationId}/${p.versionId}`);
    const body = await read({ consultationId: e.consultationId, slug: p.slug, versionId: p.versionId, versionNumber: p.versionNumber });
    const what = `the frozen report of ${p.slug} version ${p.versionNumber}`;
    if (body === null) throw new RecordMismatch(`${entryName(e)}: ${what} is not served`);
    const hash = sha256Hex(body);
    if (hash !== p.reportSha256) throw new RecordMismatch(`${entryName(e)}: ${what} as served hashes to ${hash}, not to the ${String(p.reportSha256)} this entry recorded (the report was changed after it was frozen)`);
  }
  const frozenConsultations = new Set(ctx.byKind("report_frozen").map((e) => e.consultationId));
  const unfrozen = ctx.byKind("phase_change").filter((e) => e.payload.to === "final" && !frozenConsultations.has(e.consultationId));
  for (const e of unfrozen) ctx.note(`${entryName(e)}: this consultation became final with no frozen report (before reports were frozen, or with no public version); its reports were not compared`);
  const held = await ctx.source.served.frozenReports?.();
  const stray = held?.find((r) => !covered.has(`${r.consultationId}/${r.versionId}`));
  if (stray) throw new RecordMismatch(`frozen report of consultation ${stray.consultationId} version ${stray.versionId}: held, but no report_frozen entry in the ledger covers it`);
};
