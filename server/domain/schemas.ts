// One file on purpose (315 lines): every input's zod schema, shared by the forms and the API, so a rule is written once.
import { DEFAULT_TIME_ZONE, LOCALES, isLocale, isTimeZone, type Locale } from "../../common/i18n/locales.js";
import { zonedToUtc } from "../../common/i18n/zoned-time.js";
import { z } from "zod";
import { DISPOSITION_OUTCOMES, MODERATION_MODES, MODERATION_REASONS, ORGANISATION_KINDS, ORGANISATION_ROLES, PUBLICATIONS, SEARCH_KINDS, STAKEHOLDER_GROUPS, STANCES } from "../../db/schema.js";
import {
  COMMENT_BODY_MAX,
  DISPOSITION_LINKS_MAX,
  DISPOSITION_RESPONSE_MAX,
  EMAIL_MAX,
  GROUP_GIST_MAX,
  GROUP_LABEL_MAX,
  GROUP_MOVE_MAX,
  MODERATION_NOTE_MAX,
  NAME_MAX,
  ORGANISATION_MAX,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  QUOTE_CONTEXT_MAX,
  QUOTE_MAX,
  SEARCH_QUERY_MAX,
  SLUG_MAX,
  SLUG_MIN,
  SUMMARY_MAX,
  TITLE_MAX,
  VERSION_NAME_MAX,
  VERSION_NOTE_MAX,
} from "../../common/limits.js";

// The limits live in common/ (forms use them as maxLength); re-exported for the server's importers.
export {
  COMMENT_BODY_MAX,
  DISPOSITION_LINKS_MAX,
  DISPOSITION_RESPONSE_MAX,
  NAME_MAX,
  ORGANISATION_MAX,
  QUOTE_CONTEXT_MAX,
  QUOTE_MAX,
  SLUG_MAX,
  SUMMARY_MAX,
  TITLE_MAX,
  VERSION_NAME_MAX,
  VERSION_NOTE_MAX,
};

export const SECTIONS_PER_CONSULTATION_MAX = 200;

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const BIDI_OVERRIDE = /[\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const COMBINING_FLOOD = /\p{M}{6,}/u;

/** Why a piece of user text is refused, or null when it is acceptable. */
export function textProblem(value: string, multiline: boolean): string | null {
  if (CONTROL.test(value) || (!multiline && /[\r\n\t]/.test(value))) return "contains control characters";
  if (LONE_SURROGATE.test(value)) return "contains invalid characters";
  if (BIDI_OVERRIDE.test(value)) return "contains text-direction override characters";
  if (COMBINING_FLOOD.test(value)) return "contains too many combining marks in a row";
  return null;
}

/** A trimmed text field with a length window and the hygiene checks above. */
export function text(label: string, opts: { min?: number; max: number; multiline?: boolean }) {
  const min = opts.min ?? 1;
  return z
    .string({ error: `${label} is required.` })
    .optional()
    .transform((v) => (v ?? "").trim())
    .pipe(
      z
        .string()
        .min(min, min === 1 ? `${label} is required.` : `${label} needs at least ${min} characters.`)
        .max(opts.max, `${label} can be at most ${opts.max} characters.`)
        .superRefine((v, ctx) => {
          const problem = textProblem(v, opts.multiline ?? false);
          if (problem) ctx.addIssue({ code: "custom", message: `${label} ${problem}.` });
        }),
    );
}

/**
 * Text taken exactly as sent (not trimmed): a quoted passage, a cursor. It may
 * hold line breaks and tabs, but never NUL or other control characters, nor
 * half a surrogate pair, which no storage keeps as sent.
 */
export function verbatim(label: string, max: number) {
  return z
    .string({ error: `${label} must be text.` })
    .max(max, `${label} can be at most ${max} characters.`)
    .superRefine((v, ctx) => {
      if (CONTROL.test(v)) ctx.addIssue({ code: "custom", message: `${label} contains control characters.` });
      else if (LONE_SURROGATE.test(v)) ctx.addIssue({ code: "custom", message: `${label} contains invalid characters.` });
    });
}

export const EmailSchema = z
  .string({ error: "Email is required." })
  .transform((v) => v.trim().toLowerCase())
  .pipe(z.email("Enter an email address like name@example.org.").max(EMAIL_MAX, "Email is too long."));

export const PasswordSchema = z
  .string({ error: "Password is required." })
  .min(PASSWORD_MIN_LENGTH, `Password needs at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Password can be at most ${PASSWORD_MAX_LENGTH} characters.`);

export const StakeholderGroupSchema = z.enum(STAKEHOLDER_GROUPS, { error: "Choose a stakeholder group." });

export const SignUpSchema = z.object({
  email: EmailSchema,
  password: PasswordSchema,
  displayName: text("Display name", { max: NAME_MAX }),
  organisation: text("Organisation", { min: 0, max: ORGANISATION_MAX }),
  stakeholderGroup: StakeholderGroupSchema,
});

/** The account page's name and organisation: the same rules as at sign-up. */
export const ProfileSchema = SignUpSchema.pick({ displayName: true, organisation: true });

export const ChangePasswordSchema = z.object({
  currentPassword: z.string({ error: "Enter your current password." }).min(1, "Enter your current password.").max(PASSWORD_MAX_LENGTH, "That is not your current password."),
  newPassword: PasswordSchema,
});

export const SignInSchema = z.object({
  email: EmailSchema,
  // Not the full password rules: an over-long or short attempt is simply wrong.
  password: z.string({ error: "Password is required." }).min(1, "Password is required.").max(PASSWORD_MAX_LENGTH, `Password can be at most ${PASSWORD_MAX_LENGTH} characters.`),
});

export const SlugSchema = z
  .string({ error: "Address is required." })
  .transform((v) => v.trim().toLowerCase())
  .pipe(
    z
      .string()
      .min(SLUG_MIN, `The address needs at least ${SLUG_MIN} characters.`)
      .max(SLUG_MAX, `The address can be at most ${SLUG_MAX} characters.`)
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens, e.g. ai-guideline-2026."),
  );

/**
 * A `datetime-local` field as typed ("2027-01-16T23:59"), or an instant that names
 * its offset ("…Z", "…+09:00"); empty means "not set". The text is checked here and
 * kept: the schema it is part of reads it in its time zone with `inZone`.
 */
export const OptionalDateTime = (label: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const s = (v ?? "").trim();
      if (s === "") return null;
      if (zonedToUtc(s, "UTC") === null) {
        ctx.addIssue({ code: "custom", message: `${label} is not a valid date and time.` });
        return z.NEVER;
      }
      return s;
    });

/** A checked OptionalDateTime read in `timeZone`, as an ISO UTC instant. */
export function inZone(value: string | null, timeZone: string): string | null {
  return value === null ? null : (zonedToUtc(value, timeZone) ?? zonedToUtc(value, "UTC"));
}

export const ContentLanguageField = z
  .string()
  .optional()
  .transform((v) => (v ?? "").trim())
  .refine((v) => v === "" || isLocale(v), "Choose English or Japanese.")
  .transform((v) => (isLocale(v) ? v : undefined));

/** An IANA zone (Intl decides), or empty: the content language's usual zone. */
export const TimeZoneField = z
  .string()
  .optional()
  .transform((v) => (v ?? "").trim())
  .refine((v) => v === "" || isTimeZone(v), "Choose a time zone from the list, such as Asia/Tokyo or UTC.")
  .transform((v) => (v === "" ? undefined : v));

/**
 * A consultation's or request's language and time zone, and the zone its form's dates
 * are read in: the zone the form showed them in (`datesTimeZone`, so changing the zone
 * does not move a deadline), else the zone chosen, else the language's usual one.
 */
export function languageAndZone(v: { contentLanguage?: Locale | undefined; timeZone?: string | undefined; datesTimeZone?: string | undefined }): {
  fields: { contentLanguage?: Locale; timeZone?: string };
  datesZone: string;
} {
  const timeZone = v.timeZone ?? (v.contentLanguage ? DEFAULT_TIME_ZONE[v.contentLanguage] : undefined);
  const fields = { ...(v.contentLanguage ? { contentLanguage: v.contentLanguage } : {}), ...(timeZone ? { timeZone } : {}) };
  return { fields, datesZone: v.datesTimeZone ?? timeZone ?? "UTC" };
}

export const ConsultationFieldsSchema = z
  .object({
    title: text("Title", { max: TITLE_MAX }),
    summary: text("Summary", { min: 0, max: SUMMARY_MAX, multiline: true }),
    opensAt: OptionalDateTime("Opening time"),
    closesAt: OptionalDateTime("Closing time"),
    moderationMode: z.enum(MODERATION_MODES, { error: "Choose pre- or post-moderation." }),
    premoderateFirstPosts: z
      .string()
      .optional()
      .transform((v) => v === "on" || v === "1"),
    showModeratorNames: z
      .string()
      .optional()
      .transform((v) => v === "on" || v === "1"),
    contentLanguage: ContentLanguageField,
    timeZone: TimeZoneField,
    datesTimeZone: TimeZoneField,
  })
  .transform(({ datesTimeZone, contentLanguage, timeZone, ...v }) => {
    const { fields, datesZone } = languageAndZone({ contentLanguage, timeZone, datesTimeZone });
    return { ...v, ...fields, opensAt: inZone(v.opensAt, datesZone), closesAt: inZone(v.closesAt, datesZone) };
  })
  .superRefine((v, ctx) => {
    if (v.opensAt && v.closesAt && Date.parse(v.closesAt) <= Date.parse(v.opensAt)) {
      ctx.addIssue({ code: "custom", path: ["closesAt"], message: "The closing time must be after the opening time." });
    }
  });

export const NewConsultationSchema = ConsultationFieldsSchema.and(z.object({ slug: SlugSchema }));

export const SectionTitleSchema = z.object({ title: text("Section title", { max: TITLE_MAX }) });

/** Organisations (issue 14): what a site admin gives to register, verify and add a member. */
export const ORGANISATION_EVIDENCE_MAX = 500;
const EMAIL_DOMAIN_MAX = 253;
const EmailDomainField = z
  .string()
  .optional()
  .transform((v) => (v ?? "").trim().toLowerCase().replace(/^@/, ""))
  .pipe(
    z
      .string()
      .max(EMAIL_DOMAIN_MAX, `The email domain can be at most ${EMAIL_DOMAIN_MAX} characters.`)
      .regex(/^$|^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "Give a domain like meti.go.jp, or leave it empty."),
  )
  .transform((v) => (v === "" ? null : v));

export const NewOrganisationSchema = z.object({
  name: text("Name", { max: ORGANISATION_MAX }),
  kind: z.enum(ORGANISATION_KINDS, { error: `Choose a kind: ${ORGANISATION_KINDS.join(", ")}.` }),
  // Empty: made from the name.
  slug: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .pipe(z.union([z.literal(""), SlugSchema]))
    .transform((v) => (v === "" ? null : v)),
  emailDomain: EmailDomainField,
});

export const VerifyOrganisationSchema = z.object({
  slug: SlugSchema,
  evidence: text("Evidence", { min: 10, max: ORGANISATION_EVIDENCE_MAX, multiline: true }),
});

export const OrganisationMemberSchema = z.object({
  slug: SlugSchema,
  email: EmailSchema,
  role: z.enum(ORGANISATION_ROLES, { error: "Choose representative or member." }).default("member"),
});

export const ApiTokenNameSchema = z.object({ name: text("Token name", { max: NAME_MAX }) });

export type FieldErrors = Record<string, string[]>;

/** Flattens zod issues to `{ field: [messages] }` for rendering next to fields. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : "form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

// Each input field is defined once and shared by the page forms and the JSON API.
const CommentBodyField = text("Comment", { max: COMMENT_BODY_MAX, multiline: true });
const CommentKindField = z.enum(["comment", "suggestion"], { error: "Choose comment or suggestion." }).optional().default("comment");
const ReplacementField = text("Proposed text", { min: 0, max: COMMENT_BODY_MAX, multiline: true });
const QuoteField = verbatim("The selected passage", QUOTE_MAX);
const QuoteContextField = verbatim("The text around the selected passage", QUOTE_CONTEXT_MAX);
const CommentIdField = z.string().regex(/^[a-z2-7]{16}$/, "Unknown comment.");
const StanceField = z.enum(STANCES, { error: "Choose support, support with changes, oppose or neutral." });
const RationaleField = text("Reason", { min: 0, max: COMMENT_BODY_MAX, multiline: true });

const optionalInt = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === "") return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) {
      ctx.addIssue({ code: "custom", message: "Not a valid position." });
      return z.NEVER;
    }
    return n;
  });

const PublicationField = z.enum(PUBLICATIONS, { error: "Choose how you want to be shown: name, organisation or anonymous." }).optional().default("name");

/** A new comment or suggestion from the section page (quote fields come from the selection). */
export const CommentFormSchema = z
  .object({
    body: CommentBodyField,
    kind: CommentKindField,
    replacement: ReplacementField,
    quoteExact: QuoteField.optional().default(""),
    quotePrefix: QuoteContextField.optional().default(""),
    quoteSuffix: QuoteContextField.optional().default(""),
    quoteStart: optionalInt,
    publication: PublicationField,
    confidential: z
      .string()
      .optional()
      .transform((v) => v === "on"),
    redactedBody: text("Public version", { min: 0, max: COMMENT_BODY_MAX, multiline: true }),
    /** A field people never see: anything in it marks the sender as a bot. */
    website: z.string().max(500).optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "suggestion" && !v.quoteExact) ctx.addIssue({ code: "custom", path: ["quote"], message: "Select the passage you want to change." });
  });

export const ReplySchema = z.object({ parentId: CommentIdField, body: text("Reply", { max: COMMENT_BODY_MAX, multiline: true }) });
export const EditCommentSchema = z.object({ commentId: CommentIdField, body: CommentBodyField });
export const CommentIdSchema = z.object({ commentId: CommentIdField });

/**
 * A version's number in a path (/c/:slug/v/:number/…), written one way only: digits, no
 * leading zero, so "1e0", "01", "+1" or "-1" are no version rather than another name for one.
 */
export const VersionNumberParamSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,8}$/)
  .transform(Number);

/**
 * A paged list's query (issue 18, ADR 033): `?page=` counts from 1 (absent: the first),
 * `?passage=` names a block of the section text by its index (the heat strip's links),
 * `?filter=` the rail's filter. Digits only, so every page has one address.
 */
export const ListPageQuerySchema = z.object({
  page: z
    .string()
    .regex(/^[1-9][0-9]{0,5}$/, "A page is a whole number from 1.")
    .transform(Number)
    .nullable()
    .transform((n) => n ?? 1),
  passage: z.string().regex(/^(0|[1-9][0-9]{0,4})$/, "A passage is named by its number in the text, from 0.").transform(Number).nullable(),
  filter: z.enum(["all", "suggestions", "mine", ...STAKEHOLDER_GROUPS], { error: "Choose a filter from the list." }).nullable().transform((f) => f ?? "all"),
});

export const PositionSchema = z.object({
  stance: StanceField,
  rationale: RationaleField,
  /** The passage the position is about, if the participant had one selected, with its context as the comment form sends it. */
  quote: QuoteField.optional().default(""),
  quotePrefix: QuoteContextField.optional().default(""),
  quoteSuffix: QuoteContextField.optional().default(""),
  quoteStart: optionalInt,
});

/** The JSON body of POST /api/v1/sections/:id/comments (W3C-style selector optional): the form's fields. */
export const ApiCommentSchema = z
  .object({
    body: CommentBodyField,
    kind: CommentKindField,
    replacement: ReplacementField,
    parentId: CommentIdField.optional(),
    /** As on the page: how the author is shown, and whether only the consultation team may read it. */
    publication: PublicationField,
    confidential: z.boolean({ error: "confidential must be true or false." }).optional().default(false),
    /** With a confidential submission: a public, redacted version (the page's "Public version"). */
    redactedBody: text("Public version", { min: 0, max: COMMENT_BODY_MAX, multiline: true }).optional(),
    selector: z
      .object({
        type: z.literal("TextQuoteSelector"),
        exact: QuoteField.pipe(z.string().min(1, "The selected passage is empty.")),
        prefix: QuoteContextField.optional(),
        suffix: QuoteContextField.optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    // A public version belongs to a confidential submission; alone it would be silently dropped.
    if (v.redactedBody && !v.confidential) ctx.addIssue({ code: "custom", path: ["redactedBody"], message: "A public version is only for a confidential submission (set confidential to true)." });
  });

/** The JSON body of PUT /api/v1/sections/:id/positions/me: the form's fields. */
export const ApiPositionSchema = z.object({ stance: StanceField, rationale: RationaleField }).strict();

export const DeclineSchema = z.object({
  commentId: z.string().regex(/^[a-z2-7]{16}$/, "Unknown comment."),
  reason: text("Reason", { max: COMMENT_BODY_MAX, multiline: true }),
});
export const ReactSchema = z.object({ commentId: z.string().regex(/^[a-z2-7]{16}$/, "Unknown comment."), reaction: z.enum(["endorse", "oppose"]) });

const ReasonSchema = z.enum(MODERATION_REASONS, { error: "Choose a reason." });

export const ModerateSchema = z.object({
  action: z.enum(["approve", "hide", "restore", "reject"], { error: "Choose an action." }),
  reason: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(ReasonSchema.optional()),
  note: text("Note", { min: 0, max: MODERATION_NOTE_MAX, multiline: true }),
});

export const ReportSchema = z.object({
  commentId: z.string().regex(/^[a-z2-7]{16}$/, "Unknown comment."),
  reason: ReasonSchema,
});

export const PublishVersionSchema = z.object({
  name: text("Version name", { max: VERSION_NAME_MAX }),
  note: text("Note", { min: 0, max: VERSION_NOTE_MAX, multiline: true }),
});

const ID = /^[a-z2-7]{16}$/;
/** The settings page's one-step answer to every comment still without one. */
export const BulkNotedSchema = z.object({ reason: text("Reason", { max: DISPOSITION_RESPONSE_MAX, multiline: true }) });

export const DispositionSchema = z.object({
  commentId: z.string().regex(ID, "Unknown comment."),
  outcome: z.enum(DISPOSITION_OUTCOMES, { error: "Choose an outcome." }),
  response: text("Response", { max: DISPOSITION_RESPONSE_MAX, multiline: true }),
  changeSetIds: z
    .array(z.string().regex(ID, "A linked change is not one of ours."))
    .max(DISPOSITION_LINKS_MAX, `Link at most ${DISPOSITION_LINKS_MAX} changes.`)
    .default([]),
  versionNumber: z.coerce.number().int().min(1, "Choose a version.").optional(),
});

/**
 * One considered answer to a group of comments (campaign or topic, ADR 032). Every member the
 * responder may answer gets it; `overrideIndividual` also replaces members' own later responses.
 */
export const GroupResponseSchema = DispositionSchema.omit({ commentId: true }).extend({
  groupId: z.string().regex(ID, "Unknown group."),
  overrideIndividual: z
    .union([z.boolean(), z.enum(["on", "true", "false", ""])])
    .optional()
    .transform((v) => v === true || v === "on" || v === "true"),
});

/** A response given from the section's rail: outcome and words; its links to changes and versions are kept as they were. */
export const RailResponseSchema = DispositionSchema.pick({ commentId: true, outcome: true, response: true });

/** The longest name a witness may give itself. */
export const WITNESS_NAME_MAX = 80;

/** A witness's co-signature of a checkpoint (POST /api/v1/ledger/checkpoints/:seq/witnesses). */
export const WitnessSignatureSchema = z
  .object({
    publicKey: z.string({ error: "publicKey is required: the witness's Ed25519 public key, base64 of its 32 raw bytes." }).regex(/^[A-Za-z0-9+/]{43}=$/, "publicKey must be base64 of a 32-byte Ed25519 public key."),
    name: text("The witness's name", { max: WITNESS_NAME_MAX }),
    signature: z.string({ error: "signature is required." }).regex(/^[A-Za-z0-9+/]{86}==$/, "signature must be base64 of a 64-byte Ed25519 signature."),
  })
  .strict();

const HEX64 = /^[0-9a-f]{64}$/;
/**
 * A receipt file as `margin verify --receipt` reads it (written by
 * server/domain/receipts.ts). Unknown fields are allowed so a newer server's
 * additions do not make an older verifier refuse a receipt.
 */
export const ReceiptFileSchema = z
  .object({
    format: z.literal("margin-receipt/1", { error: 'The "format" field must be "margin-receipt/1".' }),
    reference: z.string().min(1).max(40),
    server: z.string().url().optional(),
    consultation: z.object({ slug: z.string(), title: z.string() }).optional(),
    section: z.object({ id: z.string(), title: z.string() }).nullable().optional(),
    subject: z.object({ kind: z.enum(["comment", "position"]), id: z.string().min(1).max(64) }),
    submittedAt: z.string(),
    ledger: z.object({ chain: z.string().min(1).max(80), seq: z.number().int().min(1), hash: z.string().regex(HEX64, "The ledger hash must be 64 hexadecimal digits.") }),
    digest: z.object({ alg: z.enum(["sha256", "salted-sha256"]), value: z.string().regex(HEX64, "The digest must be 64 hexadecimal digits.") }),
    salt: z.string().max(128).optional(),
    text: z.string().nullable().optional(),
  });

/**
 * Every CSV download's query (ADR 036): the byte-order mark Excel needs is on unless `?bom=0`; `?bom=1` says
 * so explicitly. The message is a catalog id: the route words it in the reader's language.
 */
export const CsvQuerySchema = z.object({ bom: z.enum(["0", "1"], { error: "egov.bad.bom" }).optional() });

/** The e-Gov results' query (ADR 034): `?page=` of the table on screen, and a CSV download's `?bom=`. */
export const ResultsQuerySchema = CsvQuerySchema.extend({
  page: z.coerce.number({ error: "egov.bad.page" }).int("egov.bad.page").min(1, "egov.bad.page").max(100_000, "egov.bad.page").default(1),
});

/** `?page=` of a paged list; anything else is the first page. */
export const PageQuerySchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1) });

/** The language switcher's form: one of the interface languages, and where to go back to. */
export const LocaleChoiceSchema = z.object({
  locale: z.enum(LOCALES, { error: "Choose English or Japanese." }),
  redirectTo: z.string().max(2_000).optional(),
});

/** How many pages of results search goes to (20 results each): past that, narrow the query. */
export const SEARCH_PAGES_MAX = 50;
const SEARCH_STATUSES = ["open", "closed", "final"] as const;
/** A form's empty choice ("any") is the same as leaving the parameter out. */
const blank = (v: unknown) => (v === "" ? undefined : v);
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayField = (label: string) =>
  z.preprocess(
    blank,
    z
      .string()
      .regex(DAY, `${label} must be a date (YYYY-MM-DD).`)
      .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), `${label} must be a date (YYYY-MM-DD).`)
      .optional(),
  );

/** The search page's and GET /api/v1/search's query: q, what to search, filters, page. */
export const SearchQuerySchema = z
  .object({
    q: z.preprocess((v) => v ?? "", verbatim("The search", SEARCH_QUERY_MAX)).transform((v) => v.trim()),
    type: z.preprocess(blank, z.enum(SEARCH_KINDS, { error: "Choose what to search: consultations, sections, comments, responses or requests." }).optional()),
    status: z.preprocess(blank, z.enum(SEARCH_STATUSES, { error: "Choose a consultation status: open, closed or final." }).optional()),
    group: z.preprocess(blank, StakeholderGroupSchema.optional()),
    kind: z.preprocess(blank, z.enum(ORGANISATION_KINDS, { error: "Choose a kind of organisation." }).optional()),
    from: dayField("The start date"),
    to: dayField("The end date"),
    page: z.preprocess(blank, z.coerce.number({ error: "The page must be a number." }).int("The page must be a whole number.").min(1, "The page must be 1 or more.").max(SEARCH_PAGES_MAX, `Search shows at most ${SEARCH_PAGES_MAX} pages; narrow the search.`).default(1)),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: "The date range ends before it starts.", path: ["to"] });
export type SearchInput = z.infer<typeof SearchQuerySchema>;

/** The account's language setting: English, Japanese, or "" to follow the browser (null). */
export const AccountLocaleSchema = z.object({
  locale: z.union([z.enum(LOCALES), z.literal("")], { error: "Choose English, Japanese or the browser's setting." }).transform((v) => (v === "" ? null : v)),
});

// Topic groups and their curation by the drafting team (issue 18, ADR 031).
const GroupIdField = z.string({ error: "Choose a group." }).regex(/^[a-z2-7]{16}$/, "Choose a group.");
const CommentIdsField = z
  .array(CommentIdField, { error: "Select at least one comment." })
  .min(1, "Select at least one comment.")
  .max(GROUP_MOVE_MAX, `Select at most ${GROUP_MOVE_MAX} comments at a time.`)
  .transform((ids) => [...new Set(ids)]);

export const RenameGroupSchema = z.object({
  label: text("Name", { max: GROUP_LABEL_MAX }),
  gist: text("Gist", { min: 0, max: GROUP_GIST_MAX, multiline: true }),
});
export const MergeGroupSchema = z.object({ into: GroupIdField });
export const MoveMembersSchema = z.object({ to: GroupIdField, ids: CommentIdsField });
export const SplitMembersSchema = z.object({ ids: CommentIdsField, newLabel: text("Name of the new group", { min: 0, max: GROUP_LABEL_MAX }) });
export const GroupsQuerySchema = z.object({
  section: z.string().regex(/^[a-z2-7]{16}$/).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
