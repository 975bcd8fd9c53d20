import type { Transaction } from "kysely";
import { phaseAt, type Phase } from "../../common/phase.js";
import type { Db, Dialect } from "../../db/client.js";
import { findLastChangeSet } from "../../db/queries/collab.js";
import { listUnansweredComments } from "../../db/queries/history.js";
import {
  countOwners,
  deleteMember,
  findConsultationById,
  findConsultationBySlug,
  findMemberRole,
  insertConsultation,
  insertPhaseChange,
  listPhaseChanges,
  listMembers,
  listVisibleConsultations,
  updateConsultation,
  upsertMember,
} from "../../db/queries/consultation.js";
import {
  deleteSection,
  findMaxSectionPosition,
  findSectionById,
  insertSection,
  listSectionSummaries,
  updateSectionPosition,
  updateSectionTitle,
  type SectionSummary,
} from "../../db/queries/section.js";
import { findUserByEmail, listUsersByIds, type UserProfile } from "../../db/queries/user.js";
import type { ConsultationRole, ConsultationRow, ConsultationStatus, Database, ModerationMode, PhaseChangeRow, SectionRow } from "../../db/schema.js";
import type { CollabService } from "../collab/service.js";
import { appendLedger, readHead, type LedgerHead } from "../ledger/append.js";
import { teamChain } from "../ledger/chain.js";
import { can, type Action, type Actor, type ConsultationResource } from "../auth/policy.js";
import { AppError, forbidden, isAppError, notFound, unauthenticated } from "../errors.js";
import { newId, nowIso } from "../ids.js";
import { SECTIONS_PER_CONSULTATION_MAX, SUMMARY_MAX, TITLE_MAX, textProblem } from "./schemas.js";
import { MARKDOWN_MAX_NESTING, slugify } from "./markdown.js";
import { parseMarkdownDocument, type ParsedImport, type ParsedSection } from "./import-parse.js";
import { writeInitialContent } from "../collab/persistence.js";

export const CONSULTATION_LIST_PAGE_MAX = 100;

export interface ConsultationInput {
  title: string;
  summary: string;
  opensAt: string | null;
  closesAt: string | null;
  moderationMode: ModerationMode;
  premoderateFirstPosts?: boolean;
  showModeratorNames?: boolean;
}

/** A consultation as seen by one actor: the row, the actor's role in it and what they may do. */
export interface ConsultationView {
  consultation: ConsultationRow;
  role: ConsultationRole | null;
  actor: Actor;
  may: (action: Action) => boolean;
}

export function resourceOf(c: ConsultationRow): ConsultationResource {
  return { status: c.status, opensAt: c.opens_at, closesAt: c.closes_at };
}

function actorFor(user: UserProfile | null, role: ConsultationRole | null): Actor {
  return user ? { kind: "user", userId: user.id, siteRole: user.site_role, role } : { kind: "anonymous" };
}

/**
 * Loads a consultation for a viewer. Not visible reads as not found, so an
 * outsider cannot tell a private draft from a missing one.
 */
export async function viewConsultation(db: Db, slug: string, user: UserProfile | null): Promise<ConsultationView> {
  return viewFound(db, await findConsultationBySlug(db.kysely, slug), user);
}

async function viewFound(db: Db, consultation: ConsultationRow | undefined, user: UserProfile | null): Promise<ConsultationView> {
  if (!consultation) throw notFound("That consultation");
  const role = user ? ((await findMemberRole(db.kysely, consultation.id, user.id)) ?? null) : null;
  const actor = actorFor(user, role);
  const resource = resourceOf(consultation);
  const may = (action: Action) => can(actor, action, resource);
  if (!may("consultation.view")) throw notFound("That consultation");
  return { consultation, role, actor, may };
}

/** Like viewConsultation, but the actor must also be allowed `action` (403 if visible, 401 if anonymous). */
export async function requireConsultationAction(
  db: Db,
  slug: string,
  user: UserProfile | null,
  action: Action,
): Promise<ConsultationView> {
  const view = await viewConsultation(db, slug, user);
  if (!view.may(action)) throw user ? forbidden() : unauthenticated();
  return view;
}

export async function listConsultations(
  db: Db,
  user: UserProfile | null,
  page: { limit: number; after?: { createdAt: string; id: string } },
): Promise<ConsultationRow[]> {
  return listVisibleConsultations(
    db.kysely,
    { userId: user?.id ?? null, isAdmin: user?.site_role === "admin" },
    { limit: Math.min(page.limit, CONSULTATION_LIST_PAGE_MAX), after: page.after },
  );
}

async function assertSlugFree(db: Db, slug: string): Promise<void> {
  if (await findConsultationBySlug(db.kysely, slug)) {
    throw new AppError("conflict", "That address is already taken.", {
      fieldErrors: { slug: ["That address is already taken; choose another."] },
    });
  }
}

async function freeSlug(db: Db, wanted: string): Promise<string> {
  for (let n = 1; ; n++) {
    const slug = n === 1 ? wanted : `${wanted}-${n}`;
    if (!(await findConsultationBySlug(db.kysely, slug))) return slug;
  }
}

/** Why an account may not publish, and how it gets the right: shown on the pages and by the CLI. */
export const CONVENER_REQUIRED =
  "Creating consultations needs the convener role, which a site administrator grants (margin user add --email <your email> --role convener).";

/** Whether this account may create (or import) consultations: conveners and admins. */
export function mayCreateConsultations(user: UserProfile | null): boolean {
  return can(actorFor(user, null), "consultation.create", null);
}

/** Who publishes each consultation: the convener who created it (name and organisation), by consultation id. */
export async function publishersOf(db: Db, rows: Pick<ConsultationRow, "id" | "created_by">[]): Promise<Map<string, { name: string; organisation: string }>> {
  const people = new Map((await listUsersByIds(db.kysely, [...new Set(rows.map((r) => r.created_by))])).map((u) => [u.id, u]));
  const out = new Map<string, { name: string; organisation: string }>();
  for (const r of rows) {
    const p = people.get(r.created_by);
    out.set(r.id, p ? { name: p.display_name, organisation: p.organisation } : { name: "Former account", organisation: "" });
  }
  return out;
}

/** "Published by Name, Organisation": the line every consultation card and page shows. */
export function publishedBy(p: { name: string; organisation: string }): string {
  return `Published by ${p.name}${p.organisation ? `, ${p.organisation}` : ""}`;
}

/** Creates a draft consultation owned by `user`, optionally with sections. */
export async function createConsultation(
  db: Db,
  user: UserProfile,
  input: ConsultationInput & { slug: string; status?: ConsultationStatus },
  sections: ParsedSection[] = [],
): Promise<ConsultationRow> {
  if (!mayCreateConsultations(user)) throw forbidden(CONVENER_REQUIRED);
  if (sections.length > SECTIONS_PER_CONSULTATION_MAX) {
    throw new AppError("invalid_input", `A consultation can have at most ${SECTIONS_PER_CONSULTATION_MAX} sections.`);
  }
  await assertSlugFree(db, input.slug);
  const at = nowIso();
  const row: ConsultationRow = {
    id: newId(),
    slug: input.slug,
    title: input.title,
    summary: input.summary,
    status: input.status ?? "draft",
    opens_at: input.opensAt,
    closes_at: input.closesAt,
    moderation_mode: input.moderationMode,
    premoderate_first_posts: input.premoderateFirstPosts ? 1 : 0,
    show_moderator_names: input.showModeratorNames ? 1 : 0,
    created_by: user.id,
    created_at: at,
    updated_at: at,
  };
  await db.kysely.transaction().execute(async (tx) => {
    await insertConsultation(tx, row);
    await upsertMember(tx, { consultation_id: row.id, user_id: user.id, role: "owner", created_at: at });
    let position = 0;
    for (const s of sections) {
      position += 1;
      const sectionId = newId();
      await insertSection(tx, { id: sectionId, consultation_id: row.id, position, title: s.title, created_at: at, updated_at: at });
      await writeInitialContent(tx, db.dialect, sectionId, user.id, s.content, at);
    }
  });
  return row;
}

export const IMPORT_TITLE_FALLBACK = "Imported draft";

/**
 * Turns trusted Markdown (the demo seed) into a new draft consultation, parsed
 * in-process. Uploads go through the import worker and importParsed instead.
 */
export async function importMarkdown(
  db: Db,
  user: UserProfile,
  source: string,
  overrides: { title?: string; slug?: string } = {},
): Promise<ConsultationRow> {
  return importParsed(db, user, parseMarkdownDocument(source, MARKDOWN_MAX_NESTING), overrides);
}

/** At most `max` UTF-16 units, never splitting a surrogate pair. */
function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max).replace(/[\uD800-\uDBFF]$/, "");
}

/**
 * Imported titles and the summary pass the forms' text rules (textProblem): a
 * file whose headings carry NUL bytes, lone surrogates or direction overrides
 * is refused with the place named. Tabs and line breaks in a heading are only
 * whitespace and become spaces.
 */
function checkImportedText(what: string, value: string, multiline: boolean): void {
  const problem = textProblem(value, multiline);
  if (!problem) return;
  const message = `${what} ${problem}. Correct it in the file and import it again.`;
  throw new AppError("unprocessable", message, { fieldErrors: { file: [message] } });
}

/** Turns a parsed import into a new draft consultation, one section per top-level heading. */
export async function importParsed(
  db: Db,
  user: UserProfile,
  doc: ParsedImport,
  overrides: { title?: string; slug?: string } = {},
): Promise<ConsultationRow> {
  const oneLine = (s: string) => s.replace(/[\t\r\n]+/g, " ").trim();
  const title = clip(oneLine(overrides.title || doc.title || IMPORT_TITLE_FALLBACK), TITLE_MAX);
  checkImportedText(overrides.title ? "The title given" : "The document's title", title, false);
  const summary = clip(doc.summary, SUMMARY_MAX);
  checkImportedText("The summary (the text before the first section)", summary, true);
  const sections = doc.sections.map((s, i) => {
    const sectionTitle = clip(oneLine(s.title), TITLE_MAX) || "Untitled section";
    checkImportedText(`The title of section ${i + 1}`, sectionTitle, false);
    return { ...s, title: sectionTitle };
  });
  const slug = overrides.slug ?? (await freeSlug(db, slugify(title)));
  return createConsultation(db, user, { title, slug, summary, opensAt: null, closesAt: null, moderationMode: "post" }, sections);
}

export async function updateConsultationSettings(db: Db, view: ConsultationView, input: ConsultationInput): Promise<void> {
  if (!view.may("consultation.manage")) throw forbidden();
  await updateConsultation(db.kysely, view.consultation.id, {
    title: input.title,
    summary: input.summary,
    opens_at: input.opensAt,
    closes_at: input.closesAt,
    moderation_mode: input.moderationMode,
    premoderate_first_posts: input.premoderateFirstPosts ? 1 : 0,
    show_moderator_names: input.showModeratorNames ? 1 : 0,
    updated_at: nowIso(),
  });
}

const NEXT_PHASES: Record<ConsultationStatus, ConsultationStatus[]> = {
  draft: ["open"],
  open: ["closed"],
  closed: ["open", "final"],
  final: [],
};

export function allowedNextPhases(status: ConsultationStatus): ConsultationStatus[] {
  return NEXT_PHASES[status];
}

export interface PhaseDeps {
  db: Db;
  /** Settles live documents so the opening records exactly what was drafted. */
  collab: Pick<CollabService, "settle"> | null;
}

export async function changePhase(deps: PhaseDeps, view: ConsultationView, to: ConsultationStatus): Promise<void> {
  if (!view.may("consultation.changePhase")) throw forbidden();
  const from = view.consultation.status;
  if (!NEXT_PHASES[from].includes(to)) {
    throw new AppError("conflict", `A consultation that is ${from} cannot move to ${to}.`);
  }
  const { db } = deps;
  if (from === "draft" && deps.collab) {
    for (const s of await listSectionSummaries(db.kysely, view.consultation.id)) await deps.collab.settle(s.id);
  }
  const at = nowIso();
  await db.kysely.transaction().execute(async (tx) => {
    if (to === "final") {
      // The final report answers everyone: no submission may be left without a response.
      const open = await listUnansweredComments(tx, view.consultation.id);
      if (open.length > 0) {
        throw new AppError(
          "conflict",
          `${open.length} ${open.length === 1 ? "comment has" : "comments have"} no response yet. Respond to each (or to all at once as “Noted”, with a reason) before marking the consultation final.`,
        );
      }
    }
    await updateConsultation(tx, view.consultation.id, { status: to, updated_at: at });
    await recordPhaseChange(tx, db.dialect, {
      id: newId(),
      consultation_id: view.consultation.id,
      from_status: from,
      to_status: to,
      actor_id: view.actor.kind === "user" ? view.actor.userId : null,
      created_at: at,
    });
  });
}

/**
 * Stores a phase change and records it in the ledger. The opening entry (the
 * first public one of a consultation) carries the head of the team's drafting
 * chain and each section's state at opening, so the public history starts
 * from a state anyone can check and the private history cannot be rewritten
 * afterwards without it showing.
 */
export async function recordPhaseChange(tx: Transaction<Database>, dialect: Dialect, row: PhaseChangeRow): Promise<void> {
  await insertPhaseChange(tx, row);
  let opening: { privateHead: LedgerHead | null; sections: { sectionId: string; seq: number; stateHash: string | null }[] } | null = null;
  if (row.from_status === "draft") {
    const sections = await listSectionSummaries(tx, row.consultation_id);
    const baselines = [];
    for (const s of sections) {
      const last = await findLastChangeSet(tx, s.id);
      baselines.push({ sectionId: s.id, seq: last?.seq_to ?? 0, stateHash: last?.state_hash ?? null });
    }
    opening = { privateHead: await readHead(tx, teamChain(row.consultation_id)), sections: baselines };
  }
  await appendLedger(tx, dialect, {
    kind: "phase_change",
    consultationId: row.consultation_id,
    subjectId: row.id,
    createdAt: row.created_at,
    payload: { from: row.from_status, to: row.to_status, ...(opening ?? {}) },
  });
}

/** What still needs a response before the consultation can be final (the team's view: confidential ones included). */
export async function unansweredComments(db: Db, view: ConsultationView) {
  if (!view.may("comment.respond")) throw forbidden();
  return listUnansweredComments(db.kysely, view.consultation.id);
}

/** The consultation's phase changes, oldest first (public once it is visible). */
export async function phaseHistory(db: Db, view: ConsultationView) {
  return listPhaseChanges(db.kysely, view.consultation.id);
}

export async function listSections(db: Db, view: ConsultationView): Promise<SectionSummary[]> {
  return listSectionSummaries(db.kysely, view.consultation.id);
}

/** A section of a visible consultation; a section id from another consultation is not found. */
export async function viewSection(db: Db, view: ConsultationView, sectionId: string): Promise<SectionRow> {
  const section = await findSectionById(db.kysely, sectionId);
  if (!section || section.consultation_id !== view.consultation.id || !view.may("section.view")) {
    throw notFound("That section");
  }
  return section;
}

/** A section by id alone (for the API), with the consultation it belongs to. */
export async function viewSectionById(
  db: Db,
  sectionId: string,
  user: UserProfile | null,
): Promise<{ view: ConsultationView; section: SectionRow }> {
  const section = await findSectionById(db.kysely, sectionId);
  if (!section) throw notFound("That section");
  const view = await viewFound(db, await findConsultationById(db.kysely, section.consultation_id), user).catch((e) => {
    throw isAppError(e) && e.code === "not_found" ? notFound("That section") : e;
  });
  if (!view.may("section.view")) throw notFound("That section");
  return { view, section };
}

export async function addSection(db: Db, view: ConsultationView, title: string): Promise<string> {
  if (!view.may("section.manage")) throw forbidden();
  const existing = await listSectionSummaries(db.kysely, view.consultation.id);
  if (existing.length >= SECTIONS_PER_CONSULTATION_MAX) {
    throw new AppError("invalid_input", `A consultation can have at most ${SECTIONS_PER_CONSULTATION_MAX} sections.`);
  }
  const at = nowIso();
  const id = newId();
  const position = (await findMaxSectionPosition(db.kysely, view.consultation.id)) + 1;
  await insertSection(db.kysely, {
    id,
    consultation_id: view.consultation.id,
    position,
    title,
    created_at: at,
    updated_at: at,
  });
  return id;
}

export async function renameSection(db: Db, view: ConsultationView, sectionId: string, title: string): Promise<void> {
  if (!view.may("section.manage")) throw forbidden();
  await viewSection(db, view, sectionId);
  await updateSectionTitle(db.kysely, sectionId, title, nowIso());
}

/** Moves a section one place up or down, renumbering positions 1..n. */
export async function moveSection(db: Db, view: ConsultationView, sectionId: string, direction: "up" | "down"): Promise<void> {
  if (!view.may("section.manage")) throw forbidden();
  await viewSection(db, view, sectionId);
  await db.kysely.transaction().execute(async (tx) => {
    const ids = (await listSectionSummaries(tx, view.consultation.id)).map((s) => s.id);
    const i = ids.indexOf(sectionId);
    const j = direction === "up" ? i - 1 : i + 1;
    if (i < 0 || j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    for (let k = 0; k < ids.length; k++) await updateSectionPosition(tx, ids[k]!, k + 1);
  });
}

export async function removeSection(db: Db, view: ConsultationView, sectionId: string): Promise<void> {
  if (!view.may("section.manage")) throw forbidden();
  if (view.consultation.status !== "draft") {
    throw new AppError("conflict", "Sections can only be deleted while the consultation is a draft; its history must stay whole once published.");
  }
  await viewSection(db, view, sectionId);
  await deleteSection(db.kysely, sectionId);
}

export async function members(db: Db, view: ConsultationView) {
  if (!view.may("consultation.manageMembers")) throw forbidden();
  return listMembers(db.kysely, view.consultation.id);
}

/** Adds an existing account to the team as drafter or moderator. */
export async function inviteMember(db: Db, view: ConsultationView, email: string, role: "drafter" | "moderator"): Promise<UserProfile> {
  if (!view.may("consultation.manageMembers")) throw forbidden();
  const user = await findUserByEmail(db.kysely, email);
  if (!user) {
    throw new AppError("not_found", "No account uses that email.", {
      fieldErrors: { email: ["No account uses that email. Ask them to sign up first, then invite them."] },
    });
  }
  const current = await findMemberRole(db.kysely, view.consultation.id, user.id);
  if (current === "owner") {
    throw new AppError("conflict", "That person is an owner already.", { fieldErrors: { email: ["That person is an owner already."] } });
  }
  await upsertMember(db.kysely, { consultation_id: view.consultation.id, user_id: user.id, role, created_at: nowIso() });
  return user;
}

export async function removeMember(db: Db, view: ConsultationView, userId: string): Promise<void> {
  if (!view.may("consultation.manageMembers")) throw forbidden();
  const role = await findMemberRole(db.kysely, view.consultation.id, userId);
  if (!role) throw notFound("That member");
  if (role === "owner" && (await countOwners(db.kysely, view.consultation.id)) <= 1) {
    throw new AppError("conflict", "A consultation needs at least one owner.");
  }
  await deleteMember(db.kysely, view.consultation.id, userId);
}

/** The effective phase at `now`, taking the comment window into account. */
export function phaseOf(c: Pick<ConsultationRow, "status" | "opens_at" | "closes_at">, now: Date): Phase {
  return phaseAt({ status: c.status, opensAt: c.opens_at, closesAt: c.closes_at }, now);
}
