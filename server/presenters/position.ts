import type { PositionRow } from "../../db/schema.js";

/** The viewer's own current position on a section, as the page's form shows it. */
export function presentOwnPosition(p: Pick<PositionRow, "stance" | "rationale"> | undefined): { stance: PositionRow["stance"]; rationale: string } | null {
  return p ? { stance: p.stance, rationale: p.rationale } : null;
}
