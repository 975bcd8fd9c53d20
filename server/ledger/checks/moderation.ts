import { saltedDigest } from "../chain.js";
import type { ServedModerationAction } from "../served.js";
import type { WireEntry } from "../wire.js";
import { RecordMismatch, entryName, type CheckContext } from "./context.js";
import { onUnreadTeamChain } from "./participation.js";

/**
 * Every action in a consultation's public moderation log (what was done to which
 * comment, the reason code, who acted, how many reports) must be its ledger entry,
 * and every moderation entry must be in the log. From the database the team's
 * private note is compared too, through the entry's salted digest.
 */
export async function checkModeration(ctx: CheckContext): Promise<void> {
  const read = ctx.source.served.moderationLog;
  if (!read) {
    ctx.note("this source does not serve the moderation log; it was not compared");
    return;
  }
  const entries = ctx.byKind("moderation");
  const byId = new Map(entries.map((e) => [e.subjectId, e]));
  const byConsultation = new Map<string, WireEntry[]>();
  for (const e of entries) {
    const list = byConsultation.get(e.consultationId ?? "") ?? [];
    list.push(e);
    byConsultation.set(e.consultationId ?? "", list);
  }
  const salts = (await ctx.source.served.entrySalts?.(["moderation"])) ?? null;
  // One section per consultation: how a server finds the consultation's log.
  const consultations = new Map<string, string>();
  for (const e of ctx.entries) if (e.consultationId && e.sectionId && !consultations.has(e.consultationId)) consultations.set(e.consultationId, e.sectionId);
  let unpublished = 0;
  const logged = new Set<string>();
  for (const [id, sectionId] of consultations) {
    const log = await read({ id, sectionId });
    if (!log) {
      unpublished += 1;
      continue;
    }
    for (const a of log) {
      logged.add(a.id);
      const e = byId.get(a.id);
      if (e) compareAction(a, e, salts);
      else if (!onUnreadTeamChain(ctx, id, a.at)) throw new RecordMismatch(`moderation action ${a.id} (${a.action} of comment ${a.commentId}): in the public log but not in the ledger`);
    }
    for (const e of byConsultation.get(id) ?? []) {
      if (!logged.has(e.subjectId ?? "")) throw new RecordMismatch(`${entryName(e)}: the decision (${String(e.payload.action)} of comment ${String(e.payload.commentId)}) is missing from the public moderation log`);
    }
  }
  if (unpublished > 0) ctx.note(`${unpublished} consultation(s) in the ledger do not publish a moderation log at this source; it was not compared`);
}

function compareAction(a: ServedModerationAction, e: WireEntry, salts: Map<string, string> | null): void {
  const p = e.payload;
  const differs = (what: string, served: unknown, recorded: unknown) =>
    new RecordMismatch(`${entryName(e)}: the ${what} in the public log for comment ${a.commentId} is ${JSON.stringify(served)}, the ledger records ${JSON.stringify(recorded)}`);
  if (a.commentId !== p.commentId) throw differs("comment", a.commentId, p.commentId);
  if (a.action !== p.action) throw differs("action", a.action, p.action);
  if ((a.reason ?? null) !== (p.reasonCode ?? null)) throw differs("reason", a.reason, p.reasonCode ?? null);
  if (a.role !== p.actorRole) throw differs("role", a.role, p.actorRole);
  if ("reports" in p && (a.reports ?? null) !== (p.reports ?? null)) throw differs("number of reports", a.reports, p.reports);
  if (a.at !== e.createdAt) throw differs("time", a.at, e.createdAt);
  const salt = salts?.get(`${e.chain}#${e.seq}`);
  if (a.note !== undefined && salt && typeof p.noteDigest === "string" && saltedDigest(salt, a.note) !== p.noteDigest) {
    throw new RecordMismatch(`${entryName(e)}: the team's note stored for this decision on comment ${a.commentId} differs from the one recorded`);
  }
}
