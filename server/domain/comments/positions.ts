import { countPositions, countPositionsByPassage, insertPosition, listPositionsOfUser, supersedePositions } from "../../../db/queries/comment.js";
import type { UserProfile } from "../../../db/queries/user.js";
import type { PositionRow, SectionRow, Stance } from "../../../db/schema.js";
import type { ConsultationView } from "../../auth/access.js";
import { newId, nowIso } from "../../ids.js";
import { appendLedger } from "../../ledger/append.js";
import { positionEvent } from "../../ledger/participation.js";
import { submissionDigest } from "../../ledger/receipts.js";
import { recordReceipt } from "../receipts.js";
import { actingUser, type CommentDeps } from "./deps.js";
import { locatePassage, showsAsPassage } from "./passage.js";
import { PASSAGES_SHOWN } from "../../../common/limits.js";
import { flatten } from "../../collab/text-model.js";
import { AppError } from "../../errors.js";

const NOT_A_PASSAGE = "Choose a passage from the text: select whole words, at least a few characters, or take your position on the whole section.";

/**
 * Records the participant's current position on a section, keeping the earlier one as
 * history, with its ledger entry and the participant's receipt; returns the receipt's reference.
 */
export async function takePosition(
  deps: CommentDeps,
  view: ConsultationView,
  section: SectionRow,
  user: UserProfile | null,
  input: { stance: Stance; rationale: string; quote?: { exact: string; prefix?: string; suffix?: string; start?: number } | null },
): Promise<string> {
  const author = actingUser(view, user);
  // Found in the current text as the comment form's passage is, and a passage (isPassage), or refused with nothing changed.
  const posted = input.quote?.exact ? trimmedQuote(input.quote) : null;
  const quote = posted?.exact
    ? await deps.collab.withDocument(section.id, (doc) => {
        const at = locatePassage(flatten(doc).text, posted);
        if (at === null) throw new AppError("invalid_input", NOT_A_PASSAGE, { fieldErrors: { positionQuote: [NOT_A_PASSAGE] } });
        return posted.exact;
      })
    : null;
  await deps.limiter.consume(author.id);
  const at = nowIso();
  const reference = await deps.db.kysely.transaction().execute(async (tx) => {
    const supersedes = await supersedePositions(tx, section.id, author.id, at);
    const row: PositionRow = {
      id: newId(),
      section_id: section.id,
      consultation_id: view.consultation.id,
      user_id: author.id,
      stance: input.stance,
      rationale: input.rationale,
      quote_exact: quote,
      stakeholder_group: author.stakeholder_group,
      created_at: at,
      superseded_at: null,
    };
    await insertPosition(tx, row);
    const event = positionEvent(row, supersedes);
    const head = await appendLedger(tx, deps.db.dialect, event);
    const subject = { kind: "position" as const, id: row.id, userId: author.id, consultationId: row.consultation_id, createdAt: at };
    return recordReceipt(tx, subject, { head, digest: submissionDigest(event.payload) });
  });
  deps.bus.publish({ type: "section.activity", sectionId: section.id });
  return reference;
}

export async function myPositions(deps: CommentDeps, section: SectionRow, user: UserProfile | null) {
  return user ? listPositionsOfUser(deps.db.kysely, section.id, user.id) : [];
}

export async function positionCounts(deps: CommentDeps, where: { sectionId?: string; consultationId?: string }) {
  return countPositions(deps.db.kysely, where);
}

export interface PassagePositions {
  /** The passage as it was quoted, found in the section's current text. */
  quote: string;
  counts: { stakeholder_group: string; stance: Stance; n: number }[];
  total: number;
}

/**
 * Current positions by the passage they are about, in reading order. Only passages still
 * in `text` (the section's current text) that pass the passage rule (passage.ts): one that
 * is not, or no longer, a passage of the public text is never shown as if it were; its
 * position still counts for the section.
 */
export async function positionsByPassage(deps: CommentDeps, sectionId: string, text: string): Promise<PassagePositions[]> {
  const byQuote = new Map<string, PassagePositions>();
  for (const r of await countPositionsByPassage(deps.db.kysely, sectionId)) {
    // The same rule as when taking a position, so one stored before it (a single letter, say) is not shown either.
    if (!showsAsPassage(text, r.quote_exact)) continue;
    // Stored before quotes were trimmed, "the passage " and "the passage" are one passage.
    const key = r.quote_exact.trim();
    const entry = byQuote.get(key) ?? { quote: key, counts: [], total: 0 };
    const same = entry.counts.find((c) => c.stakeholder_group === r.stakeholder_group && c.stance === r.stance);
    if (same) same.n += r.n;
    else entry.counts.push({ stakeholder_group: r.stakeholder_group, stance: r.stance, n: r.n });
    entry.total += r.n;
    byQuote.set(key, entry);
  }
  return [...byQuote.values()]
    .sort((a, b) => b.total - a.total || a.quote.localeCompare(b.quote))
    .slice(0, PASSAGES_SHOWN)
    .sort((a, b) => text.indexOf(a.quote) - text.indexOf(b.quote));
}

/** A selection's surrounding spaces belong to its context, not to the passage: one passage, however it was selected. */
function trimmedQuote(q: { exact: string; prefix?: string; suffix?: string; start?: number }): { exact: string; prefix?: string; suffix?: string; start?: number } {
  const lead = q.exact.length - q.exact.trimStart().length;
  const exact = q.exact.trim();
  return {
    exact,
    prefix: (q.prefix ?? "") + q.exact.slice(0, lead),
    suffix: q.exact.slice(lead + exact.length) + (q.suffix ?? ""),
    ...(q.start !== undefined ? { start: q.start + lead } : {}),
  };
}
