// The inputs of information requests (issue 14): what a convener defines and what a respondent answers.
// Shared by the pages, the API and the demo seed, so each rule is written once (the helpers come from schemas.ts).
import { z } from "zod";
import {
  ANSWER_NUMBER_ABS_MAX,
  ANSWER_TEXT_MAX,
  CHOICE_LABEL_MAX,
  CONSULTATION_RECIPIENT_BODIES_MAX,
  DECLINE_REASON_MAX,
  K_THRESHOLD_DEFAULT,
  K_THRESHOLD_MAX,
  K_THRESHOLD_MIN,
  NAME_MAX,
  QUESTION_CHOICES_MAX,
  QUESTION_HELP_MAX,
  QUESTION_PROMPT_MAX,
  RECIPIENT_BODY_DESCRIPTION_MAX,
  REQUEST_INVITATIONS_MAX,
  REQUEST_LEGAL_BASIS_MAX,
  REQUEST_PURPOSE_MAX,
  REQUEST_QUESTIONS_MAX,
  RETENTION_DAYS_MAX,
  TITLE_MAX,
} from "../../common/limits.js";
import { DISCLOSURE_LEVELS, ORGANISATION_KINDS, QUESTION_KINDS, type DisclosureLevel, type QuestionKind } from "../../db/schema.js";
import { ContentLanguageField, OptionalDateTime, SlugSchema, TimeZoneField, inZone, languageAndZone, text, type FieldErrors } from "./schemas.js";

/** Levels from most open to most closed; an answer may choose its question's max level or any more closed one. */
export function levelsAllowed(maxLevel: DisclosureLevel): DisclosureLevel[] {
  return DISCLOSURE_LEVELS.slice(DISCLOSURE_LEVELS.indexOf(maxLevel));
}

/** Public levels are stored in the clear; every other level is sealed. */
export function isPublicLevel(level: DisclosureLevel): boolean {
  return level === "public_named" || level === "public_unnamed";
}

const Bool = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => v === true || v === "on" || v === "1" || v === "true");

const IntField = (label: string, min: number, max: number, fallback: number) =>
  z
    .union([z.number(), z.string()])
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return fallback;
      const n = typeof v === "number" ? v : Number(v.trim());
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `${label} must be a whole number from ${min} to ${max}.` });
        return z.NEVER;
      }
      return n;
    });

/** A list given as an array (API) or as a string of one item per line or comma (forms). */
function listOf<T>(item: z.ZodType<T, any>, max: number, label: string) {
  return z
    .union([z.array(z.string()), z.string()])
    .optional()
    .transform((v) => (typeof v === "string" ? v.split(/[\n,]/) : (v ?? [])).map((s) => s.trim()).filter((s) => s !== ""))
    .pipe(z.array(item).max(max, `${label}: at most ${max}.`))
    .transform((a): T[] => [...new Set(a)]);
}

export const QuestionSchema = z
  .object({
    kind: z.enum(QUESTION_KINDS, { error: `Choose a question kind: ${QUESTION_KINDS.join(", ")}.` }),
    prompt: text("Question", { max: QUESTION_PROMPT_MAX, multiline: true }),
    help: text("Help text", { min: 0, max: QUESTION_HELP_MAX, multiline: true }).transform((v) => (v === "" ? null : v)),
    choices: listOf(text("Choice", { max: CHOICE_LABEL_MAX }), QUESTION_CHOICES_MAX, "Choices"),
    maxLevel: z.enum(DISCLOSURE_LEVELS, { error: `Choose the most open level allowed: ${DISCLOSURE_LEVELS.join(", ")}.` }),
    required: Bool,
  })
  .superRefine((q, ctx) => {
    const choice = q.kind === "single" || q.kind === "multiple";
    if (choice && q.choices.length < 2) ctx.addIssue({ code: "custom", path: ["choices"], message: "A choice question needs at least two different choices." });
    if (!choice && q.choices.length > 0) ctx.addIssue({ code: "custom", path: ["choices"], message: "Only single- and multiple-choice questions have choices." });
  });

export const RequestDefinitionSchema = z
  .object({
    title: text("Title", { max: TITLE_MAX }),
    purpose: text("Purpose", { max: REQUEST_PURPOSE_MAX, multiline: true }),
    legalBasis: text("Legal basis", { max: REQUEST_LEGAL_BASIS_MAX, multiline: true }),
    deadline: OptionalDateTime("Deadline").pipe(z.string({ error: "Deadline is required." })),
    retentionDays: IntField("Retention (days after the deadline)", 1, RETENTION_DAYS_MAX, 365),
    k: IntField("The threshold k", K_THRESHOLD_MIN, K_THRESHOLD_MAX, K_THRESHOLD_DEFAULT),
    openToKinds: listOf(z.enum(ORGANISATION_KINDS, { error: `Kinds are ${ORGANISATION_KINDS.join(", ")}.` }), ORGANISATION_KINDS.length, "Kinds"),
    /** Organisation addresses (slugs). */
    invited: listOf(SlugSchema, REQUEST_INVITATIONS_MAX, "Invited organisations"),
    /** Recipient body addresses (slugs); at least one, so respondents know who reads restricted answers. */
    recipientBodies: listOf(SlugSchema, 20, "Recipient bodies").pipe(z.array(z.string()).min(1, "Name at least one recipient body.")),
    /** Section ids this request informs. */
    sections: listOf(z.string().regex(/^[a-z2-7]{16}$/, "Unknown section."), 50, "Sections"),
    questions: z.array(QuestionSchema).min(1, "Ask at least one question.").max(REQUEST_QUESTIONS_MAX, `At most ${REQUEST_QUESTIONS_MAX} questions.`),
    /** The language the request is written in and the zone its deadline is entered and shown in (see languageAndZone). */
    contentLanguage: ContentLanguageField,
    timeZone: TimeZoneField,
    datesTimeZone: TimeZoneField,
  })
  .transform(({ datesTimeZone, contentLanguage, timeZone, ...v }) => {
    const { fields, datesZone } = languageAndZone({ contentLanguage, timeZone, datesTimeZone });
    return { ...v, ...fields, deadline: inZone(v.deadline, datesZone) ?? v.deadline };
  });
export type RequestDefinition = z.infer<typeof RequestDefinitionSchema>;

/**
 * Changes allowed after issuing (the questions and levels are fixed once anyone may have answered).
 * The new deadline is read in `timeZone`, the request's own (given by the page, not the form).
 */
export const RequestChangeSchema = z
  .object({
    deadline: OptionalDateTime("Deadline"),
    invited: listOf(SlugSchema, REQUEST_INVITATIONS_MAX, "Invited organisations").optional(),
    reason: text("Reason for the change", { max: REQUEST_LEGAL_BASIS_MAX, multiline: true }),
    timeZone: TimeZoneField,
  })
  .transform(({ timeZone, ...v }) => ({ ...v, deadline: inZone(v.deadline, timeZone ?? "UTC") }));

export const RecipientBodySchema = z.object({
  name: text("Name", { max: NAME_MAX }),
  slug: SlugSchema,
  description: text("Description", { max: RECIPIENT_BODY_DESCRIPTION_MAX, multiline: true }),
});

export const DeclineRequestSchema = z.object({
  reason: text("Reason", { min: 0, max: DECLINE_REASON_MAX, multiline: true }).transform((v) => (v === "" ? null : v)),
});

/** An answer's value as stored (JSON): text and choice → string, multiple → string[], number → number, yes/no → boolean. */
export type AnswerValue = string | string[] | number | boolean;

export interface AnswerItem {
  questionId: string;
  value: unknown;
  level: unknown;
}

export interface CheckedAnswer {
  questionId: string;
  value: AnswerValue;
  level: DisclosureLevel;
}

interface QuestionForCheck {
  id: string;
  kind: QuestionKind;
  prompt: string;
  choices: string[];
  maxLevel: DisclosureLevel;
  required: boolean;
}

const AnswerTextSchema = text("Answer", { max: ANSWER_TEXT_MAX, multiline: true });

/** Reads one value in its question's shape; forms send strings, the API sends JSON values. Empty: null. */
function valueOf(q: QuestionForCheck, raw: unknown): { value: AnswerValue | null; error?: string } {
  const empty = raw === undefined || raw === null || raw === "" || (Array.isArray(raw) && raw.length === 0);
  if (empty) return { value: null };
  switch (q.kind) {
    case "text": {
      const r = AnswerTextSchema.safeParse(raw);
      if (!r.success) return { value: null, error: r.error.issues[0]?.message ?? "Answer is not valid text." };
      return { value: r.data === "" ? null : r.data };
    }
    case "single":
      if (typeof raw !== "string" || !q.choices.includes(raw)) return { value: null, error: "Choose one of the listed choices." };
      return { value: raw };
    case "multiple": {
      const list = Array.isArray(raw) ? raw : [raw];
      if (!list.every((c): c is string => typeof c === "string" && q.choices.includes(c))) return { value: null, error: "Choose among the listed choices." };
      return { value: q.choices.filter((c) => list.includes(c)) };
    }
    case "number": {
      const n = typeof raw === "number" ? raw : typeof raw === "string" ? Number(raw.trim().replace(/,/g, "")) : Number.NaN;
      if (!Number.isFinite(n) || Math.abs(n) > ANSWER_NUMBER_ABS_MAX) return { value: null, error: "Give a number, e.g. 12 or 3.5." };
      return { value: n };
    }
    case "yes_no":
      if (raw === true || raw === "yes" || raw === "true") return { value: true };
      if (raw === false || raw === "no" || raw === "false") return { value: false };
      return { value: null, error: "Answer yes or no." };
  }
}

/**
 * Checks a set of answers against the request's questions. `final` (submitting)
 * requires the required questions; a draft may be partial. Errors are keyed by
 * question id; an answer to a question the request does not ask is refused.
 */
export function checkAnswers(
  questions: readonly QuestionForCheck[],
  items: readonly AnswerItem[],
  opts: { final: boolean },
): { ok: true; answers: CheckedAnswer[] } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const byId = new Map(questions.map((q) => [q.id, q]));
  const given = new Map<string, AnswerItem>();
  for (const item of items) {
    if (typeof item.questionId !== "string" || !byId.has(item.questionId)) (errors.form ??= []).push("An answer names a question this request does not ask.");
    else if (given.has(item.questionId)) (errors[item.questionId] ??= []).push("The question is answered twice.");
    else given.set(item.questionId, item);
  }
  const answers: CheckedAnswer[] = [];
  for (const q of questions) {
    const item = given.get(q.id);
    const { value, error } = valueOf(q, item?.value);
    if (error) {
      (errors[q.id] ??= []).push(error);
      continue;
    }
    if (value === null) {
      if (opts.final && q.required) (errors[q.id] ??= []).push("This question needs an answer.");
      continue;
    }
    const level = item?.level;
    if (typeof level !== "string" || !(levelsAllowed(q.maxLevel) as string[]).includes(level)) {
      (errors[q.id] ??= []).push(`Choose who may read this answer: ${levelsAllowed(q.maxLevel).join(", ")}.`);
      continue;
    }
    answers.push({ questionId: q.id, value, level: level as DisclosureLevel });
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, answers };
}

/** One answer as the API sends it; the value's shape is checked against its question by checkAnswers. */
const ApiAnswerSchema = z.object({ questionId: z.string().max(64), value: z.unknown(), level: z.string().max(32) });

/**
 * The body of POST /api/v1/requests/:id/responses: answers to save as a draft or to
 * submit (`submit: true`), or a decline with an optional public reason.
 */
export const ApiResponseSchema = z.union([
  z.object({ decline: z.literal(true), reason: z.string().optional().nullable() }).strict(),
  z
    .object({
      answers: z.array(ApiAnswerSchema).max(REQUEST_QUESTIONS_MAX, `At most ${REQUEST_QUESTIONS_MAX} answers.`),
      submit: z.boolean().optional().default(false),
    })
    .strict(),
]);
/**
 * The recipient bodies that read a consultation's confidential submissions, by address;
 * none: its owners and drafters (ADR 019).
 */
export const ConsultationRecipientsSchema = z.object({
  bodies: listOf(SlugSchema, CONSULTATION_RECIPIENT_BODIES_MAX, "Recipient bodies"),
});
