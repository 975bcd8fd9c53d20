import { saltedDigest } from "../chain.js";
import type { WireEntry } from "../wire.js";
import { RecordMismatch, entryName, type CheckContext } from "./context.js";
import { inHistoryOrder } from "./participation.js";

/**
 * From the database only: the words of every comment the public may not read
 * (confidential, held, hidden) must be the words the ledger committed to by salted
 * digest — its submission, or the latest recorded edit. The public cannot make this
 * check (it never holds the salts); an operator's copy of the record can, so a
 * confidential submission rewritten in the database does not pass unnoticed.
 */
export async function checkPrivateTexts(ctx: CheckContext): Promise<void> {
  const read = ctx.source.served.privateCommentTexts;
  const readSalts = ctx.source.served.entrySalts;
  if (!read || !readSalts) {
    ctx.note("the words of confidential, held and hidden comments were not compared: only a copy of the database holds them");
    return;
  }
  // The entry that last committed to each comment's words.
  const lastText = new Map<string, WireEntry>();
  for (const e of inHistoryOrder([...ctx.byKind("submission"), ...ctx.byKind("edit")])) {
    const id = String(e.payload.commentId);
    if (typeof e.payload.bodyDigest === "string") lastText.set(id, e);
  }
  const salts = await readSalts(["submission", "edit"]);
  let unrecorded = 0;
  let sealed = 0;
  for (const c of await read()) {
    if (c.body === null) {
      sealed += 1;
      continue;
    }
    const e = lastText.get(c.id);
    const salt = e && salts.get(`${e.chain}#${e.seq}`);
    if (!e || !salt) {
      unrecorded += 1;
      continue;
    }
    if (saltedDigest(salt, c.body) !== e.payload.bodyDigest) {
      throw new RecordMismatch(`comment ${c.id} (${entryName(e)}): its words in the database are not the words the ledger recorded (the salted digests differ)`);
    }
    // An edit changes only the body; the replacement is the submission's.
    const replacementDigest = e.kind === "submission" ? e.payload.replacementDigest : undefined;
    if (replacementDigest !== undefined && (c.replacement === null ? null : saltedDigest(salt, c.replacement)) !== replacementDigest) {
      throw new RecordMismatch(`comment ${c.id} (${entryName(e)}): its suggested replacement in the database is not the one the ledger recorded`);
    }
  }
  if (sealed > 0) ctx.note(`${sealed} sealed confidential text(s) were not compared: this process holds no data encryption key (DATA_ENCRYPTION_KEY or its file)`);
  if (unrecorded > 0) ctx.note(`${unrecorded} confidential, held or hidden comment(s) predate the participation record; their words were not compared`);
}
