import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE } from "../../../common/i18n/locales.js";
import type { Db, Executor } from "../../../db/client.js";
import { findOrganisationBySlug } from "../../../db/queries/organisation.js";
import { refreshRequestDoc } from "../../../db/queries/search.js";
import {
  deleteInvitations,
  findRecipientBodyBySlug,
  findRequestBySlug,
  insertInvitations,
  insertRequest,
  replaceQuestions,
  replaceRequestBodies,
  replaceRequestSections,
  updateRequest,
} from "../../../db/queries/request.js";
import type { InfoRequestQuestionRow, InfoRequestRow } from "../../../db/schema.js";
import type { Actor } from "../../auth/policy.js";
import { canOnRequest } from "../../auth/request-policy.js";
import { AppError, notFound } from "../../errors.js";
import { newId, nowIso } from "../../ids.js";
import { appendToChain } from "../../ledger/append.js";
import { PUBLIC_CHAIN } from "../../ledger/chain.js";
import type { RequestDefinition } from "../request-schemas.js";
import { slugFromName } from "../organisations/index.js";
import { requestChangedEvent, requestIssuedEvent, type RequestChange } from "./ledger.js";
import { loadRequestDetail, requestContext, type RequestDetail } from "./load.js";
import type { MailService } from "../../mail/index.js";
import { notifyRequestAddressed } from "../follows/index.js";

/**
 * A convener defines a request as a draft (theirs alone), then issues it: from then on
 * it is public and recorded, its questions and levels are fixed (someone may have
 * answered under them), and only its deadline and invitation list may change, each
 * change recorded with its reason.
 */

function fieldError(field: string, message: string, code: "not_found" | "conflict" | "invalid_input" = "invalid_input"): AppError {
  return new AppError(code, message, { fieldErrors: { [field]: [message] } });
}

async function resolveSlugs<T>(tx: Executor, slugs: readonly string[], find: (tx: Executor, slug: string) => Promise<T | undefined>, field: string, what: string): Promise<T[]> {
  const out: T[] = [];
  for (const slug of slugs) {
    const row = await find(tx, slug);
    if (!row) throw fieldError(field, `No ${what} has the address “${slug}”.`, "not_found");
    out.push(row);
  }
  return out;
}

async function checkSections(tx: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await tx.selectFrom("section").select("id").where("id", "in", [...ids]).execute();
  if (found.length !== new Set(ids).size) throw fieldError("sections", "One of the linked sections does not exist.", "not_found");
}

/** Writes everything but the request row itself: questions, bodies, invitations, sections (the demo seed uses it too). */
export async function writeDefinition(tx: Executor, requestId: string, def: RequestDefinition, at: string): Promise<void> {
  const bodies = await resolveSlugs(tx, def.recipientBodies, findRecipientBodyBySlug, "recipientBodies", "recipient body");
  const orgs = await resolveSlugs(tx, def.invited, findOrganisationBySlug, "invited", "organisation");
  await checkSections(tx, def.sections);
  const questions: InfoRequestQuestionRow[] = def.questions.map((q, i) => ({
    id: newId(),
    request_id: requestId,
    position: i + 1,
    kind: q.kind,
    prompt: q.prompt,
    help: q.help,
    choices: q.choices.length > 0 ? JSON.stringify(q.choices) : null,
    max_level: q.maxLevel,
    required: q.required ? 1 : 0,
  }));
  await replaceQuestions(tx, requestId, questions);
  await replaceRequestBodies(
    tx,
    requestId,
    bodies.map((b) => b.id),
  );
  await tx.deleteFrom("info_request_invitation").where("request_id", "=", requestId).execute();
  await insertInvitations(
    tx,
    requestId,
    orgs.map((o) => o.id),
    at,
  );
  await replaceRequestSections(tx, requestId, def.sections);
}

export async function createRequest(db: Db, actor: Actor, def: RequestDefinition, slug: string | null = null): Promise<InfoRequestRow> {
  if (!canOnRequest(actor, "request.create", null) || actor.kind !== "user") throw notFound();
  const at = nowIso();
  const row: InfoRequestRow = {
    id: newId(),
    slug: slug ?? slugFromName(def.title, "request"),
    title: def.title,
    purpose: def.purpose,
    legal_basis: def.legalBasis,
    status: "draft",
    deadline: def.deadline,
    retention_days: def.retentionDays,
    k_threshold: def.k,
    open_to_kinds: JSON.stringify(def.openToKinds),
    content_language: def.contentLanguage ?? DEFAULT_LOCALE,
    time_zone: def.timeZone ?? DEFAULT_TIME_ZONE[def.contentLanguage ?? DEFAULT_LOCALE],
    created_by: actor.userId,
    created_at: at,
    updated_at: at,
    issued_at: null,
    results_published_at: null,
  };
  await db.kysely.transaction().execute(async (tx) => {
    if (await findRequestBySlug(tx, row.slug)) throw fieldError("slug", `The address “${row.slug}” is taken by another request. Choose another.`, "conflict");
    await insertRequest(tx, row);
    await writeDefinition(tx, row.id, def, at);
  });
  return row;
}

async function managedRequest(tx: Executor, actor: Actor, slug: string): Promise<InfoRequestRow> {
  const request = await findRequestBySlug(tx, slug);
  if (!request) throw notFound("That request");
  const ctx = await requestContext(tx, actor, request);
  if (!ctx.can("request.manage")) throw notFound("That request");
  return request;
}

/** Replaces a draft's whole definition. Once issued, use changeRequest. */
export async function updateDraftRequest(db: Db, actor: Actor, slug: string, def: RequestDefinition): Promise<void> {
  await db.kysely.transaction().execute(async (tx) => {
    const request = await managedRequest(tx, actor, slug);
    if (request.status !== "draft") throw new AppError("conflict", "This request is issued: its questions are fixed. You may change its deadline or invitations.");
    const at = nowIso();
    await updateRequest(tx, request.id, {
      title: def.title,
      purpose: def.purpose,
      legal_basis: def.legalBasis,
      deadline: def.deadline,
      retention_days: def.retentionDays,
      k_threshold: def.k,
      open_to_kinds: JSON.stringify(def.openToKinds),
      ...(def.contentLanguage ? { content_language: def.contentLanguage } : {}),
      ...(def.timeZone ? { time_zone: def.timeZone } : {}),
      updated_at: at,
    });
    await writeDefinition(tx, request.id, def, at);
  });
}

/**
 * Makes a draft public and answerable; the whole definition goes into the ledger.
 * With `mail`, the organisations it asks are told in the same transaction.
 */
export async function issueRequest(db: Db, actor: Actor, slug: string, now: Date = new Date(), mail: MailService | null = null): Promise<RequestDetail> {
  const detail = await db.kysely.transaction().execute(async (tx) => {
    const request = await managedRequest(tx, actor, slug);
    if (request.status !== "draft") throw new AppError("conflict", "This request is already issued.");
    if (Date.parse(request.deadline) <= now.getTime()) throw fieldError("deadline", "The deadline has passed. Set a later deadline before issuing.");
    const at = nowIso(now);
    await updateRequest(tx, request.id, { status: "issued", issued_at: at, updated_at: at });
    // Its public part (title and purpose) becomes searchable with the issue, not before.
    await refreshRequestDoc(tx, request.id);
    const detail = await loadRequestDetail(tx, { ...request, status: "issued", issued_at: at, updated_at: at });
    if (detail.bodies.length === 0) throw fieldError("recipientBodies", "Name at least one recipient body before issuing.");
    await appendToChain(tx, db.dialect, PUBLIC_CHAIN, requestIssuedEvent(detail, at));
    if (mail) await notifyRequestAddressed(tx, mail, detail.request, detail.invitations.map((i) => ({ id: i.organisation_id, name: i.name })), actorIdOf(actor), now);
    return detail;
  });
  mail?.kick();
  return detail;
}

function actorIdOf(actor: Actor): string | null {
  return actor.kind === "user" ? actor.userId : null;
}

export interface RequestChangeInput {
  deadline: string | null;
  /** The whole new invitation list (slugs), or undefined to keep it. */
  invited?: string[];
  reason: string;
}

/** After issuing: a new deadline and/or invitation list, with the reason, recorded; with `mail`, organisations newly asked are told. */
export async function changeRequest(db: Db, actor: Actor, slug: string, input: RequestChangeInput, now: Date = new Date(), mail: MailService | null = null): Promise<RequestChange> {
  const done = await db.kysely.transaction().execute(async (tx) => {
    const request = await managedRequest(tx, actor, slug);
    if (request.status !== "issued") throw new AppError("conflict", "This request is a draft: edit it instead.");
    if (request.results_published_at !== null) throw new AppError("conflict", "The results of this request are published; it can no longer change.");
    const at = nowIso(now);
    const change: RequestChange = { reason: input.reason };
    if (input.deadline !== null && input.deadline !== request.deadline) {
      if (Date.parse(input.deadline) <= now.getTime()) throw fieldError("deadline", "The new deadline must be in the future.");
      change.deadline = { from: request.deadline, to: input.deadline };
      await updateRequest(tx, request.id, { deadline: input.deadline, updated_at: at });
    }
    let addedOrgs: { id: string; name: string }[] = [];
    if (input.invited) {
      const detail = await loadRequestDetail(tx, request);
      const wanted = await resolveSlugs(tx, input.invited, findOrganisationBySlug, "invited", "organisation");
      const current = new Set(detail.invitations.map((i) => i.organisation_id));
      const added = wanted.filter((o) => !current.has(o.id));
      addedOrgs = added;
      const removed = detail.invitations.filter((i) => !wanted.some((o) => o.id === i.organisation_id));
      await insertInvitations(
        tx,
        request.id,
        added.map((o) => o.id),
        at,
      );
      await deleteInvitations(
        tx,
        request.id,
        removed.map((i) => i.organisation_id),
      );
      if (added.length + removed.length > 0) {
        change.invited = { added: added.map((o) => ({ slug: o.slug, name: o.name })), removed: removed.map((i) => ({ slug: i.slug, name: i.name })) };
      }
    }
    if (!change.deadline && !change.invited) throw new AppError("invalid_input", "Nothing changed: give a new deadline or a different invitation list.");
    await appendToChain(tx, db.dialect, PUBLIC_CHAIN, requestChangedEvent(request, change, at));
    if (mail && change.invited && change.invited.added.length > 0) {
      const deadline = change.deadline?.to ?? request.deadline;
      await notifyRequestAddressed(tx, mail, { ...request, deadline }, addedOrgs.map((o) => ({ id: o.id, name: o.name })), actorIdOf(actor), now);
    }
    return change;
  });
  mail?.kick();
  return done;
}
