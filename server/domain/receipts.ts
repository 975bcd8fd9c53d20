import type { Executor } from "../../db/client.js";
import { findOwnReceipt, findReceiptDetails, insertReceipt, receiptExists } from "../../db/queries/receipt.js";
import type { ReceiptSubject } from "../../db/schema.js";
import { RECEIPT_FORMAT, newReceiptReference, normaliseReference, type ReceiptAnchor, type ReceiptDocument } from "../ledger/receipts.js";

/** New references tried before giving up; with 50 random bits a second try is already rare. */
const REFERENCE_ATTEMPTS = 5;

export interface ReceiptSubjectRef {
  kind: ReceiptSubject;
  id: string;
  userId: string;
  consultationId: string;
  createdAt: string;
}

/**
 * Writes a submission's receipt in the caller's transaction, from the ledger
 * entry just appended for it (`anchor.head`) and the digest that entry holds.
 * Comments call it from createComment; positions can call it the same way once
 * they have a ledger entry. Returns the reference number.
 */
export async function recordReceipt(tx: Executor, subject: ReceiptSubjectRef, anchor: ReceiptAnchor): Promise<string> {
  for (let attempt = 0; attempt < REFERENCE_ATTEMPTS; attempt++) {
    const reference = newReceiptReference();
    // Checked before inserting rather than by catching the key violation, which would abort a PostgreSQL transaction.
    if (await receiptExists(tx, reference)) continue;
    await insertReceipt(tx, {
      reference,
      subject_kind: subject.kind,
      subject_id: subject.id,
      user_id: subject.userId,
      consultation_id: subject.consultationId,
      chain: anchor.head.chain,
      seq: anchor.head.seq,
      hash: anchor.head.hash,
      digest: anchor.digest.value,
      salted: anchor.digest.salted ? 1 : 0,
      created_at: subject.createdAt,
    });
    return reference;
  }
  throw new Error("could not find an unused receipt reference");
}

/** Where the owner downloads a receipt. */
export function receiptPath(reference: string): string {
  return `/account/submissions/${reference}/receipt.json`;
}

/**
 * The receipt file for its owner; undefined for a reference that is not theirs
 * (or no reference at all), so others cannot tell the two apart.
 */
export async function ownReceiptDocument(db: Executor, userId: string, reference: string, server: string): Promise<ReceiptDocument | undefined> {
  const normal = normaliseReference(reference);
  const row = normal ? await findOwnReceipt(db, userId, normal) : undefined;
  if (!row) return undefined;
  const details = await findReceiptDetails(db, row);
  const salted = row.salted === 1;
  return {
    format: RECEIPT_FORMAT,
    reference: row.reference,
    server,
    consultation: { slug: details.consultation.slug, title: details.consultation.title },
    section: details.section,
    subject: { kind: row.subject_kind, id: row.subject_id },
    submittedAt: row.created_at,
    ledger: { chain: row.chain, seq: row.seq, hash: row.hash },
    digest: { alg: salted ? "salted-sha256" : "sha256", value: row.digest },
    ...(salted && details.salt ? { salt: details.salt } : {}),
    text: details.text,
  };
}

/** Whether a reference (from a redirect's query string) is this user's, so a page may show it. */
export async function isOwnReceipt(db: Executor, userId: string, reference: string): Promise<string | null> {
  const normal = normaliseReference(reference);
  return normal && (await findOwnReceipt(db, userId, normal)) ? normal : null;
}
