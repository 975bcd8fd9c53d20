/**
 * The drafting team's curation of topics (issue 18 point 2, ADR 031): rename (label and
 * gist), merge one topic into another, move comments to another topic, split comments
 * into a new topic. Whoever may respond to comments may do it. What the team did is kept:
 * a curated topic keeps its name, and a comment the team placed is pinned, so nothing
 * automatic moves it again. This is the team's internal organisation, not public state:
 * it is not in the ledger (the group responses built on it are).
 */
import type { Db, Executor } from "../../../db/client.js";
import {
  countTopicMembers,
  findMergedInto,
  findTopic,
  findTopicCentre,
  insertTopic,
  listSignatures,
  listTopicMemberships,
  listTopicMembers,
  listTopicChoices,
  listTopics,
  moveAllTopicMembers,
  moveTopicMembers,
  updateTopic,
  type CommentGroupRow,
} from "../../../db/queries/topic.js";
import { GROUP_MEMBERS_PAGE, GROUPS_PAGE } from "../../../common/limits.js";
import { readsConfidentialOf, type ConsultationView } from "../../auth/access.js";
import { AppError, notFound } from "../../errors.js";
import { newId, nowIso } from "../../ids.js";
import { addVectors, vectorFromJson, vectorToJson, type TermVector } from "./terms.js";
import { CENTROID_TERMS, indexTopicTerms, labelTerms, unindexTopic, vectorsOf } from "./topics.js";

/** How many topics the "merge into" and "move to" choices list (the largest). */
const TOPIC_CHOICES = 100;
/** Representative comments shown with each topic in the list. */
const REPRESENTATIVES = 3;

/** The grouping view and its curation are the team's: anyone else gets the same 404 as for a missing page. */
export function requireGrouping(view: ConsultationView): void {
  if (!view.may("comment.respond")) throw notFound("That page");
}

const teamViewer = (view: ConsultationView) => ({ userId: view.actor.kind === "user" ? view.actor.userId : null, team: true, confidential: readsConfidentialOf(view) });
const termsOf = (g: Pick<CommentGroupRow, "terms">): string[] => {
  try {
    const t = JSON.parse(g.terms) as unknown;
    return Array.isArray(t) ? t.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
};

/** A page of a consultation's topics, largest first, each with its most representative comments. */
export async function topicsPage(db: Db, view: ConsultationView, query: { section?: string; page: number }) {
  requireGrouping(view);
  const viewer = teamViewer(view);
  const { rows, total } = await listTopics(db.kysely, view.consultation.id, { sectionId: query.section, limit: GROUPS_PAGE, offset: (query.page - 1) * GROUPS_PAGE });
  const topics = [];
  for (const g of rows) {
    const reps = await listTopicMembers(db.kysely, g.id, viewer, { limit: REPRESENTATIVES, offset: 0, order: "representative", sectionId: query.section });
    topics.push({ id: g.id, label: g.label, gist: g.gist, terms: termsOf(g), size: Number(g.size), shown: g.shown, curated: Number(g.curated) === 1, representatives: reps.map((r) => ({ id: r.id, body: r.body, sectionId: r.section_id, sectionTitle: r.section_title })) });
  }
  return { topics, total, pages: Math.max(1, Math.ceil(total / GROUPS_PAGE)) };
}

/** The live topic a merged one ended in (merges chain; at most a few hops are followed), or null. */
export async function mergedTopicTarget(db: Db, view: ConsultationView, groupId: string): Promise<string | null> {
  requireGrouping(view);
  let id = groupId;
  for (let hop = 0; hop < 8; hop++) {
    const next = await findMergedInto(db.kysely, view.consultation.id, id);
    if (!next) return id === groupId ? null : ((await findTopic(db.kysely, view.consultation.id, id)) ? id : null);
    id = next;
  }
  return null;
}

/** One topic with a page of its members and the topics its members may go to. */
export async function topicDetail(db: Db, view: ConsultationView, groupId: string, query: { section?: string; page: number }) {
  requireGrouping(view);
  const g = await findTopic(db.kysely, view.consultation.id, groupId);
  if (!g) throw notFound("That group");
  const members = await listTopicMembers(db.kysely, g.id, teamViewer(view), { limit: GROUP_MEMBERS_PAGE, offset: (query.page - 1) * GROUP_MEMBERS_PAGE, order: "arrival", sectionId: query.section });
  const choices = await listTopicChoices(db.kysely, view.consultation.id, g.id, TOPIC_CHOICES);
  const size = Number(g.size);
  return {
    topic: { id: g.id, label: g.label, gist: g.gist, terms: termsOf(g), size, curated: Number(g.curated) === 1, canonicalId: g.canonical_id },
    members,
    pages: Math.max(1, Math.ceil(size / GROUP_MEMBERS_PAGE)),
    choices: choices.map((c) => ({ id: c.id, label: c.label, terms: termsOf(c), size: Number(c.size) })),
  };
}

async function requireTopic(tx: Executor, view: ConsultationView, id: string, field: string): Promise<CommentGroupRow> {
  const g = await findTopic(tx, view.consultation.id, id);
  if (!g) throw new AppError("invalid_input", "That group does not exist (it may have been merged).", { fieldErrors: { [field]: ["Choose a group of this consultation."] } });
  return g;
}

/** Sets a topic's size, most representative comment and (from its centroid) its terms after members left or came. */
async function settle(tx: Executor, g: CommentGroupRow, centroid: TermVector, at: string): Promise<void> {
  const size = await countTopicMembers(tx, g.id);
  await updateTopic(tx, g.id, { size, centroid: vectorToJson(centroid), terms: JSON.stringify(labelTerms(centroid)), canonical_id: await findTopicCentre(tx, g.id), updated_at: at });
  if (size === 0) await unindexTopic(tx, g.id);
  else await indexTopicTerms(tx, g.consultation_id, g.id, null, centroid);
}

export async function renameTopic(db: Db, view: ConsultationView, groupId: string, input: { label: string; gist: string }): Promise<void> {
  requireGrouping(view);
  await db.kysely.transaction().execute(async (tx) => {
    await requireTopic(tx, view, groupId, "label");
    await updateTopic(tx, groupId, { label: input.label, gist: input.gist === "" ? null : input.gist, curated: 1, updated_at: nowIso() });
  });
}

/** Merges `groupId` into `intoId`: its members move (pinned), it is marked merged (links to it still resolve to the other). */
export async function mergeTopic(db: Db, view: ConsultationView, groupId: string, intoId: string): Promise<void> {
  requireGrouping(view);
  if (groupId === intoId) throw new AppError("invalid_input", "A group cannot be merged into itself.", { fieldErrors: { into: ["Choose another group."] } });
  await db.kysely.transaction().execute(async (tx) => {
    const from = await requireTopic(tx, view, groupId, "into");
    const into = await requireTopic(tx, view, intoId, "into");
    const at = nowIso();
    await moveAllTopicMembers(tx, from.id, into.id);
    const centroid = addVectors(vectorFromJson(into.centroid), vectorFromJson(from.centroid), CENTROID_TERMS);
    await updateTopic(tx, from.id, { merged_into: into.id, size: 0, updated_at: at });
    await unindexTopic(tx, from.id);
    await updateTopic(tx, into.id, { curated: 1, updated_at: at });
    await settle(tx, { ...into, curated: 1 }, centroid, at);
  });
}

/** Members' vectors subtracted from the topics they leave and added to the one they join. */
async function shift(tx: Executor, view: ConsultationView, ids: string[], to: CommentGroupRow, at: string): Promise<void> {
  const memberships = await listTopicMemberships(tx, view.consultation.id, ids);
  const known = new Set(memberships.map((m) => m.comment_id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new AppError("invalid_input", "Some of the selected comments are not in a group of this consultation.", { fieldErrors: { ids: ["Select comments listed in this group."] } });
  const moving = memberships.filter((m) => m.group_id !== to.id);
  if (moving.length === 0) return;
  const signatures = await listSignatures(tx, moving.map((m) => m.comment_id));
  const vectors = await vectorsOf(tx, view.consultation.id, signatures);
  const vectorOf = new Map(signatures.map((s, i) => [s.comment_id, vectors[i]!]));
  let target = vectorFromJson(to.centroid);
  const sources = new Map<string, TermVector>();
  for (const m of moving) {
    const v = vectorOf.get(m.comment_id);
    if (!v) continue;
    target = addVectors(target, v, CENTROID_TERMS);
    if (!sources.has(m.group_id)) {
      const g = await findTopic(tx, view.consultation.id, m.group_id);
      sources.set(m.group_id, vectorFromJson(g?.centroid ?? null));
    }
    sources.set(m.group_id, addVectors(sources.get(m.group_id)!, v, CENTROID_TERMS, -1));
  }
  await moveTopicMembers(tx, moving.map((m) => m.comment_id), to.id);
  for (const groupId of new Set(moving.map((m) => m.group_id))) {
    const g = await findTopic(tx, view.consultation.id, groupId);
    if (g) await settle(tx, g, sources.get(groupId) ?? vectorFromJson(g.centroid), at);
  }
  await updateTopic(tx, to.id, { curated: 1, updated_at: at });
  await settle(tx, to, target, at);
}

/** Moves selected comments to another topic; the team's placement is kept (pinned). */
export async function moveToTopic(db: Db, view: ConsultationView, ids: string[], toId: string): Promise<void> {
  requireGrouping(view);
  await db.kysely.transaction().execute(async (tx) => {
    const to = await requireTopic(tx, view, toId, "to");
    await shift(tx, view, ids, to, nowIso());
  });
}

/** Splits selected comments off into a new topic (named by the team, or by its terms). Returns the new topic's id. */
export async function splitTopic(db: Db, view: ConsultationView, ids: string[], label: string): Promise<string> {
  requireGrouping(view);
  return db.kysely.transaction().execute(async (tx) => {
    const at = nowIso();
    const id = newId();
    const row = { id, consultation_id: view.consultation.id, kind: "topic" as const, label: label === "" ? null : label, terms: "[]", gist: null, canonical_id: null, size: 0, centroid: null, curated: 1, merged_into: null, created_at: at, updated_at: at };
    await insertTopic(tx, row);
    await shift(tx, view, ids, row, at);
    return id;
  });
}
