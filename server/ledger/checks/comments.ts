import { PUBLIC_CHAIN, saltedDigest, sha256Hex } from "../chain.js";
import type { ServedComment } from "../served.js";
import { RecordMismatch, entryName, type CheckContext } from "./context.js";
import { commentName, ledgerComments, onUnreadTeamChain, participationStart, servedComments, shownPublicly, type LedgerComment } from "./participation.js";

/**
 * Every comment the public is shown must be the ledger's latest word on it (text,
 * kind, thread, suggested replacement and, from the database, the author), and every
 * comment the ledger says is public must still be shown. Comments written before the
 * participation record began have no submission entry: they are counted, not compared.
 */
export async function checkComments(ctx: CheckContext): Promise<void> {
  const sections = await servedComments(ctx);
  if (!sections) {
    ctx.note("this source does not serve comments; they were not compared");
    return;
  }
  const ledger = ledgerComments(ctx);
  const start = participationStart(ctx);
  const salts = (await ctx.source.served.entrySalts?.(["submission"])) ?? null;
  let predate = 0;
  let unpublished = 0;
  const seen = new Set<string>();
  for (const s of sections) {
    if (!s.comments) {
      unpublished += 1;
      continue;
    }
    for (const c of s.comments) {
      seen.add(c.id);
      const l = ledger.get(c.id);
      if (l) compareComment(c, l, salts);
      else if (start === null || c.createdAt < start || onUnreadTeamChain(ctx, s.consultationId, c.createdAt)) predate += 1;
      else throw new RecordMismatch(`comment ${c.id} (section ${s.sectionId}): served, but the ledger has no submission for it although it was written after the participation record began (${start})`);
    }
  }
  const read = new Set(sections.filter((s) => s.comments !== null).map((s) => s.sectionId));
  for (const l of ledger.values()) {
    if (!shownPublicly(l) || seen.has(l.id)) continue;
    if (read.has(l.sectionId)) throw new RecordMismatch(`${entryName(l.submission)}: the comment is missing from what is served`);
    // Only a draft's sections may go; a comment made public after opening keeps its section.
    if (l.submission.chain === PUBLIC_CHAIN) throw new RecordMismatch(`${entryName(l.submission)}: the comment is missing from what is served (its section ${l.sectionId} is not served at all)`);
  }
  if (predate > 0) ctx.note(`${predate} comment(s) predate the participation record and were not compared`);
  if (unpublished > 0) ctx.note(`${unpublished} section(s) named in the ledger are not served (deleted while a draft, or not public at this source); their comments were not compared`);
}

/** How a served author looks when the author chose not to be named (server/domain/shown-author.ts). */
function isAnonymous(a: ServedComment["author"]): boolean {
  return a.name === "Anonymous" && a.organisation === "";
}

function compareComment(c: ServedComment, l: LedgerComment, salts: Map<string, string> | null): void {
  const sub = l.submission;
  if (c.withdrawn) {
    if (l.status !== "deleted" || !l.answeredWithdrawal) throw new RecordMismatch(`${commentName(c.id, l.lastWord)}: served as withdrawn, but the ledger records no withdrawal of an answered comment`);
  } else if (l.visibility !== "public" || l.status !== "published") {
    throw new RecordMismatch(`${commentName(c.id, l.lastWord)}: served as published, but the ledger records it as ${l.visibility} and ${l.status}`);
  }
  if (c.kind !== sub.payload.kind) throw new RecordMismatch(`${commentName(c.id, sub)}: served as a ${c.kind}, recorded as a ${String(sub.payload.kind)}`);
  if (c.parentId !== sub.payload.parentId) throw new RecordMismatch(`${commentName(c.id, sub)}: served in another thread (${c.parentId ?? "none"}) than recorded (${String(sub.payload.parentId ?? "none")})`);
  if (!c.withdrawn && !l.textUnknown && l.bodySha256 !== null) {
    const served = sha256Hex(c.body);
    if (served !== l.bodySha256) throw new RecordMismatch(`${commentName(c.id, l.textEntry)}: the text served differs from the text recorded (SHA-256 ${served} served, ${l.bodySha256} recorded)`);
    const replacement = c.replacement === null ? null : sha256Hex(c.replacement);
    if (replacement !== l.replacementSha256) throw new RecordMismatch(`${commentName(c.id, l.textEntry)}: the suggested replacement served differs from the one recorded`);
  }
  // How the author is shown follows their publication choice, as the submission recorded it.
  const publication = sub.payload.publication;
  if (c.publication !== undefined && publication !== undefined && c.publication !== publication) {
    throw new RecordMismatch(`${commentName(c.id, sub)}: shown by ${c.publication}, but its author chose ${String(publication)} when submitting`);
  }
  // The public version of a confidential submission is served anonymous whatever was chosen (ADR 019).
  const anonymous = publication === "anonymous" || (sub.payload.redactedOf !== undefined && sub.payload.redactedOf !== null);
  if (publication !== undefined && !c.withdrawn && isAnonymous(c.author) !== anonymous) {
    throw new RecordMismatch(
      `${commentName(c.id, sub)}: its author is served ${isAnonymous(c.author) ? "as anonymous" : `by name ("${c.author.name}")`}, but the author chose ${String(publication)} when submitting`,
    );
  }
  // From the database: the account the row names must be the one the submission committed to.
  const salt = salts?.get(`${sub.chain}#${sub.seq}`);
  if (c.authorId !== undefined && salt && saltedDigest(salt, c.authorId) !== sub.payload.authorDigest) {
    throw new RecordMismatch(`${commentName(c.id, sub)}: the author served is not the author recorded (the comment row names another account)`);
  }
}
