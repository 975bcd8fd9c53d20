import { sha256Hex } from "../chain.js";
import type { WireEntry } from "../wire.js";
import { RecordMismatch, entryName, type CheckContext } from "./context.js";
import { inHistoryOrder, servedComments } from "./participation.js";

/**
 * Every current response the public is shown (outcome and text) must be the latest the
 * ledger records for its comment, each recorded supersession must name the response
 * before it, and (from the database) a response marked superseded must have a later one.
 */
export async function checkResponses(ctx: CheckContext): Promise<void> {
  const latest = new Map<string, WireEntry>();
  const byId = new Map<string, WireEntry>();
  for (const e of inHistoryOrder(ctx.byKind("disposition"))) {
    const commentId = String(e.payload.commentId);
    const before = latest.get(commentId);
    if ("supersedes" in e.payload && (e.payload.supersedes ?? null) !== (before?.subjectId ?? null)) {
      throw new RecordMismatch(`${entryName(e)}: says it supersedes ${String(e.payload.supersedes ?? "nothing")}, but the response before it in the ledger is ${before?.subjectId ?? "none"}`);
    }
    latest.set(commentId, e);
    if (e.subjectId) byId.set(e.subjectId, e);
  }
  const sections = await servedComments(ctx);
  for (const s of sections ?? []) {
    for (const c of s.comments ?? []) {
      const e = latest.get(c.id);
      const d = c.disposition;
      if (!d) {
        if (e) throw new RecordMismatch(`${entryName(e)}: the response to comment ${c.id} is missing from what is served`);
        continue;
      }
      if (!e) throw new RecordMismatch(`comment ${c.id}: served with a response (${d.outcome}) that the ledger does not record`);
      if (c.dispositionId != null && c.dispositionId !== e.subjectId) {
        throw new RecordMismatch(`${entryName(e)}: comment ${c.id} is served with response ${c.dispositionId}, not the latest one the ledger records`);
      }
      if (d.outcome !== e.payload.outcome) {
        throw new RecordMismatch(`${entryName(e)}: the outcome served for comment ${c.id} is "${d.outcome}", the ledger records "${String(e.payload.outcome)}"`);
      }
      const links = c.dispositionLinks;
      if (links) {
        const recordedIds = (e.payload.changeSetIds as string[] | undefined) ?? [];
        if (links.versionId !== (e.payload.versionId ?? null)) {
          throw new RecordMismatch(`${entryName(e)}: the response to comment ${c.id} is stored as answered in version ${links.versionId ?? "none"}, the ledger records ${String(e.payload.versionId ?? "none")}`);
        }
        if (links.changeSetIds.join(",") !== recordedIds.join(",")) {
          throw new RecordMismatch(`${entryName(e)}: the response to comment ${c.id} is stored with other linked changes (${links.changeSetIds.join(", ") || "none"}) than recorded (${recordedIds.join(", ") || "none"})`);
        }
        if ("decidedBy" in e.payload && links.decidedBy !== (e.payload.decidedBy ?? null)) {
          throw new RecordMismatch(`${entryName(e)}: the response to comment ${c.id} is stored as decided by another account than recorded`);
        }
      }
      const recorded = typeof e.payload.response === "string" ? sha256Hex(e.payload.response) : ((e.payload.responseSha256 as string | null | undefined) ?? null);
      const served = sha256Hex(d.response);
      if (recorded !== null && served !== recorded) {
        throw new RecordMismatch(`${entryName(e)}: the response text served for comment ${c.id} differs from the text recorded (SHA-256 ${served} served, ${recorded} recorded)`);
      }
    }
  }
  for (const r of (await ctx.source.served.supersededDispositions?.()) ?? []) {
    const e = byId.get(r.id);
    if (!e) throw new RecordMismatch(`response ${r.id} to comment ${r.commentId}: stored as superseded, but not in the ledger`);
    if (latest.get(r.commentId) === e) throw new RecordMismatch(`${entryName(e)}: stored as superseded, but the ledger records no later response to comment ${r.commentId}`);
  }
}
