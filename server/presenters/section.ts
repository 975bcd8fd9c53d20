import type { z } from "zod";
import type { SectionRow } from "../../db/schema.js";
import type { ChangeSetSummary } from "../../db/queries/collab.js";
import type { listSectionVersions } from "../../db/queries/history.js";
import { presentHead } from "./change-set.js";
import type { SectionVersionWireSchema, SectionWireSchema } from "./wire.js";

type VersionRow = Awaited<ReturnType<typeof listSectionVersions>>[number];

/** A section's live text as the read API shows it. */
export function presentSection(
  section: Pick<SectionRow, "id" | "title" | "position">,
  consultationSlug: string,
  live: { text: string; html: string; seq: number },
  head: ChangeSetSummary | undefined,
): z.infer<typeof SectionWireSchema> {
  return {
    id: section.id,
    consultation: consultationSlug,
    title: section.title,
    position: section.position,
    text: live.text,
    html: live.html,
    seq: live.seq,
    head: presentHead(head),
  };
}

/** A published version of a section, with the point name the diff endpoint accepts. */
export function presentSectionVersion(v: VersionRow): z.infer<typeof SectionVersionWireSchema> {
  return { number: v.number, name: v.name, note: v.note, publishedAt: v.created_at, title: v.title, seq: v.seq, stateHash: v.state_hash, text: v.text, point: `v${v.number}` };
}
