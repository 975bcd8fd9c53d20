import { createHash } from "node:crypto";
import { currentDispositionsOf, findCurrentGroupResponse, findGroup, insertDispositions, insertGroupResponse, listGroupMemberComments, type GroupResponseRow } from "../../../db/queries/group-response.js";
import { refreshCommentDocs } from "../../../db/queries/search.js";
import type { UserProfile } from "../../../db/queries/user.js";
import type { CommentRow, DispositionOutcome, DispositionRow } from "../../../db/schema.js";
import { mayOnComment, type ConsultationView } from "../../auth/access.js";
import { AppError, forbidden, notFound, unauthenticated } from "../../errors.js";
import { newId, nowIso } from "../../ids.js";
import { appendManyLedger, type LedgerEvent } from "../../ledger/append.js";
import { sha256Hex } from "../../ledger/chain.js";
import { notifyResponses } from "../notifications/index.js";
import { dispositionEvent, resolveLinks } from "./record.js";
import type { DispositionDeps } from "./respond.js";

export interface GroupResponseInput {
  groupId: string;
  outcome: DispositionOutcome;
  response: string;
  changeSetIds: string[];
  versionNumber?: number;
  /**
   * Also replace a member's own response (one given to that comment alone, after
   * the group's earlier answer). Off by default: a considered single answer is not
   * overwritten by a bulk one unless the team says so.
   */
  overrideIndividual?: boolean;
}

export interface GroupResponseResult {
  id: string;
  /** How many member comments received this answer. */
  answered: number;
  /** Members kept with their own response (overrideIndividual off). */
  keptIndividual: number;
}

/** Member comments written per chunk (dispositions, search index, notifications): bounds each statement. */
const MEMBER_CHUNK = 500;

/**
 * The digest of a group response's members as the ledger records it: SHA-256 of
 * their comment ids, sorted, one per line. The verifier recomputes it from the
 * disposition entries that name the group response.
 */
function membersDigest(commentIds: readonly string[]): string {
  return createHash("sha256").update([...commentIds].sort().join("\n")).digest("hex");
}

/**
 * The drafting team's one considered answer to a group of comments (a campaign or a
 * topic; issue 18, ADR 032). In one transaction: the group's earlier answer is
 * superseded, the new one stored and recorded in the ledger, and every current
 * member the responder may answer (confidential ones only by their recipients;
 * deleted ones skipped) gets a disposition carrying the group response's id, each
 * with its own ledger entry, superseding the comment's earlier response. A member
 * whose current response is its own (not a group's) keeps it unless
 * `overrideIndividual`. A later single response to a member supersedes the group's
 * for that comment only. Authors are notified through the outbox.
 */
export async function respondToGroup(deps: DispositionDeps, view: ConsultationView, user: UserProfile | null, input: GroupResponseInput, decidedAt: string = nowIso()): Promise<GroupResponseResult> {
  if (!user) throw unauthenticated();
  // A group's answer is public (the ledger and the results print it): the drafting team's to give, to public comments only.
  if (!view.may("comment.respond")) throw forbidden("Only the drafting team can respond to comments.");
  const { db } = deps;
  const consultationId = view.consultation.id;
  const group = await findGroup(db.kysely, input.groupId);
  if (!group || group.consultation_id !== consultationId) throw notFound("That group");
  if (group.merged_into) throw new AppError("conflict", "That group was merged into another one: answer the group it was merged into.");
  const changeSetIds = [...new Set(input.changeSetIds)];
  const version = await resolveLinks(db.kysely, consultationId, changeSetIds, input.versionNumber);
  const sections = new Set<string>();
  const result = await db.kysely.transaction().execute(async (tx) => {
    const members = (await listGroupMemberComments(tx, group.id)).filter(
      // A confidential submission is answered on its own, by its recipients (ADR 019): a group's answer would tell the public it exists.
      (c) => c.visibility === "public" && c.status !== "deleted" && mayOnComment(view, "comment.view", c) && mayOnComment(view, "comment.respond", c),
    );
    const current = await currentDispositionsOf(
      tx,
      members.map((c) => c.id),
    );
    const answer: CommentRow[] = [];
    let keptIndividual = 0;
    for (const c of members) {
      const d = current.get(c.id);
      if (d && d.group_response_id === null && !input.overrideIndividual) keptIndividual++;
      else answer.push(c);
    }
    if (answer.length === 0) {
      throw new AppError(
        "conflict",
        members.length === 0 ? "That group has no comment you may answer." : "Every comment of that group already has its own response; choose to replace them to answer them together.",
      );
    }
    const earlier = await findCurrentGroupResponse(tx, group.id);
    const row: GroupResponseRow = {
      id: newId(),
      consultation_id: consultationId,
      group_id: group.id,
      outcome: input.outcome,
      response: input.response,
      change_set_ids: JSON.stringify(changeSetIds),
      version_id: version?.id ?? null,
      decided_by: user.id,
      member_count: answer.length,
      created_at: decidedAt,
      superseded_at: null,
    };
    await insertGroupResponse(tx, row);
    const dispositions: DispositionRow[] = answer.map((c) => ({
      id: newId(),
      consultation_id: consultationId,
      section_id: c.section_id,
      comment_id: c.id,
      outcome: row.outcome,
      response: row.response,
      change_set_ids: row.change_set_ids,
      version_id: row.version_id,
      decided_by: user.id,
      created_at: decidedAt,
      superseded_at: null,
      group_response_id: row.id,
    }));
    await insertDispositions(tx, dispositions);
    const events: LedgerEvent[] = [
      {
        kind: "group_response",
        consultationId,
        subjectId: row.id,
        createdAt: decidedAt,
        payload: {
          groupId: group.id,
          kind: group.kind,
          outcome: row.outcome,
          response: row.response,
          responseSha256: sha256Hex(row.response),
          changeSetIds,
          versionId: row.version_id,
          decidedBy: user.id,
          memberCount: answer.length,
          membersSha256: membersDigest(answer.map((c) => c.id)),
          supersedes: earlier?.id ?? null,
          overrideIndividual: input.overrideIndividual === true,
        },
      },
      ...dispositions.map((d, i) => dispositionEvent(d, answer[i]!, current.get(d.comment_id)?.id ?? null)),
    ];
    await appendManyLedger(tx, db.dialect, consultationId, events);
    for (let i = 0; i < answer.length; i += MEMBER_CHUNK) {
      const some = answer.slice(i, i + MEMBER_CHUNK);
      await refreshCommentDocs(
        tx,
        some.map((c) => c.id),
      );
      for (const c of some) sections.add(c.section_id);
    }
    // Each author hears of the answer as of a single one: a notification row now, the mail through the outbox after the commit.
    if (deps.mail) await notifyResponses(tx, deps.mail, answer.map((comment, i) => ({ comment, responseId: dispositions[i]!.id })), row.outcome, user.id);
    return { id: row.id, answered: answer.length, keptIndividual };
  });
  deps.mail?.kick();
  for (const sectionId of sections) deps.bus.publish({ type: "section.activity", sectionId });
  return result;
}
