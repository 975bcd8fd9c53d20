import type { Db } from "../../db/client.js";
import type { SectionRow } from "../../db/schema.js";
import type { ConsultationView } from "../auth/access.js";
import { presenceColour } from "../collab/presence.js";
import { isAppError } from "../errors.js";
import { compareSectionAuthored, type AuthoredComparison, type Person } from "./history.js";
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
export async function compareOrEmpty(db: Db, view: ConsultationView, section: SectionRow, from: string, to: string): Promise<AuthoredComparison> {
  const attempt = (f: string, t: string) => compareSectionAuthored(db, view, section, f, t);
  try {
    return await attempt(from, to);
  } catch (e) {
    if (!isAppError(e) || e.code !== "not_found" || !from.startsWith("v")) throw e;
    return attempt("0", to);
  }
}

/**
 * A comparison as the compare page draws it in one layout: the blocks of that layout only
 * (inline, or before and after side by side), without their server-side offsets, and each
 * span's authors by id (the page names each person once, in `authors`).
 */
export function toClient(c: AuthoredComparison, layout: "inline" | "side") {
  const strip = (blocks: AuthoredComparison["inline"]) => blocks.map((b) => ({ type: b.type, level: b.level, context: b.context, spans: b.spans }));
  const none: ReturnType<typeof strip> = [];
  const side = layout === "side";
  return { from: c.from, to: c.to, inserted: c.inserted, deleted: c.deleted, inline: side ? none : strip(c.inline), before: side ? strip(c.before) : none, after: side ? strip(c.after) : none, authors: c.authors };
}

interface Paged {
  inserted: number;
  deleted: number;
  inline: unknown[];
  before: unknown[];
  after: unknown[];
}

/**
 * One page of a comparison: at most `size` paragraphs (blocks of the layout shown, the longer
 * of before and after side by side), counted across the compared sections in order, so a
 * diff of a long history is not rendered and sent whole (COMPARE_PAGE_BLOCKS, ADR 044).
 * Each section keeps its counts; one whose changes are all on another page names it
 * (`onPage`). A page past the end is the last one.
 */
export function pageComparisons<S extends Paged>(sections: S[], options: { page: number; size: number; layout: "inline" | "side" }) {
  const { size, layout } = options;
  const lengthOf = (s: S) => (s.inserted + s.deleted === 0 ? 0 : layout === "side" ? Math.max(s.before.length, s.after.length) : s.inline.length);
  const total = sections.reduce((n, s) => n + lengthOf(s), 0);
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, options.page), pages);
  const start = (page - 1) * size;
  const end = Math.min(total, start + size);
  let offset = 0;
  const shown = sections.map((s) => {
    const n = lengthOf(s);
    const [from, to] = [Math.max(0, start - offset), Math.min(n, end - offset)];
    const onPage = n > 0 && to <= from ? 1 + Math.floor(offset / size) : null;
    offset += n;
    const slice = <L extends unknown[]>(blocks: L) => (to > from ? blocks.slice(from, to) : []) as L;
    return { ...s, inline: slice(s.inline as S["inline"]), before: slice(s.before as S["before"]), after: slice(s.after as S["after"]), onPage };
  });
  return { sections: shown, paging: { page, pages, from: Math.min(total, start + 1), to: end, total } };
}
