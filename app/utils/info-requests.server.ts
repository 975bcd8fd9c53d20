import { data, type AppLoadContext } from "@remix-run/node";
import type { z } from "zod";
import { utcToZoned } from "../../common/i18n/zoned-time.js";
import { REQUEST_QUESTIONS_MAX, SLUG_MAX } from "../../common/limits.js";
import { actorFor } from "../../server/auth/access.js";
import type { Actor } from "../../server/auth/policy.js";
import { canOnRequest } from "../../server/auth/request-policy.js";
import { RequestChangeSchema, RequestDefinitionSchema, type RequestDefinition } from "../../server/domain/request-schemas.js";
import { fieldErrorsOf } from "../../server/domain/schemas.js";
import { definitionChoices, linkedSections, listIssuedRequests, listOwnDrafts, listRecipientBodies, publicAccessCounts, requestHistory, visibleRequest, type RequestContext, type RequestDetail } from "../../server/domain/requests/index.js";
import { decodeCursor, encodeCursor } from "../../server/http/api/paging.js";
import { presentRequest, presentRequestSummary, requestPhase } from "../../server/presenters/request.js";
import { findRequestBySlug, listIssuedRequestsForSection } from "../../db/queries/request.js";
import { slugFromName } from "../../server/domain/organisations/index.js";
import { newId } from "../../server/ids.js";
import { HTTP_STATUS, isAppError, notFound } from "../../server/errors.js";
import { getUser, orStatus } from "./request.server.js";

/**
 * The glue between the convener's request pages and the requests domain: who may be
 * here, what the definition form offers, and reading that form (with its numbered
 * question slots) into one RequestDefinition checked by the shared zod schema.
 */

/** The signed-in convener or site admin; anyone else gets a 404, as if the pages did not exist. */
export function requireRequestConvener(context: AppLoadContext): Promise<{ actor: Actor }> {
  const actor = actorFor(getUser(context), null);
  if (!canOnRequest(actor, "request.create", null)) return orStatus(Promise.reject(notFound()));
  return Promise.resolve({ actor });
}

/** The request the URL names, if this actor may manage it (404 otherwise, drafts included). */
export async function requireManagedRequest(context: AppLoadContext, slug: string): Promise<{ actor: Actor; ctx: RequestContext }> {
  const actor = actorFor(getUser(context), null);
  const ctx = await orStatus(visibleRequest(context.margin.services.db.kysely, actor, slug));
  if (!ctx.can("request.manage")) throw data({ message: "That request was not found." }, { status: 404 });
  return { actor, ctx };
}

/** One question slot of the form, as typed (strings), so a failed form comes back exactly as sent. */
export interface QuestionSlot {
  kind: string;
  prompt: string;
  help: string;
  choices: string;
  maxLevel: string;
  required: boolean;
}

/** The whole definition form as typed; lists are arrays so checkboxes come back checked. */
export interface DefinitionFormState {
  title: string;
  purpose: string;
  legalBasis: string;
  deadline: string;
  retentionDays: string;
  k: string;
  openToKinds: string[];
  invited: string[];
  recipientBodies: string[];
  sections: string[];
  questions: QuestionSlot[];
  /** The request's language and time zone ("": the language's usual zone), and the zone the form shows its deadline in ("" when new). */
  contentLanguage: string;
  timeZone: string;
  datesTimeZone: string;
}

export const BLANK_SLOT: QuestionSlot = { kind: "text", prompt: "", help: "", choices: "", maxLevel: "recipients", required: false };

/** A value for a datetime-local input: the deadline is entered and shown in the request's time zone. */
export function toLocalInput(iso: string, timeZone: string): string {
  return utcToZoned(iso, timeZone);
}

/** The form's starting state: empty, or a draft's current definition; one blank question slot to fill. */
export function definitionState(detail: RequestDetail | null): DefinitionFormState {
  if (!detail) {
    return { title: "", purpose: "", legalBasis: "", deadline: "", retentionDays: "365", k: "5", openToKinds: [], invited: [], recipientBodies: [], sections: [], questions: [{ ...BLANK_SLOT }], contentLanguage: "", timeZone: "", datesTimeZone: "" };
  }
  const r = detail.request;
  return {
    title: r.title,
    purpose: r.purpose,
    legalBasis: r.legal_basis,
    deadline: toLocalInput(r.deadline, r.time_zone),
    retentionDays: String(r.retention_days),
    k: String(r.k_threshold),
    openToKinds: detail.openToKinds,
    invited: detail.invitations.map((i) => i.slug),
    recipientBodies: detail.bodies.map((b) => b.slug),
    sections: detail.sectionIds,
    questions: [
      ...detail.questions.map((q) => ({ kind: q.kind, prompt: q.prompt, help: q.help ?? "", choices: q.choices.join("\n"), maxLevel: q.maxLevel, required: q.required })),
      { ...BLANK_SLOT },
    ],
    contentLanguage: r.content_language,
    timeZone: r.time_zone,
    datesTimeZone: r.time_zone,
  };
}

/** What the form offers: recipient bodies (with members), organisations, public sections. */
export async function definitionOptions(context: AppLoadContext) {
  const db = context.margin.services.db;
  const [bodies, choices] = await Promise.all([listRecipientBodies(db), definitionChoices(db)]);
  return {
    bodies: bodies.map((b) => ({ slug: b.slug, name: b.name, members: b.members.map((m) => m.displayName) })),
    organisations: choices.organisations.map((o) => ({ slug: o.slug, name: o.name, kind: o.kind, verified: o.verified_at !== null })),
    sections: choices.sections.map((s) => ({ id: s.id, title: s.title, position: s.position, consultation: s.consultation_title })),
  };
}

export const slotField = (i: number, field: keyof QuestionSlot | "remove") => `q${i}_${field}`;

const str = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};
const strs = (form: FormData, name: string) => form.getAll(name).filter((v): v is string => typeof v === "string");

/** At most this many slots are read back, whatever the form claims. */
const SLOTS_MAX = REQUEST_QUESTIONS_MAX + 5;

/** Reads the form as typed; slots ticked "remove" are dropped here. */
export function readDefinitionForm(form: FormData): DefinitionFormState {
  const slots = Math.min(Math.max(Number.parseInt(str(form, "slots"), 10) || 0, 0), SLOTS_MAX);
  const questions: QuestionSlot[] = [];
  for (let i = 0; i < slots; i++) {
    if (str(form, slotField(i, "remove")) !== "") continue;
    questions.push({
      kind: str(form, slotField(i, "kind")) || "text",
      prompt: str(form, slotField(i, "prompt")),
      help: str(form, slotField(i, "help")),
      choices: str(form, slotField(i, "choices")),
      maxLevel: str(form, slotField(i, "maxLevel")) || "recipients",
      required: str(form, slotField(i, "required")) !== "",
    });
  }
  return {
    title: str(form, "title"),
    purpose: str(form, "purpose"),
    legalBasis: str(form, "legalBasis"),
    deadline: str(form, "deadline"),
    retentionDays: str(form, "retentionDays"),
    k: str(form, "k"),
    openToKinds: strs(form, "openToKinds"),
    invited: strs(form, "invited"),
    recipientBodies: strs(form, "recipientBodies"),
    sections: strs(form, "sections"),
    questions,
    contentLanguage: str(form, "contentLanguage"),
    timeZone: str(form, "timeZone"),
    datesTimeZone: str(form, "datesTimeZone"),
  };
}

const isBlank = (q: QuestionSlot) => q.prompt.trim() === "" && q.help.trim() === "" && q.choices.trim() === "";

/** A failed form: its errors (keyed by the form's field names) and the form as typed, to show again. */
export function definitionFailure<S>(state: S, fieldErrors: Record<string, string[]>, formError: string | null = null, status = 400) {
  return data({ ok: false as const, formError, fieldErrors, state }, { status });
}

/**
 * Checks the typed form with RequestDefinitionSchema. Blank slots are ignored; an error
 * about a question is put on that slot's field, so it shows next to what is wrong.
 */
export function checkDefinition(state: DefinitionFormState): { ok: true; definition: RequestDefinition } | { ok: false; fieldErrors: Record<string, string[]> } {
  const filled = state.questions.map((q, slot) => ({ q, slot })).filter(({ q }) => !isBlank(q));
  const input = {
    ...state,
    questions: filled.map(({ q }) => ({ kind: q.kind, prompt: q.prompt, help: q.help, choices: q.choices, maxLevel: q.maxLevel, required: q.required })),
  };
  const r = RequestDefinitionSchema.safeParse(input);
  if (r.success) return { ok: true, definition: r.data };
  return { ok: false, fieldErrors: formFieldErrors(r.error, filled.map((f) => f.slot)) };
}

function formFieldErrors(error: z.ZodError, slotOf: number[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const [top, index, field] = issue.path;
    let key = top === undefined ? "form" : String(top);
    if (top === "questions" && typeof index === "number") key = slotField(slotOf[index] ?? index, (typeof field === "string" ? field : "prompt") as keyof QuestionSlot);
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** The form again with one more blank slot ("Add another question" without JavaScript). */
export function withAnotherSlot(state: DefinitionFormState) {
  const questions = state.questions.length < SLOTS_MAX ? [...state.questions, { ...BLANK_SLOT }] : state.questions;
  return data({ ok: true as const, formError: null, fieldErrors: {} as Record<string, string[]>, state: { ...state, questions } });
}

export { changeRequest, createRequest, issueRequest, updateDraftRequest } from "../../server/domain/requests/index.js";

/** Runs a write for the definition form; a domain refusal comes back on the form, next to its field when it names one. */
export async function orDefinitionFailure<S>(state: S, work: () => Promise<Response>) {
  try {
    return await work();
  } catch (e) {
    if (!isAppError(e) || (e.code === "not_found" && !e.details?.fieldErrors)) throw e;
    const fieldErrors = e.details?.fieldErrors ?? {};
    return definitionFailure(state, fieldErrors, e.details?.fieldErrors ? null : e.message, HTTP_STATUS[e.code]);
  }
}

/** The values of the change form (after issuing), as typed. */
export interface ChangeFormState {
  deadline: string;
  invited: string[];
  reason: string;
}

export function readChangeForm(form: FormData): ChangeFormState {
  return { deadline: str(form, "deadline"), invited: strs(form, "invited"), reason: str(form, "reason") };
}

/**
 * Checks a change with RequestChangeSchema. The form always sends the whole invitation
 * list; a deadline left as it was (to the minute the form shows) is no change.
 */
export function checkChange(state: ChangeFormState, currentDeadline: string, timeZone: string): { ok: true; change: { deadline: string | null; invited: string[]; reason: string } } | { ok: false; fieldErrors: Record<string, string[]> } {
  const r = RequestChangeSchema.safeParse({ ...state, timeZone });
  if (!r.success) return { ok: false, fieldErrors: fieldErrorsOf(r.error) };
  const deadline = r.data.deadline !== null && toLocalInput(r.data.deadline, timeZone) !== toLocalInput(currentDeadline, timeZone) ? r.data.deadline : null;
  return { ok: true, change: { deadline, invited: r.data.invited ?? [], reason: r.data.reason } };
}

/** Everything the public page of a request shows, and which of the other pages this viewer may open. */
export async function requestPageData(context: AppLoadContext, slug: string) {
  const db = context.margin.services.db;
  const now = new Date();
  const ctx = await orStatus(visibleRequest(db.kysely, actorFor(getUser(context), null), slug, now));
  const [sections, history, reads] = await Promise.all([linkedSections(db.kysely, ctx.detail.sectionIds), requestHistory(db.kysely, ctx.detail.request.id), publicAccessCounts(db.kysely, ctx.detail.request.id)]);
  return {
    now: now.toISOString(),
    reads,
    request: presentRequest(ctx.detail, sections, history, now),
    can: {
      manage: ctx.can("request.manage"),
      respond: ctx.can("request.respond"),
      viewOwnResponse: ctx.can("request.viewOwnResponse"),
      readRestricted: ctx.can("request.readRestricted"),
      viewResults: ctx.can("request.viewResults"),
    },
    organisation: ctx.organisation ? { name: ctx.organisation.name, role: ctx.organisation.role } : null,
  };
}

/** The list page: issued requests (newest first, paged), and the viewer's own drafts if they convene. */
export async function requestListData(context: AppLoadContext, cursor: string | null) {
  const db = context.margin.services.db;
  const actor = actorFor(getUser(context), null);
  const now = new Date();
  const after = cursor ? decodeListCursor(cursor) : undefined;
  const [rows, drafts] = await Promise.all([listIssuedRequests(db, { limit: REQUEST_LIST_PAGE + 1, after }), listOwnDrafts(db, actor)]);
  const page = rows.slice(0, REQUEST_LIST_PAGE);
  const last = page[page.length - 1];
  return {
    requests: page.map((r) => presentRequestSummary(r, now)),
    next: rows.length > REQUEST_LIST_PAGE && last ? encodeCursor(last.created_at, last.id) : null,
    drafts: drafts.map((r) => ({ slug: r.slug, title: r.title, updatedAt: r.updated_at, contentLanguage: r.content_language, timeZone: r.time_zone })),
    mayCreate: canOnRequest(actor, "request.create", null),
    now: now.toISOString(),
  };
}

const REQUEST_LIST_PAGE = 20;

function decodeListCursor(cursor: string) {
  try {
    return decodeCursor(cursor);
  } catch {
    throw data({ message: "That page of the list does not exist." }, { status: 400 });
  }
}

/** Every recipient body with its members' names: public, so anyone can see who reads. */
export async function publicRecipientBodies(context: AppLoadContext) {
  const bodies = await listRecipientBodies(context.margin.services.db);
  return bodies.map((b) => ({ slug: b.slug, name: b.name, description: b.description, members: b.members.map((m) => m.displayName) }));
}

/** The issued requests that inform a section, for the box on its page. */
export async function requestsInforming(context: AppLoadContext, sectionId: string) {
  const rows = await listIssuedRequestsForSection(context.margin.services.db.kysely, sectionId);
  const now = new Date();
  return rows.map((r) => ({ slug: r.slug, title: r.title, deadline: r.deadline, open: requestPhase({ status: "issued", deadline: r.deadline }, now) === "open" }));
}

/** An address for a new request made from its title, with a number added when another request has it already. */
export async function freeRequestSlug(context: AppLoadContext, title: string): Promise<string> {
  const db = context.margin.services.db.kysely;
  const base = slugFromName(title, "request");
  for (let n = 1; n < SLUG_TRIES; n++) {
    const candidate = n === 1 ? base : `${base.slice(0, SLUG_MAX - 4)}-${n}`;
    if (!(await findRequestBySlug(db, candidate))) return candidate;
  }
  return `${base.slice(0, SLUG_MAX - 9)}-${newId().slice(0, 8)}`;
}

const SLUG_TRIES = 50;
