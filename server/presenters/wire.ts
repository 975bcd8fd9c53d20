import { z } from "zod";
import { COMMENT_KINDS, CONSULTATION_STATUSES, DISPOSITION_OUTCOMES, DRAFTING_MODES, MODERATION_MODES, ORGANISATION_KINDS, STANCES } from "../../db/schema.js";

/**
 * What the API answers, as zod schemas: the OpenAPI document of /api/v1 is generated
 * from them (server/http/api/openapi.ts, ADR 038) and every response the integration
 * tests receive is checked against that document. The presenters' wire types are
 * inferred from here where a presenter returns exactly one of these shapes.
 *
 * Where a response is a domain document with many nested parts (a request's results,
 * an organisation's own answers, a receipt, a moderation log entry), the schema names
 * the fields a client relies on and lets the rest through (`.loose()`).
 */

const nullable = <T extends z.ZodType>(t: T) => t.nullable();
const Iso = z.string().describe("A time, ISO 8601 in UTC.");

/** The one list shape of the API: a page of items and the cursor of the next page (null on the last). */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: nullable(z.string()) });
}

export const PersonWireSchema = z.object({ id: z.string(), name: z.string(), group: nullable(z.string()) });

export const PublisherSchema = z.object({ name: z.string(), organisation: z.string() });

export const ConsultationWireSchema = z.object({
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  status: z.enum(CONSULTATION_STATUSES),
  phase: z.string(),
  opensAt: nullable(Iso),
  closesAt: nullable(Iso),
  moderationMode: z.enum(MODERATION_MODES),
  contentLanguage: z.string().describe("The language the draft is written in (BCP 47)."),
  timeZone: z.string().describe("The IANA time zone its dates are shown in."),
  draftingMode: z.enum(DRAFTING_MODES).describe("Whether the team drafts live or in a working copy it publishes (ADR 026)."),
  publisher: PublisherSchema.optional(),
});

export const ConsultationDetailSchema = ConsultationWireSchema.extend({
  sections: z.array(z.object({ id: z.string(), title: z.string(), position: z.number() })),
});

export const ModerationLogSchema = pageSchema(z.object({ id: z.string(), at: Iso }).loose()).extend({
  counts: z.array(z.object({}).loose()).describe("Actions counted by reason."),
});

const HeadSchema = nullable(z.object({ seq: z.number(), hash: z.string(), time: Iso }));

export const SectionWireSchema = z.object({
  id: z.string(),
  consultation: z.string(),
  title: z.string(),
  position: z.number(),
  text: z.string(),
  html: z.string(),
  seq: z.number(),
  head: HeadSchema,
});

export const ChangeSetWireSchema = z.object({
  seq: z.number(),
  seqFrom: z.number(),
  time: Iso,
  startedAt: Iso,
  authors: z.array(PersonWireSchema),
  inserted: z.number(),
  deleted: z.number(),
  summary: z.string(),
  hash: z.string(),
  suggestionId: nullable(z.string()),
});

export const SectionChangesSchema = z.object({
  sectionId: z.string(),
  baseline: nullable(z.object({ seq: z.number(), update: z.string().describe("Base64 of a Yjs update.") })),
  changeSets: z.array(z.object({ id: z.string(), seqFrom: z.number(), seqTo: z.number(), stateHash: z.string(), data: z.string() })),
  current: z.object({ seq: z.number(), contentHash: z.string() }).loose(),
});

export const SectionVersionWireSchema = z.object({
  number: z.number(),
  name: z.string(),
  note: nullable(z.string()),
  publishedAt: Iso,
  title: z.string(),
  seq: z.number(),
  stateHash: z.string(),
  text: z.string(),
  point: z.string().describe("The name the diff endpoint takes for this version."),
});

export const SectionVersionsSchema = pageSchema(SectionVersionWireSchema).extend({ sectionId: z.string() });

export const DiffSchema = z.object({
  sectionId: z.string(),
  from: z.unknown(),
  to: z.unknown(),
  inserted: z.number(),
  deleted: z.number(),
  spans: z.array(z.object({ type: z.string(), text: z.string(), authors: z.array(z.unknown()) })),
});

export const LedgerEntryWireSchema = z.object({
  chain: z.string(),
  seq: z.number(),
  kind: z.string(),
  consultationId: nullable(z.string()),
  sectionId: nullable(z.string()),
  subjectId: nullable(z.string()),
  createdAt: Iso,
  payload: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});

const LegacyAfter = nullable(z.number()).meta({ deprecated: true, description: "The `after` of the next page; use `nextCursor`." });

export const LedgerPageSchema = pageSchema(LedgerEntryWireSchema).extend({ nextAfter: LegacyAfter });

export const LedgerHeadSchema = z.object({ chain: z.string(), seq: z.number(), hash: z.string(), createdAt: nullable(Iso) });

export const CheckpointWireSchema = z
  .object({ chain: z.string(), seq: z.number(), hash: z.string(), time: Iso, keyId: z.string(), signature: z.string(), witnesses: z.array(z.object({}).loose()) })
  .loose();

export const CheckpointPageSchema = pageSchema(CheckpointWireSchema).extend({ nextAfter: LegacyAfter, latest: nullable(CheckpointWireSchema), keyId: z.string() });

const QuoteSchema = z.object({ exact: z.string(), prefix: z.string(), suffix: z.string() });

export const PublicCommentSchema = z.object({
  id: z.string(),
  parentId: nullable(z.string()),
  kind: z.enum(COMMENT_KINDS),
  body: z.string(),
  replacement: nullable(z.string()),
  author: z.object({
    name: z.string(),
    organisation: z.string(),
    group: z.string(),
    verifiedOrganisation: nullable(z.object({ slug: z.string(), name: z.string(), kind: z.enum(ORGANISATION_KINDS), label: z.string() })),
  }),
  createdAt: Iso,
  editedAt: nullable(Iso),
  suggestionStatus: nullable(z.string()),
  anchor: nullable(
    z.object({
      state: z.string(),
      start: nullable(z.number()),
      end: nullable(z.number()),
      quote: QuoteSchema,
      position: z.object({ start: z.number(), end: z.number() }),
    }),
  ),
  withdrawn: z.boolean(),
  disposition: nullable(
    z.object({
      outcome: z.enum(DISPOSITION_OUTCOMES),
      response: z.string(),
      at: Iso,
      answeredTogether: nullable(z.object({ groupResponseId: z.string(), comments: z.number() })),
    }),
  ),
});

export const SectionCommentsSchema = pageSchema(PublicCommentSchema);

/**
 * The W3C Web Annotation forms (https://www.w3.org/TR/annotation-model/, ADR 035): their frames
 * only; tests/integration/w3c-annotations.test.ts checks the rest against the model's MUSTs.
 */
const AnnotationFrame = { "@context": z.unknown(), id: z.string() };

/** An annotation inside a page or collection: the page's context covers it. */
const EmbeddedAnnotationSchema = z.object({ id: z.string(), type: z.literal("Annotation"), target: z.unknown() }).loose();

export const AnnotationSchema = EmbeddedAnnotationSchema.extend(AnnotationFrame).loose();

export const AnnotationListSchema = z.union([
  z.object({ ...AnnotationFrame, type: z.literal("AnnotationCollection"), total: z.number() }).loose(),
  z.object({ ...AnnotationFrame, type: z.literal("AnnotationPage"), items: z.array(EmbeddedAnnotationSchema), startIndex: z.number() }).loose(),
]);

export const CreatedCommentSchema = z.object({
  id: z.string(),
  status: z.string(),
  anchor: nullable(z.object({ exact: z.string(), start: nullable(z.number()), end: nullable(z.number()) })),
  receipt: z.object({ reference: z.string(), href: z.string() }),
});

export const EditedCommentSchema = z.object({ id: z.string(), edited: z.literal(true) });
export const DeletedCommentSchema = z.object({ id: z.string(), status: z.enum(["withdrawn", "deleted"]) });

export const PositionCountsSchema = z.object({
  sectionId: z.string(),
  counts: z.array(z.object({ n: z.number() }).loose()),
  total: z.number(),
});

export const OwnPositionSchema = z.object({ sectionId: z.string(), stance: z.enum(STANCES) });

export const RequestSummaryWireSchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  purpose: z.string(),
  phase: z.enum(["draft", "open", "closed"]),
  deadline: Iso,
  issuedAt: nullable(Iso),
  contentLanguage: z.string(),
  timeZone: z.string(),
});

export const RequestWireSchema = RequestSummaryWireSchema.extend({
  legalBasis: z.string(),
  retentionDays: z.number(),
  k: z.number(),
  openToKinds: z.array(z.enum(ORGANISATION_KINDS)),
  questions: z.array(z.object({ id: z.string(), position: z.number(), kind: z.string(), prompt: z.string(), help: nullable(z.string()), choices: z.array(z.string()), maxLevel: z.string(), required: z.boolean() })),
  recipientBodies: z.array(z.object({ slug: z.string(), name: z.string(), description: z.string(), members: z.array(z.string()) })),
  invited: z.array(z.object({ slug: z.string(), name: z.string(), kind: z.enum(ORGANISATION_KINDS), verified: z.boolean() })),
  sections: z.array(z.object({ id: z.string(), title: z.string(), consultation: z.object({ slug: z.string(), title: z.string() }), path: z.string() })),
  history: z.array(z.object({}).loose()),
});

/** A request's published results: the document the results page shows and the ledger recorded. */
export const RequestResultsSchema = z.object({ request: z.unknown(), publishedAt: Iso }).loose();
export const RequestParticipationSchema = z.object({ request: z.unknown(), publishedAt: Iso }).loose();

export const SavedDraftSchema = z.object({ status: z.literal("draft"), savedAt: Iso, answers: z.array(z.unknown()) });
/** A submitted answer (its receipt) or a declined request. */
export const SubmittedResponseSchema = z.object({}).loose();
export const OwnAnswersSchema = z.object({}).loose();
export const OwnReceiptSchema = z.object({}).loose();

export const SearchResultsSchema = z.object({
  query: z.string(),
  words: z.array(z.string()),
  ignoredWords: z.number().describe("How many words of the query were left out (beyond the most a search uses)."),
  total: z.number(),
  totalIsLowerBound: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
  nextPage: nullable(z.number()).meta({ deprecated: true, description: "The next `page`; use `nextCursor`." }),
  nextCursor: nullable(z.string()),
  items: z.array(
    z.object({
      kind: z.string(),
      url: z.string(),
      title: z.string(),
      titleHtml: z.string(),
      snippet: z.string(),
      snippetHtml: z.string(),
      at: nullable(Iso),
      lang: nullable(z.string()),
      reply: z.boolean(),
      consultation: z.unknown(),
    }),
  ),
});

export const CampaignSchema = z.object({ id: z.string(), count: z.number(), text: z.string(), sectionId: nullable(z.string()), firstSeen: Iso, lastSeen: Iso });

export const CampaignDetailSchema = CampaignSchema.extend({
  consultation: z.string(),
  variations: pageSchema(z.object({ kind: z.string(), text: nullable(z.string()).describe("The variation's text, or null where it is not shown."), count: z.number() })),
});

/** The document at /api/v1/openapi.json itself. */
export const OpenApiDocumentSchema = z.object({ openapi: z.string(), info: z.object({}).loose(), paths: z.record(z.string(), z.unknown()) }).loose();
