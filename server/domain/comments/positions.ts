import { countPositions, insertPosition, listPositionsOfUser, supersedePositions } from "../../../db/queries/comment.js";
import type { UserProfile } from "../../../db/queries/user.js";
import type { PositionRow, SectionRow, Stance } from "../../../db/schema.js";
import type { ConsultationView } from "../../auth/access.js";
import { newId, nowIso } from "../../ids.js";
import { appendLedger } from "../../ledger/append.js";
import { positionEvent } from "../../ledger/participation.js";
import { actingUser, type CommentDeps } from "./deps.js";

/** Records the participant's current position on a section, keeping the earlier one as history. */
export async function takePosition(
  deps: CommentDeps,
  view: ConsultationView,
  section: SectionRow,
  user: UserProfile | null,
  input: { stance: Stance; rationale: string; quote?: string | null },
): Promise<void> {
  const author = actingUser(view, user);
  await deps.limiter.consume(author.id);
  const at = nowIso();
  await deps.db.kysely.transaction().execute(async (tx) => {
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
    await appendLedger(tx, deps.db.dialect, positionEvent(row, supersedes));
  });
  deps.bus.publish({ type: "section.activity", sectionId: section.id });
}

export async function myPositions(deps: CommentDeps, section: SectionRow, user: UserProfile | null) {
  return user ? listPositionsOfUser(deps.db.kysely, section.id, user.id) : [];
}

export async function positionCounts(deps: CommentDeps, where: { sectionId?: string; consultationId?: string }) {
  return countPositions(deps.db.kysely, where);
}
