import type { Db } from "../../../db/client.js";
import {
  deleteSection,
  findMaxSectionPosition,
  insertSection,
  listSectionSummaries,
  updateSectionPosition,
  updateSectionTitle,
  type SectionSummary,
} from "../../../db/queries/section.js";
import { deleteSectionDoc, updateSectionDocTitle } from "../../../db/queries/search.js";
import { requireSection, type ConsultationView } from "../../auth/access.js";
import { AppError, forbidden } from "../../errors.js";
import { newId, nowIso } from "../../ids.js";
import { SECTIONS_PER_CONSULTATION_MAX } from "../schemas.js";

export async function listSections(db: Db, view: ConsultationView): Promise<SectionSummary[]> {
  return listSectionSummaries(db.kysely, view.consultation.id);
}

export async function addSection(db: Db, view: ConsultationView, title: string): Promise<string> {
  if (!view.may("section.manage")) throw forbidden();
  const existing = await listSectionSummaries(db.kysely, view.consultation.id);
  if (existing.length >= SECTIONS_PER_CONSULTATION_MAX) {
    throw new AppError("invalid_input", `A consultation can have at most ${SECTIONS_PER_CONSULTATION_MAX} sections.`);
  }
  const at = nowIso();
  const id = newId();
  const position = (await findMaxSectionPosition(db.kysely, view.consultation.id)) + 1;
  await insertSection(db.kysely, {
    id,
    consultation_id: view.consultation.id,
    position,
    title,
    created_at: at,
    updated_at: at,
  });
  return id;
}

export async function renameSection(db: Db, view: ConsultationView, sectionId: string, title: string): Promise<void> {
  if (!view.may("section.manage")) throw forbidden();
  await requireSection(db, view, sectionId);
  await db.kysely.transaction().execute(async (tx) => {
    await updateSectionTitle(tx, sectionId, title, nowIso());
    await updateSectionDocTitle(tx, sectionId, title);
  });
}

/** Moves a section one place up or down, renumbering positions 1..n. */
export async function moveSection(db: Db, view: ConsultationView, sectionId: string, direction: "up" | "down"): Promise<void> {
  if (!view.may("section.manage")) throw forbidden();
  await requireSection(db, view, sectionId);
  await db.kysely.transaction().execute(async (tx) => {
    const ids = (await listSectionSummaries(tx, view.consultation.id)).map((s) => s.id);
    const i = ids.indexOf(sectionId);
    const j = direction === "up" ? i - 1 : i + 1;
    if (i < 0 || j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    for (let k = 0; k < ids.length; k++) await updateSectionPosition(tx, ids[k]!, k + 1);
  });
}

export async function removeSection(db: Db, view: ConsultationView, sectionId: string): Promise<void> {
  if (!view.may("section.manage")) throw forbidden();
  if (view.consultation.status !== "draft") {
    throw new AppError("conflict", "Sections can only be deleted while the consultation is a draft; its history must stay whole once published.");
  }
  await requireSection(db, view, sectionId);
  await db.kysely.transaction().execute(async (tx) => {
    await deleteSection(tx, sectionId);
    await deleteSectionDoc(tx, sectionId);
  });
}

