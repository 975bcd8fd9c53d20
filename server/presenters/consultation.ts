import type { z } from "zod";
import type { ConsultationRow } from "../../db/schema.js";
import type { SectionSummary } from "../../db/queries/section.js";
import { phaseOf } from "../domain/consultations/index.js";
import type { ConsultationDetailSchema, ConsultationWireSchema } from "./wire.js";

export type Phase = ReturnType<typeof phaseOf>;

/** Who published a consultation, as `publishersOf` finds them. */
export interface Publisher {
  name: string;
  organisation: string;
}

/** A consultation as the read API lists it (the schema documents each field). */
export type ConsultationWire = z.infer<typeof ConsultationWireSchema>;

export function presentConsultation(c: ConsultationRow, publisher: Publisher | undefined, now: Date): ConsultationWire {
  return {
    slug: c.slug,
    title: c.title,
    summary: c.summary,
    status: c.status,
    phase: phaseOf(c, now),
    opensAt: c.opens_at,
    closesAt: c.closes_at,
    moderationMode: c.moderation_mode,
    contentLanguage: c.content_language,
    timeZone: c.time_zone,
    draftingMode: c.drafting_mode,
    publisher,
  };
}

/** A section in a table of contents. */
export interface SectionEntryWire {
  id: string;
  title: string;
  position: number;
}

function presentSectionEntry(s: Pick<SectionSummary, "id" | "title" | "position">): SectionEntryWire {
  return { id: s.id, title: s.title, position: s.position };
}

/** One consultation with its contents, as the read API shows it. */
export function presentConsultationDetail(c: ConsultationRow, publisher: Publisher | undefined, sections: SectionSummary[], now: Date): z.infer<typeof ConsultationDetailSchema> {
  return { ...presentConsultation(c, publisher, now), sections: sections.map(presentSectionEntry) };
}

/** The consultation's header on its pages (the section page and its siblings). */
export interface ConsultationHeader {
  slug: string;
  title: string;
  phase: Phase;
  opensAt: string | null;
  closesAt: string | null;
  moderationMode: ConsultationRow["moderation_mode"];
  contentLanguage: string;
  timeZone: string;
  /** Whether readers see the team's edits as they are typed, or only when published (ADR 026). */
  draftingMode: ConsultationRow["drafting_mode"];
}

export function presentConsultationHeader(c: ConsultationRow, now: Date): ConsultationHeader {
  return { slug: c.slug, title: c.title, phase: phaseOf(c, now), opensAt: c.opens_at, closesAt: c.closes_at, moderationMode: c.moderation_mode, contentLanguage: c.content_language, timeZone: c.time_zone, draftingMode: c.drafting_mode };
}
