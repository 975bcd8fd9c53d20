import { countPublicGroupAnswers, currentGroupAnswersOf, findCurrentGroupResponse, findGroup, findGroupResponse, groupAnswerState, versionNumberOf } from "../../../db/queries/group-response.js";
import { findComment } from "../../../db/queries/comment.js";
import type { Db } from "../../../db/client.js";
import type { DispositionOutcome } from "../../../db/schema.js";
import { isTeam, mayOnComment, type ConsultationView } from "../../auth/access.js";
import { notFound } from "../../errors.js";

/** How many sections' recent changes the group's answer form offers to link. */
const GROUP_LINK_SECTIONS = 5;

/** An answer as pages show it. */
interface AnswerView {
  id: string;
  outcome: DispositionOutcome;
  response: string;
  at: string;
  changeSetIds: string[];
  versionNumber: number | null;
}

/**
 * What the team's page for answering a group shows: the group (its label, terms,
 * gist, the canonical text when the viewer may read it), how many members it has,
 * how many already have their own response, the answer in force, and the sections
 * whose changes may be linked. A group of another consultation, and anyone not
 * answering comments here, get "not found".
 */
export async function groupForAnswer(db: Db, view: ConsultationView, groupId: string) {
  if (!view.may("comment.respond")) throw notFound("That group");
  const group = await findGroup(db.kysely, groupId);
  if (!group || group.consultation_id !== view.consultation.id) throw notFound("That group");
  const canonical = group.canonical_id ? await findComment(db.kysely, group.canonical_id) : undefined;
  // A held or hidden text is its author's (and the moderators' queue's), never shown here.
  const canonicalText = canonical && canonical.status === "published" && mayOnComment(view, "comment.view", canonical) ? canonical.body : null;
  const [state, current] = await Promise.all([groupAnswerState(db.kysely, group.id, GROUP_LINK_SECTIONS), findCurrentGroupResponse(db.kysely, group.id)]);
  return {
    group: {
      id: group.id,
      kind: group.kind,
      label: group.label,
      terms: JSON.parse(group.terms) as string[],
      gist: group.gist,
      canonicalText,
      size: group.size,
      mergedInto: group.merged_into,
    },
    ...state,
    current: current ? await answerView(db, current) : null,
  };
}

async function answerView(db: Db, r: { id: string; outcome: DispositionOutcome; response: string; created_at: string; change_set_ids: string; version_id: string | null }): Promise<AnswerView> {
  return {
    id: r.id,
    outcome: r.outcome,
    response: r.response,
    at: r.created_at,
    changeSetIds: JSON.parse(r.change_set_ids) as string[],
    versionNumber: await versionNumberOf(db.kysely, r.version_id),
  };
}

/**
 * A group's answer as the public reads it: the words, outcome and links, and how
 * many published public comments it was given to. An answer given to no public
 * comment (only to confidential, held or hidden ones) is the team's alone: to
 * others it does not exist. The group's label and texts are not shown.
 */
export async function publicGroupAnswer(db: Db, view: ConsultationView, id: string) {
  const r = await findGroupResponse(db.kysely, id);
  if (!r || r.consultation_id !== view.consultation.id) throw notFound("That answer");
  const count = (await countPublicGroupAnswers(db.kysely, [r.id], true)).get(r.id) ?? 0;
  if (count === 0 && !isTeam(view)) throw notFound("That answer");
  return { ...(await answerView(db, r)), count, superseded: r.superseded_at !== null };
}

/**
 * The "answered together" mark of the report's rows: for each comment whose current
 * response is a group's, which group response, its words, and how many published
 * public comments hold it.
 */
export async function togetherOf(db: Db, commentIds: readonly string[]): Promise<Map<string, { groupResponseId: string; response: string; count: number }>> {
  const answers = await currentGroupAnswersOf(db.kysely, commentIds);
  if (answers.size === 0) return new Map();
  const counts = await countPublicGroupAnswers(db.kysely, [...answers.values()].map((a) => a.groupResponseId));
  return new Map([...answers].map(([id, a]) => [id, { ...a, count: counts.get(a.groupResponseId) ?? 0 }]));
}
