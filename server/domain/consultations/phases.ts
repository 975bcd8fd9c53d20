import type { Transaction } from "kysely";
import { actualWindow, phaseAt, type ActualWindow, type Phase } from "../../../common/phase.js";
import type { Db, Dialect } from "../../../db/client.js";
import { findLastChangeSet } from "../../../db/queries/collab.js";
import { findConsultationById, insertPhaseChange, listPhaseChanges, listPhaseChangesOf, updateConsultation } from "../../../db/queries/consultation.js";
import { listUnansweredComments } from "../../../db/queries/history.js";
import { listSectionSummaries } from "../../../db/queries/section.js";
import type { ConsultationRow, ConsultationStatus, Database, PhaseChangeRow } from "../../../db/schema.js";
import { readsConfidentialOf, type ConsultationView } from "../../auth/access.js";
import type { CollabService } from "../../collab/service.js";
import { AppError, forbidden } from "../../errors.js";
import { newId, nowIso } from "../../ids.js";
import { appendLedger, chainFor, readHead, type LedgerHead } from "../../ledger/append.js";
import { freezeReports } from "../dispositions/index.js";
import { teamChain } from "../../ledger/chain.js";
import type { Checkpointer } from "../../ledger/checkpoints.js";
import { settingsSnapshotEvent } from "../../ledger/settings.js";
import type { MailService } from "../../mail/index.js";
import { notifyPhaseChange } from "../follows/index.js";
import { countWorkingUpdates } from "../../../db/queries/working-copy.js";
import { UNPUBLISHED_BEFORE_FINAL } from "./working-copy.js";

const NEXT_PHASES: Record<ConsultationStatus, ConsultationStatus[]> = {
  draft: ["open"],
  open: ["closed"],
  closed: ["open", "final"],
  final: [],
};

export function allowedNextPhases(status: ConsultationStatus): ConsultationStatus[] {
  return NEXT_PHASES[status];
}

export interface PhaseDeps {
  db: Db;
  /** Settles live documents so the opening records exactly what was drafted; flushes working copies before "final". */
  collab: Pick<CollabService, "settle" | "flush"> | null;
  /** Signs the public head once the change is committed, so every phase has a signed checkpoint. */
  checkpoints?: Pick<Checkpointer, "signHead"> | null;
  /** Tells the consultation's followers, in the change's transaction (none: nobody is told, as in the demo seed). */
  mail?: MailService | null;
}

/** Refusal when the phase changed between reading the consultation and changing it. */
const PHASE_CHANGED_MEANWHILE = "The consultation's phase has just been changed by someone else: reload the page to see it.";

export async function changePhase(deps: PhaseDeps, view: ConsultationView, to: ConsultationStatus): Promise<void> {
  if (!view.may("consultation.changePhase")) throw forbidden();
  const from = view.consultation.status;
  if (!NEXT_PHASES[from].includes(to)) {
    throw new AppError("conflict", `A consultation that is ${from} cannot move to ${to}.`);
  }
  const { db } = deps;
  if (from === "draft" && deps.collab) {
    for (const s of await listSectionSummaries(db.kysely, view.consultation.id)) await deps.collab.settle(s.id);
  }
  // Whatever drafters typed up to now is counted below; later typing is refused by the working log once final.
  if (to === "final") await deps.collab?.flush();
  const now = new Date();
  const at = nowIso(now);
  const phaseChangeId = newId();
  const actorId = view.actor.kind === "user" ? view.actor.userId : null;
  await db.kysely.transaction().execute(async (tx) => {
    // The consultation's row lock (PostgreSQL), the one the working log's writes take: they are ordered with this change.
    await chainFor(tx, db.dialect, view.consultation.id);
    // Another change may have committed since this request read the consultation (a second owner, a double submit):
    // decide on the phase as it is now, so no transition is recorded twice or from a phase it no longer is in.
    if ((await findConsultationById(tx, view.consultation.id))?.status !== from) throw new AppError("conflict", PHASE_CHANGED_MEANWHILE);
    if (to === "final") {
      // Nothing can be published once final (ADR 026): what the team wrote in the working copy would be stranded.
      if ((await countWorkingUpdates(tx, view.consultation.id)).size > 0) throw new AppError("conflict", UNPUBLISHED_BEFORE_FINAL);
      // The final report answers everyone: no submission may be left without a response.
      const open = await listUnansweredComments(tx, view.consultation.id);
      if (open.length > 0) {
        throw new AppError(
          "conflict",
          `${open.length} ${open.length === 1 ? "comment has" : "comments have"} no response yet. Respond to each (or to all at once as “Noted”, with a reason) before marking the consultation final.`,
        );
      }
    }
    await updateConsultation(tx, view.consultation.id, { status: to, updated_at: at });
    await recordPhaseChange(tx, db.dialect, {
      id: phaseChangeId,
      consultation_id: view.consultation.id,
      from_status: from,
      to_status: to,
      actor_id: actorId,
      created_at: at,
    });
    // The results cannot change from here: each public version's report is frozen and fingerprinted in the ledger.
    if (to === "final") await freezeReports(tx, db.dialect, view.consultation, at);
    if (deps.mail) await notifyPhaseChange(tx, deps.mail, view.consultation, to, phaseChangeId, actorId, now);
  });
  deps.mail?.kick();
  await deps.checkpoints?.signHead();
}

/**
 * Stores a phase change and records it in the ledger. The opening entry (the
 * first public one of a consultation) carries the head of the team's drafting
 * chain and each section's state at opening, so the public history starts
 * from a state anyone can check and the private history cannot be rewritten
 * afterwards without it showing.
 */
export async function recordPhaseChange(tx: Transaction<Database>, dialect: Dialect, row: PhaseChangeRow): Promise<void> {
  await insertPhaseChange(tx, row);
  let opening: { privateHead: LedgerHead | null; sections: { sectionId: string; seq: number; stateHash: string | null }[] } | null = null;
  if (row.from_status === "draft") {
    const sections = await listSectionSummaries(tx, row.consultation_id);
    const baselines = [];
    for (const s of sections) {
      const last = await findLastChangeSet(tx, s.id);
      baselines.push({ sectionId: s.id, seq: last?.seq_to ?? 0, stateHash: last?.state_hash ?? null });
    }
    opening = { privateHead: await readHead(tx, teamChain(row.consultation_id)), sections: baselines };
  }
  await appendLedger(tx, dialect, {
    kind: "phase_change",
    consultationId: row.consultation_id,
    subjectId: row.id,
    createdAt: row.created_at,
    payload: { from: row.from_status, to: row.to_status, ...(opening ?? {}) },
  });
  if (opening) {
    // The settings the public record starts from, right after the opening: later changes are recorded against them.
    const consultation = await findConsultationById(tx, row.consultation_id);
    if (consultation) await appendLedger(tx, dialect, settingsSnapshotEvent(consultation, "opened", row.created_at));
  }
}

/** What still needs a response before the consultation can be final (the team's view: confidential ones included). */
export async function unansweredComments(db: Db, view: ConsultationView) {
  if (!view.may("comment.respond")) throw forbidden();
  const all = await listUnansweredComments(db.kysely, view.consultation.id);
  // A confidential one is listed only to its recipients, and without its words: they read those on
  // its section page, where the read is logged (ADR 019).
  return all.filter((u) => u.visibility !== "confidential" || readsConfidentialOf(view)).map((u) => (u.visibility === "confidential" ? { ...u, body: "" } : u));
}

/** The consultation's phase changes, oldest first (public once it is visible). */
export async function phaseHistory(db: Db, view: ConsultationView) {
  return listPhaseChanges(db.kysely, view.consultation.id);
}

/** The effective phase at `now`, taking the comment window into account. */
export function phaseOf(c: Pick<ConsultationRow, "status" | "opens_at" | "closes_at">, now: Date): Phase {
  return phaseAt({ status: c.status, opensAt: c.opens_at, closesAt: c.closes_at }, now);
}

/**
 * When each consultation's window really opened and closed (by its phase changes), keyed by id. The rows are
 * ones the caller may already see: phase changes of a public consultation are public (they are in the ledger).
 */
export async function actualWindowsOf(db: Db, rows: readonly ConsultationRow[], now: Date): Promise<Map<string, ActualWindow>> {
  const changes = await listPhaseChangesOf(db.kysely, rows.map((r) => r.id));
  return new Map(
    rows.map((r) => [
      r.id,
      actualWindow(
        { status: r.status, opensAt: r.opens_at, closesAt: r.closes_at },
        changes.filter((c) => c.consultation_id === r.id).map((c) => ({ to: c.to_status, at: c.created_at })),
        now,
      ),
    ]),
  );
}
