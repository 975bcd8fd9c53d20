import { createHash } from "node:crypto";
import { sha256Hex } from "../chain.js";
import type { WireEntry } from "../wire.js";
import { RecordMismatch, entryName, type CheckContext } from "./context.js";
import { inHistoryOrder } from "./participation.js";

/**
 * One considered answer to a group (ADR 032): each `group_response` entry must name
 * the group's answer before it, its text must match its digest, and exactly the
 * member responses it counts must follow it: the disposition entries naming it, as
 * many as `memberCount`, over the comments `membersSha256` digests, each with the
 * group's outcome and words. A disposition naming a group response the ledger does
 * not hold before it fails.
 */
export async function checkGroupResponses(ctx: CheckContext): Promise<void> {
  const groups = new Map<string, WireEntry>();
  const latestOfGroup = new Map<string, string>();
  const members = new Map<string, string[]>();
  for (const e of inHistoryOrder(ctx.entries)) {
    if (e.kind === "group_response") {
      const p = e.payload;
      const groupId = String(p.groupId);
      const before = latestOfGroup.get(groupId) ?? null;
      if ((p.supersedes ?? null) !== before) throw new RecordMismatch(`${entryName(e)}: says it supersedes ${String(p.supersedes ?? "nothing")}, but the group's answer before it in the ledger is ${before ?? "none"}`);
      if (typeof p.response === "string" && sha256Hex(p.response) !== p.responseSha256) throw new RecordMismatch(`${entryName(e)}: its text does not match its SHA-256`);
      if (e.subjectId) {
        latestOfGroup.set(groupId, e.subjectId);
        groups.set(e.subjectId, e);
        members.set(e.subjectId, []);
      }
      continue;
    }
    if (e.kind !== "disposition" || typeof e.payload.groupResponseId !== "string") continue;
    const id = e.payload.groupResponseId;
    const g = groups.get(id);
    if (!g) throw new RecordMismatch(`${entryName(e)}: answers as part of group response ${id}, which the ledger does not record before it`);
    if (e.payload.outcome !== g.payload.outcome) throw new RecordMismatch(`${entryName(e)}: its outcome differs from the group response ${id} it belongs to`);
    if (typeof e.payload.responseSha256 === "string" && e.payload.responseSha256 !== g.payload.responseSha256) throw new RecordMismatch(`${entryName(e)}: its text differs from the group response ${id} it belongs to`);
    members.get(id)!.push(String(e.payload.commentId));
  }
  for (const [id, g] of groups) {
    const ids = members.get(id)!;
    if (ids.length !== Number(g.payload.memberCount)) throw new RecordMismatch(`${entryName(g)}: says it answered ${String(g.payload.memberCount)} comments, the ledger holds ${ids.length} responses naming it`);
    const digest = createHash("sha256").update([...ids].sort().join("\n")).digest("hex");
    if (digest !== g.payload.membersSha256) throw new RecordMismatch(`${entryName(g)}: the comments answered are not those its members digest names`);
  }
}
