import { DISPOSITION_OUTCOMES, STAKEHOLDER_GROUPS, type DispositionOutcome } from "../../common/enums.js";

/** The report's filters from its query string; anything unknown is ignored. */
export function reportFilterOf(url: URL) {
  const outcome = url.searchParams.get("outcome") ?? "";
  const group = url.searchParams.get("group") ?? "";
  const kind = url.searchParams.get("kind") ?? "";
  return {
    outcome: ([...DISPOSITION_OUTCOMES, "open"] as string[]).includes(outcome) ? (outcome as DispositionOutcome | "open") : undefined,
    group: (STAKEHOLDER_GROUPS as readonly string[]).includes(group) ? group : undefined,
    kind: kind === "comment" || kind === "suggestion" ? (kind as "comment" | "suggestion") : undefined,
    sectionId: url.searchParams.get("section") || undefined,
  };
}

/** Whether the reader asked for the whole report. */
export function isUnfiltered(filter: ReturnType<typeof reportFilterOf>): boolean {
  return Object.values(filter).every((v) => v === undefined);
}
