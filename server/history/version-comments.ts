import type { Db } from "../../db/client.js";
import { PUBLIC_VIEWER, type CommentViewer } from "../../db/queries/comment.js";
import { listTopLevelComments } from "../../db/queries/history.js";
import type { AnchorOutcome } from "../../db/schema.js";
import type { ConsultationView } from "../auth/access.js";
import { findQuote } from "../collab/text-model.js";
import { verifiedOrganisationsOf } from "../domain/organisations/index.js";
import { shownAuthorWithBadge, type OrganisationBadge, type ShownAuthor } from "../domain/shown-author.js";
import type { VersionDetail } from "./versions.js";

export interface VersionComment {
  id: string;
  sectionId: string;
  kind: "comment" | "suggestion";
  body: string;
  replacement: string | null;
  quote: string | null;
  author: ShownAuthor & { verifiedOrganisation: OrganisationBadge | null };
  createdAt: string;
  /** Offsets in the version's text, when the passage is there. */
  start: number | null;
  end: number | null;
  /** How the passage fared when this version was published (for comments made before it). */
  carry: AnchorOutcome | null;
}

/**
 * The public comments made against a version (before the next one was
 * published), each placed in the version's frozen text: by the anchor carried
 * over at publication, else by its quote (TextQuote, with its position as a hint).
 */
export async function versionComments(db: Db, view: ConsultationView, detail: VersionDetail): Promise<VersionComment[]> {
  const team = view.may("history.viewDrafting");
  // Which comments this viewer may read is decided in the query, by the viewer it is given.
  // Confidential submissions are read on their section page, where each read is logged; never here.
  const viewer: CommentViewer = team ? { userId: null, team: true, confidential: false } : PUBLIC_VIEWER;
  const rows = await listTopLevelComments(db.kysely, view.consultation.id, viewer);
  const verified = await verifiedOrganisationsOf(db.kysely, rows.map((r) => r.author_id));
  const texts = new Map(detail.sections.map((s) => [s.section_id, s.text]));
  const out: VersionComment[] = [];
  for (const r of rows) {
    if (detail.next && r.created_at >= detail.next.created_at) continue;
    const text = texts.get(r.section_id);
    if (text === undefined) continue;
    const carried = detail.carries.get(r.id);
    let start: number | null = null;
    let end: number | null = null;
    if (carried) {
      start = carried.start_offset;
      end = carried.end_offset;
    } else if (r.quote_exact) {
      const at = findQuote(text, r.quote_exact, r.quote_prefix ?? "", r.quote_suffix ?? "", r.position_start ?? undefined);
      if (at !== null) {
        start = at;
        end = at + r.quote_exact.length;
      }
    }
    out.push({
      id: r.id,
      sectionId: r.section_id,
      kind: r.kind,
      body: r.body,
      replacement: r.replacement,
      quote: r.quote_exact,
      // A confidential submission's public version names no one, to the team as to the public (ADR 019).
      author: shownAuthorWithBadge(r, team && r.redacted_of === null, verified.get(r.author_id)),
      createdAt: r.created_at,
      start,
      end,
      carry: carried?.outcome ?? null,
    });
  }
  return out;
}
