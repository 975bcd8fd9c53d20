import type { KeyObject } from "node:crypto";
import { PUBLIC_CHAIN } from "../chain.js";
import type { WireCheckpoint } from "../checkpoints.js";
import { publicKeyFrom, publicKeyInfo, statementSignedBy } from "../signing.js";
import { RecordMismatch, type CheckContext } from "./context.js";

/**
 * Every signed checkpoint must carry the server's signature and name an entry
 * the chain still has, with the hash it had when it was signed. So a later
 * checkpoint extends every earlier one, and a chain cut short or rewritten
 * (even with every hash recomputed) no longer matches what was signed.
 */
export async function checkCheckpoints(ctx: CheckContext): Promise<void> {
  const served = ctx.source.served;
  if (!served.checkpoints) return ctx.note("signed checkpoints were not read from this source");
  const checkpoints = await served.checkpoints();
  if (checkpoints.length === 0) return ctx.note("no signed checkpoint yet: the chain's head is not signed");
  const key = served.ledgerKey ? await served.ledgerKey() : null;
  if (!key) ctx.note("no public key was given, so checkpoint signatures were not checked (set LEDGER_SIGNING_KEY or LEDGER_SIGNING_KEY_FILE, or pass --public-key)");

  const hashes = new Map<number, string>();
  let head = 0;
  for (const e of ctx.entries) {
    if (e.chain !== PUBLIC_CHAIN) continue;
    hashes.set(e.seq, e.hash);
    head = Math.max(head, e.seq);
  }
  for (const cp of checkpoints) {
    const label = `checkpoint of ${cp.chain} #${cp.seq} signed ${cp.time}`;
    if (cp.chain !== PUBLIC_CHAIN) throw new RecordMismatch(`${label}: only the public chain is signed, yet a checkpoint of another chain is served`);
    if (key) checkSignatures(cp, label, key);
    if (cp.seq > head) throw new RecordMismatch(`${label}: the ledger now ends at #${head} (entries were removed)`);
    if (hashes.get(cp.seq) !== cp.hash) throw new RecordMismatch(`${label}: entry #${cp.seq} no longer has the hash that was signed (the chain was rewritten)`);
  }
  const newest = checkpoints[checkpoints.length - 1]!;
  ctx.note(
    `${checkpoints.length} signed checkpoint(s) match the chain; the newest signs #${newest.seq} (${newest.time}, key ${newest.keyId}) and is co-signed by ${newest.witnesses.length} witness(es)`,
  );
}

function checkSignatures(cp: WireCheckpoint, label: string, key: KeyObject): void {
  const keyId = publicKeyInfo(key).keyId;
  if (cp.keyId !== keyId) throw new RecordMismatch(`${label}: signed by key ${cp.keyId}, not by the server's key ${keyId}`);
  if (!statementSignedBy(key, cp, cp.signature)) throw new RecordMismatch(`${label}: the signature does not check out under the server's key ${keyId}`);
  for (const w of cp.witnesses) {
    let ok = false;
    try {
      ok = statementSignedBy(publicKeyFrom(w.publicKey), cp, w.signature);
    } catch {
      ok = false;
    }
    if (!ok) throw new RecordMismatch(`${label}: the co-signature of witness ${w.keyId} (self-named “${w.name}”) does not check out`);
  }
}
