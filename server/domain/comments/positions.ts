import { countPositions, insertPosition, listPositionsOfUser, supersedePositions } from "../../../db/queries/comment.js";
import type { UserProfile } from "../../../db/queries/user.js";
import type { PositionRow, SectionRow, Stance } from "../../../db/schema.js";
import type { ConsultationView } from "../../auth/access.js";
import { newId, nowIso } from "../../ids.js";
import { appendLedger } from "../../ledger/append.js";
import { positionEvent } from "../../ledger/participation.js";
import { submissionDigest } from "../../ledger/receipts.js";
import { recordReceipt } from "../receipts.js";
import { actingUser, type CommentDeps } from "./deps.js";

/**
 * Records the participant's current position on a section, keeping the earlier one as
 * history, with its ledger entry and the participant's receipt; returns the receipt's reference.
 */
export async function takePosition(
  deps: CommentDeps,
  view: ConsultationView,
  section: SectionRow,
  user: UserProfile | null,
  input: { stance: Stance; rationale: string; quote?: string | null },
): Promise<string> {
  const author = actingUser(view, user);
  await deps.limiter.consume(author.id);
  const at = nowIso();
  const reference = await deps.db.kysely.transaction().execute(async (tx) => {
    const supersedes = await supersedePositions(tx, section.id, author.id, at);
    const row: PositionRow = {
      id: newId(),
      section_id: section.id,
      consultation_id: view.consultation.id,
      user_id: author.id,
      stance: input.stance,
      rationale: input.rationale,
      quote_exact: input.quote || null,
      stakeholder_group: author.stakeholder_group,
      created_at: at,
      superseded_at: null,
    };
    await insertPosition(tx, row);
    const event = positionEvent(row, supersedes);
    const head = await appendLedger(tx, deps.db.dialect, event);
    const subject = { kind: "position" as const, id: row.id, userId: author.id, consultationId: row.consultation_id, createdAt: at };
    return recordReceipt(tx, subject, { head, digest: submissionDigest(event.payload) });
  });
  deps.bus.publish({ type: "section.activity", sectionId: section.id });
  return reference;
}

export async function myPositions(deps: CommentDeps, section: SectionRow, user: UserProfile | null) {
  return user ? listPositionsOfUser(deps.db.kysely, section.id, user.id) : [];
}

export async function positionCounts(deps: CommentDeps, where: { sectionId?: string; consultationId?: string }) {
  return countPositions(deps.db.kysely, where);
}
