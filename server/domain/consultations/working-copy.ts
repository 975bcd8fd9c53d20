import { z } from "zod";
import type { Db } from "../../../db/client.js";
import { findConsultationById, updateConsultation } from "../../../db/queries/consultation.js";
import { listSectionSummaries } from "../../../db/queries/section.js";
import { countWorkingUpdates } from "../../../db/queries/working-copy.js";
import { DRAFTING_MODES, type DraftingMode } from "../../../db/schema.js";
import { requireSection, type ConsultationView } from "../../auth/access.js";
import type { Bus } from "../../bus/bus.js";
import type { CollabService } from "../../collab/service.js";
import { AppError, forbidden, isAppError } from "../../errors.js";
import { nowIso } from "../../ids.js";
import { appendLedger, chainFor } from "../../ledger/append.js";
import { settingsChangeEvent } from "../../ledger/settings.js";

// Drafting without an audience (issue 17, ADR 026): a consultation's drafting
// mode, and publishing its working copies.

export const DraftingModeSchema = z.object({ mode: z.enum(DRAFTING_MODES, { error: "Choose how the team drafts." }) });

/** Publish one section (`sectionId`) or, left empty, every section of the consultation. */
export const PublishWorkingCopySchema = z.object({ sectionId: z.string().regex(/^(?:[a-z2-7]{16})?$/, "No such section.") });

export const UNPUBLISHED_BEFORE_LIVE =
  "The working copy has unpublished changes. Publish them (or ask the team to) before switching to live drafting, so that nothing the team wrote is left behind.";

export const UNPUBLISHED_BEFORE_FINAL =
  "The working copy has unpublished changes. Publish them before marking the consultation final: once it is final, nothing more can be published.";

/**
 * Sets how the team drafts, with its settings entry in the ledger, in one
 * transaction. Switching back to live drafting with unpublished changes is
 * refused: they would otherwise vanish from everyone's view (the working
 * committer is flushed first, and the row lock taken here is the one the
 * working log's writes take, so no keystroke slips in between). Open editor
 * connections are told to re-check their access (the public document becomes
 * writable or read-only for the team).
 */
export async function setDraftingMode(
  deps: { db: Db; bus: Bus; collab: Pick<CollabService, "flush"> | null },
  view: ConsultationView,
  mode: DraftingMode,
): Promise<"changed" | "unchanged"> {
  if (!view.may("consultation.manage")) throw forbidden();
  const { db } = deps;
  // What drafters typed up to now is in the working log before it is counted; anything
  // later is refused by the log itself once the mode has changed (WORKING_LOG.closed).
  if (mode === "live") await deps.collab?.flush();
  const id = view.consultation.id;
  const at = nowIso();
  const done = await db.kysely.transaction().execute(async (tx) => {
    // Locks the row on PostgreSQL first, so the "from" value is the one this change replaces.
    await chainFor(tx, db.dialect, id);
    const before = await findConsultationById(tx, id);
    if (!before) throw new Error(`no consultation ${id}`);
    if (before.drafting_mode === mode) return "unchanged" as const;
    if (mode === "live" && (await countWorkingUpdates(tx, id)).size > 0) throw new AppError("conflict", UNPUBLISHED_BEFORE_LIVE);
    await updateConsultation(tx, id, { drafting_mode: mode, updated_at: at });
    const event = settingsChangeEvent(before, { ...before, drafting_mode: mode }, at);
    if (event) await appendLedger(tx, db.dialect, event);
    return "changed" as const;
  });
  if (done === "changed") deps.bus.publish({ type: "consultation.changed", consultationId: id });
  return done;
}

/** Unpublished working updates per section (only sections that have some), for the team's editors; null for anyone else. */
export async function workingCopyStatus(db: Db, view: ConsultationView): Promise<{ mode: DraftingMode; unpublished: Record<string, number> } | null> {
  if (!view.may("section.edit")) return null;
  return { mode: view.consultation.drafting_mode, unpublished: Object.fromEntries(await countWorkingUpdates(db.kysely, view.consultation.id)) };
}

const PUBLISH_AFTER_FINAL = "The consultation is final; nothing can be published.";
const NOT_A_SECTION_HERE = "That section is not part of this consultation.";

/** One of the consultation's sections; another's (or none) is refused with a message the working-copy bar shows. */
async function sectionOf(db: Db, view: ConsultationView, sectionId: string) {
  return requireSection(db, view, sectionId).catch((e: unknown) => {
    throw isAppError(e) && e.code === "not_found" ? new AppError("not_found", NOT_A_SECTION_HERE, { fieldErrors: { sectionId: [NOT_A_SECTION_HERE] } }) : e;
  });
}

/**
 * Publishes the working copy of one section, or of all of them: each
 * section's unpublished updates become public at once, as change sets that
 * keep their authors. Returns how many updates were published.
 */
export async function publishWorkingCopy(deps: { db: Db; collab: Pick<CollabService, "publish" | "flush"> }, view: ConsultationView, sectionId?: string): Promise<number> {
  if (view.consultation.status === "final" && view.may("version.publish")) throw new AppError("conflict", PUBLISH_AFTER_FINAL);
  if (!view.may("section.edit")) throw forbidden("Only the drafting team can publish the working copy while the text can be edited.");
  if (view.consultation.drafting_mode !== "working") throw new AppError("conflict", "This consultation is drafted live: there is no working copy to publish.");
  let sections: { id: string }[];
  if (sectionId) sections = [await sectionOf(deps.db, view, sectionId)];
  else {
    // Only the sections with something to publish: publishing loads the section's public document, which the
    // others need not. What drafters typed up to now is in the working log before it is counted.
    await deps.collab.flush();
    const unpublished = await countWorkingUpdates(deps.db.kysely, view.consultation.id);
    sections = (await listSectionSummaries(deps.db.kysely, view.consultation.id)).filter((s) => unpublished.has(s.id));
  }
  let published = 0;
  const publisherId = view.actor.kind === "user" ? view.actor.userId : null;
  for (const s of sections) published += await deps.collab.publish(s.id, view.consultation.id, publisherId);
  return published;
}
