import type { Db } from "../../../db/client.js";
import { countConfidentialInConsultation, countConsultationReads, listConsultationRecipientBodies, replaceConsultationRecipients } from "../../../db/queries/consultation-recipient.js";
import { findRecipientBodyBySlug } from "../../../db/queries/request.js";
import type { RecipientBodyRow } from "../../../db/schema.js";
import type { ConsultationView } from "../../auth/access.js";
import { AppError, forbidden } from "../../errors.js";
import { nowIso } from "../../ids.js";
import { appendLedger, type LedgerEvent } from "../../ledger/append.js";
import { listRecipientBodies } from "../requests/bodies.js";
import type { RecipientBodyWithMembers } from "../requests/load.js";

/**
 * Who reads a consultation's confidential submissions (ADR 019): the members of the
 * recipient bodies its owners name or, when they name none, its owners and drafters.
 * Moderators never read them for being moderators.
 */
export interface ConfidentialReaders {
  /** Every body an owner may name, with its members (membership is public). */
  bodies: RecipientBodyWithMembers[];
  /** The addresses of the bodies named now; empty: the owners and drafters read. */
  named: string[];
}

export async function confidentialReaders(db: Db, view: ConsultationView): Promise<ConfidentialReaders> {
  if (!view.may("consultation.manage")) throw forbidden();
  const [bodies, named] = await Promise.all([listRecipientBodies(db), listConsultationRecipientBodies(db.kysely, view.consultation.id)]);
  return { bodies, named: named.map((b) => b.slug) };
}

/** The ledger's record of a change of readers: the bodies before and after, by address and name. */
function recipientsEvent(consultation: { id: string; slug: string }, from: RecipientBodyRow[], to: RecipientBodyRow[], at: string): LedgerEvent {
  const named = (bodies: RecipientBodyRow[]) => bodies.map((b) => ({ slug: b.slug, name: b.name }));
  return {
    kind: "settings",
    consultationId: consultation.id,
    subjectId: consultation.id,
    createdAt: at,
    payload: { slug: consultation.slug, reason: "recipients", recipients: { from: named(from), to: named(to) } },
  };
}

/**
 * Names the bodies that read the consultation's confidential submissions (none: its
 * owners and drafters), with its ledger entry in the same transaction, so a submitter
 * can check who could read them at any time.
 */
export async function setConfidentialRecipients(db: Db, view: ConsultationView, slugs: readonly string[]): Promise<"changed" | "unchanged"> {
  if (!view.may("consultation.manage")) throw forbidden("Only the consultation's owners choose who reads its confidential submissions.");
  const c = view.consultation;
  return db.kysely.transaction().execute(async (tx) => {
    const to: RecipientBodyRow[] = [];
    for (const slug of slugs) {
      const body = await findRecipientBodyBySlug(tx, slug);
      if (!body) {
        const message = `No recipient body has the address “${slug}”.`;
        throw new AppError("not_found", message, { fieldErrors: { bodies: [message] } });
      }
      to.push(body);
    }
    to.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    const from = await listConsultationRecipientBodies(tx, c.id);
    if (from.map((b) => b.id).join() === to.map((b) => b.id).join()) return "unchanged";
    await replaceConsultationRecipients(tx, c.id, to.map((b) => b.id));
    await appendLedger(tx, db.dialect, recipientsEvent(c, from, to, nowIso()));
    return "changed";
  });
}

/** What anyone may know of a consultation's confidential submissions: how many, who reads them, and how often they were read. */
export interface ConfidentialSummary {
  submissions: number;
  reads: number;
  /** The named bodies' names; empty: the owners and drafters read them. */
  readers: string[];
}

export async function confidentialSummary(db: Db, view: ConsultationView): Promise<ConfidentialSummary> {
  const id = view.consultation.id;
  const [submissions, reads, bodies] = await Promise.all([countConfidentialInConsultation(db.kysely, id), countConsultationReads(db.kysely, id), listConsultationRecipientBodies(db.kysely, id)]);
  return { submissions, reads, readers: bodies.map((b) => b.name) };
}
