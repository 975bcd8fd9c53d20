import type { Db } from "../../db/client.js";
import type { SectionRow } from "../../db/schema.js";
import type { ConsultationView } from "../auth/access.js";
import { presenceColour } from "../collab/presence.js";
import { isAppError } from "../errors.js";
import { compareSection, type Person, type SectionComparison } from "./history.js";
/** Everyone named in some comparisons, with the colour their insertions are drawn in. */
export function peopleWithColours(groups: { authors: Person[] }[]) {
  const byId = new Map<string, Person>();
  for (const g of groups) for (const p of g.authors) byId.set(p.id, p);
  return [...byId.values()].map((p) => ({ ...p, colour: presenceColour(p.id) }));
}

/**
 * Compares a section between two points; a version the section was not part
 * of counts as empty (the section was added later).
 */
export async function compareOrEmpty(db: Db, view: ConsultationView, section: SectionRow, from: string, to: string): Promise<SectionComparison> {
  const attempt = (f: string, t: string) => compareSection(db, view, section, f, t);
  try {
    return await attempt(from, to);
  } catch (e) {
    if (!isAppError(e) || e.code !== "not_found" || !from.startsWith("v")) throw e;
    return attempt("0", to);
  }
}

/** A comparison as the browser draws it: the blocks without their server-side offsets. */
export function toClient(c: SectionComparison) {
  const strip = (blocks: SectionComparison["inline"]) => blocks.map((b) => ({ type: b.type, level: b.level, context: b.context, spans: b.spans }));
  return { from: c.from, to: c.to, inserted: c.inserted, deleted: c.deleted, inline: strip(c.inline), before: strip(c.before), after: strip(c.after), authors: c.authors };
}
