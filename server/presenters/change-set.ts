import type { ChangeSetSummary } from "../../db/queries/collab.js";
import type { UserProfile } from "../../db/queries/user.js";
import type { z } from "zod";
import { presentPerson } from "./person.js";
import type { ChangeSetWireSchema } from "./wire.js";

/** The author ids a change set row stores as JSON text. */
export function authorIdsOf(row: Pick<ChangeSetSummary, "authors">): string[] {
  return JSON.parse(row.authors) as string[];
}

/** One change set in a section's public history. */
export type ChangeSetWire = z.infer<typeof ChangeSetWireSchema>;

export function presentChangeSet(r: ChangeSetSummary, people: ReadonlyMap<string, Pick<UserProfile, "display_name" | "stakeholder_group">>): ChangeSetWire {
  return {
    seq: r.seq_to,
    seqFrom: r.seq_from,
    time: r.ended_at,
    startedAt: r.started_at,
    authors: authorIdsOf(r).map((id) => presentPerson(id, people.get(id))),
    inserted: r.inserted,
    deleted: r.deleted,
    summary: r.summary,
    hash: r.state_hash,
    suggestionId: r.suggestion_id,
  };
}

/** The newest change set as a section's head, or null before the first edit. */
export function presentHead(r: ChangeSetSummary | undefined): { seq: number; hash: string; time: string } | null {
  return r ? { seq: r.seq_to, hash: r.state_hash, time: r.ended_at } : null;
}
