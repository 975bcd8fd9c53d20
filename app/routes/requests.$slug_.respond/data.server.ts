import { mayRespondOnceConfirmed } from "../../utils/account-links.server.js";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { AppError, HTTP_STATUS, isAppError, notFound } from "../../../server/errors.js";
import { DeclineRequestSchema, actorFor, declineRequest, levelsAllowed, ownAnswers, saveDraft, submitResponse, visibleRequest } from "../../utils/request-responses.server.js";
import { orStatus, readForm, redirectWithFlash, requireUser } from "../../utils/request.server.js";

/**
 * The answer page of an information request: its representatives write, review and
 * submit (or decline); its other members read what was answered. Anyone whose
 * organisation is not asked gets a 404: there is nothing of theirs here.
 */

type Ctx = Awaited<ReturnType<typeof visibleRequest>>;

async function respondentContext(args: Pick<LoaderFunctionArgs, "request" | "context" | "params">) {
  const user = requireUser(args.request, args.context);
  const actor = actorFor(user, null);
  const db = args.context.margin.services.db;
  const ctx = await orStatus(visibleRequest(db.kysely, actor, args.params.slug ?? ""));
  if (!ctx.organisation || !ctx.can("request.viewOwnResponse")) return orStatus(Promise.reject(notFound("An answer form for your organisation on that request")));
  return { user, actor, db, ctx };
}

/** The recipient bodies with their members' names: the page says who reads a "recipients" answer in its own words. */
function bodiesOf(ctx: Ctx) {
  return ctx.detail.bodies.map((b) => ({ name: b.name, members: b.members.map((m) => m.displayName) }));
}

/** An answer value as shown (yes/no kept as a boolean, so the page words it; lists joined). */
function shownValue(v: unknown): string | boolean {
  return typeof v === "boolean" ? v : formValue(v).join(", ");
}

/** An answer value as the form holds it (all strings, a list for several choices). */
function formValue(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === "boolean") return [v ? "yes" : "no"];
  return v === undefined || v === null ? [] : [String(v)];
}

export type Entered = Record<string, { value: string[]; level: string }>;

export async function respondPage(args: LoaderFunctionArgs) {
  const { actor, db, ctx } = await respondentContext(args);
  const own = await orStatus(ownAnswers(db.kysely, actor, ctx.detail.request.id));
  const request = ctx.detail.request;
  const start = own.draft ?? own.answers;
  const entered: Entered = Object.fromEntries(start.map((a) => [a.questionId, { value: formValue(a.value), level: a.level }]));
  const wanted = new URL(args.request.url).searchParams.get("receipt");
  const receipt = wanted ? (own.revisions.find((r) => r.reference === wanted) ?? null) : null;
  return {
    request: { slug: request.slug, title: request.title, deadline: request.deadline, k: request.k_threshold, timeZone: request.time_zone, contentLanguage: request.content_language },
    bodies: bodiesOf(ctx),
    now: new Date().toISOString(),
    organisation: own.organisation,
    // A representative whose address is unconfirmed gets the form too: saving is refused with how to confirm, the answers kept.
    canRespond: mayRespondOnceConfirmed(actor, ctx.relation),
    status: own.status,
    declineReason: own.declineReason,
    questions: ctx.detail.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      prompt: q.prompt,
      help: q.help,
      choices: q.choices,
      required: q.required,
      levels: levelsAllowed(q.maxLevel),
    })),
    answers: own.answers.map((a) => ({ ...a, value: shownValue(a.value) })),
    hasDraft: own.draft !== null,
    entered,
    revisions: own.revisions,
    receipt,
  };
}

export type RespondData = Awaited<ReturnType<typeof respondPage>>;

function enteredFrom(form: FormData, questions: Ctx["detail"]["questions"]): Entered {
  const out: Entered = {};
  for (const q of questions) {
    const value = form
      .getAll(`answer-${q.id}`)
      .filter((v): v is string => typeof v === "string")
      .map((v) => (q.kind === "text" ? v : v.trim()))
      .filter((v) => v !== "");
    out[q.id] = { value, level: String(form.get(`level-${q.id}`) ?? "") };
  }
  return out;
}

function itemsOf(entered: Entered, questions: Ctx["detail"]["questions"]) {
  return questions.map((q) => {
    const e = entered[q.id];
    const value = q.kind === "multiple" ? (e?.value ?? []) : (e?.value[0] ?? "");
    return { questionId: q.id, value, level: e?.level === "" ? undefined : e?.level };
  });
}

/** A refusal shown on the page, with what was entered kept. */
function failure(e: unknown, entered: Entered) {
  if (!isAppError(e)) throw e;
  if (e.code === "not_found") throw data({ message: e.message }, { status: 404 });
  return data({ ok: false as const, formError: e.details?.fieldErrors ? "Some answers need attention; see the messages next to them." : e.message, fieldErrors: e.details?.fieldErrors ?? {}, entered, review: null }, { status: HTTP_STATUS[e.code] });
}

export async function respondAction(args: ActionFunctionArgs) {
  const { actor, db, ctx } = await respondentContext(args);
  const form = await readForm(args.request);
  const slug = ctx.detail.request.slug;
  const here = `/requests/${slug}/respond`;
  const questions = ctx.detail.questions;
  const entered = enteredFrom(form, questions);
  const items = itemsOf(entered, questions);
  try {
    switch (form.get("intent")) {
      case "save":
        await saveDraft(db, actor, slug, items);
        return redirectWithFlash(here, "Draft saved. Nobody but your organisation's members can read it.");
      case "review": {
        // Checked as a submission would be, without submitting: the page then lists each answer with who will read it.
        const { answers } = await saveDraft(db, actor, slug, items);
        const missing = questions.filter((q) => q.required && !answers.some((a) => a.questionId === q.id));
        if (missing.length > 0) throw new AppError("invalid_input", "Some answers need attention.", { fieldErrors: Object.fromEntries(missing.map((q) => [q.id, ["This question needs an answer."]])) });
        const review = answers.map((a) => ({
          questionId: a.questionId,
          prompt: questions.find((q) => q.id === a.questionId)?.prompt ?? "",
          value: shownValue(a.value),
          level: a.level,
        }));
        return { ok: true as const, formError: null, fieldErrors: {}, entered, review };
      }
      case "submit": {
        const receipt = await submitResponse(db, actor, slug, items);
        return redirectWithFlash(`${here}?receipt=${encodeURIComponent(receipt.reference)}`, `Submitted. Your reference is ${receipt.reference}.`);
      }
      case "decline": {
        const parsed = DeclineRequestSchema.safeParse({ reason: String(form.get("reason") ?? "") });
        if (!parsed.success) throw new AppError("invalid_input", parsed.error.issues[0]?.message ?? "The reason is not valid.", { fieldErrors: { reason: parsed.error.issues.map((i) => i.message) } });
        await declineRequest(db, actor, slug, parsed.data.reason);
        return redirectWithFlash(here, "Your organisation has declined this request. You can still submit answers before the deadline, which withdraws the decline.");
      }
      default:
        return data({ ok: false as const, formError: "Unknown action.", fieldErrors: {}, entered, review: null }, { status: 400 });
    }
  } catch (e) {
    return failure(e, entered);
  }
}
