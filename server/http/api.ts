import express, { Router, type NextFunction, type Request, type Response } from "express";
import { z } from "zod";
import { listChangeSets } from "../../db/queries/collab.js";
import { listUsersByIds, type UserProfile } from "../../db/queries/user.js";
import { authenticateApiToken } from "../auth/api-tokens.js";
import { SESSION_COOKIE, readCookie } from "../auth/sessions.js";
import { requireConsultation, requireSectionById } from "../auth/access.js";
import { listConsultations, listSections, phaseOf, publishersOf } from "../domain/consultations/index.js";
import { createComment, deleteComment, editComment, listComments, positionCounts, takePosition, type CommentView } from "../domain/comments/index.js";
import { ApiCommentSchema, ApiPositionSchema, EditCommentSchema, fieldErrorsOf, verbatim } from "../domain/schemas.js";
import { AppError, clientErrorOf, isAppError } from "../errors.js";
import { siteOrigin } from "./guards.js";
import { commentDeps, moderationDeps, type Services } from "./context.js";
import { moderationLedger } from "../domain/moderation.js";
import { sendJsonError } from "./respond.js";
import { listLedgerEntries, toWireEntry } from "../../db/queries/ledger.js";
import { listSectionVersions } from "../../db/queries/history.js";
import { contentHash, docToText } from "../collab/content.js";
import { compareSection } from "../history/history.js";
import { readHead } from "../ledger/append.js";
import { GENESIS_HASH, PUBLIC_CHAIN } from "../ledger/chain.js";
import { VERIFY_PAGE, publicSectionHistory } from "../ledger/sources.js";

export const API_PAGE_DEFAULT = 20;
export const API_PAGE_MAX = 100;

const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(API_PAGE_MAX).default(API_PAGE_DEFAULT),
  cursor: z.string().max(200).optional(),
});

const HistoryQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(API_PAGE_MAX).default(API_PAGE_DEFAULT),
  cursor: z.coerce.number().int().min(1).optional(),
});

const LedgerQuerySchema = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(VERIFY_PAGE).default(API_PAGE_MAX),
});

const DiffQuerySchema = z.object({
  from: z.string({ error: "from is required: current, v<version number> or a sequence number." }).max(20),
  to: z.string().max(20).default("current"),
});

const CursorSchema = z.object({ c: verbatim("cursor", 40), i: verbatim("cursor", 40) });

function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(JSON.stringify({ c: createdAt, i: id })).toString("base64url");
}

function decodeCursor(cursor: string | undefined): { createdAt: string; id: string } | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed = CursorSchema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return { createdAt: parsed.c, id: parsed.i };
  } catch {
    throw new AppError("invalid_input", "The cursor is not one this API gave out.");
  }
}

function parseQuery<T extends z.ZodTypeAny>(schema: T, query: unknown): z.infer<T> {
  const r = schema.safeParse(query);
  if (!r.success) throw new AppError("invalid_input", r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  return r.data;
}

/** The caller: a bearer token's owner, the session's user, or null (anonymous). */
async function apiUser(services: Services, req: Request): Promise<UserProfile | null> {
  const authz = req.headers.authorization;
  if (authz !== undefined) {
    const m = /^Bearer (\S+)$/.exec(authz);
    const user = m ? await authenticateApiToken(services.db, m[1]!) : null;
    if (!user) throw new AppError("unauthenticated", "The API token is missing, malformed or revoked.");
    return user;
  }
  const auth = await services.sessions.validate(readCookie(req.headers.cookie, SESSION_COOKIE));
  return auth?.user ?? null;
}

type Handler = (req: Request, user: UserProfile | null) => Promise<unknown>;

/** A handler's answer with a status other than 200. */
class Created {
  constructor(readonly body: unknown) {}
}

function route(services: Services, handler: Handler) {
  return async (req: Request, res: Response, _next: NextFunction) => {
    try {
      const out = await handler(req, await apiUser(services, req));
      if (out instanceof Created) res.status(201).json(out.body);
      else res.json(out);
    } catch (e) {
      if (isAppError(e)) return sendJsonError(res, e.code, e.message, e.details);
      const theirs = clientErrorOf(e);
      if (theirs) return sendJsonError(res, theirs.code, theirs.message);
      services.logger.error("api request failed", { path: req.path, error: e });
      sendJsonError(res, "unavailable", "Something went wrong on our side. Please try again shortly.", { retryAfterSeconds: 5 });
    }
  };
}

/** The public read API under /api/v1. */
export function createApiRouter(services: Services): Router {
  const { db } = services;
  const router = Router();
  const now = () => new Date();

  router.get(
    "/consultations",
    route(services, async (req, user) => {
      const q = parseQuery(PageQuerySchema, req.query);
      const rows = await listConsultations(db, user, { limit: q.limit + 1, after: decodeCursor(q.cursor) });
      const page = rows.slice(0, q.limit);
      const last = page[page.length - 1];
      const publishers = await publishersOf(db, page);
      return {
        items: page.map((c) => ({
          slug: c.slug,
          title: c.title,
          summary: c.summary,
          status: c.status,
          phase: phaseOf(c, now()),
          opensAt: c.opens_at,
          closesAt: c.closes_at,
          moderationMode: c.moderation_mode,
          publisher: publishers.get(c.id),
        })),
        nextCursor: rows.length > q.limit && last ? encodeCursor(last.created_at, last.id) : null,
      };
    }),
  );

  router.get(
    "/consultations/:slug",
    route(services, async (req, user) => {
      const view = await requireConsultation(db, String(req.params.slug), user);
      const c = view.consultation;
      const [sections, publishers] = await Promise.all([listSections(db, view), publishersOf(db, [c])]);
      return {
        slug: c.slug,
        title: c.title,
        summary: c.summary,
        status: c.status,
        phase: phaseOf(c, now()),
        opensAt: c.opens_at,
        closesAt: c.closes_at,
        moderationMode: c.moderation_mode,
        publisher: publishers.get(c.id),
        sections: sections.map((s) => ({ id: s.id, title: s.title, position: s.position })),
      };
    }),
  );

  router.get(
    "/consultations/:slug/moderation",
    route(services, async (req, user) => {
      const view = await requireConsultation(db, String(req.params.slug), user);
      const q = parseQuery(PageQuerySchema, req.query);
      const before = decodeCursor(q.cursor);
      const ledger = await moderationLedger(moderationDeps(services), view, { limit: q.limit + 1, before: before && { at: before.createdAt, id: before.id } });
      const page = ledger.entries.slice(0, q.limit);
      const last = page[page.length - 1];
      return { items: page, counts: ledger.counts, nextCursor: ledger.entries.length > q.limit && last ? encodeCursor(last.at, last.id) : null };
    }),
  );

  router.get(
    "/sections/:id",
    route(services, async (req, user) => {
      const { view, section } = await requireSectionById(db, String(req.params.id), user);
      const live = await services.collab.readSection(section.id);
      const [head] = await listChangeSets(db.kysely, section.id, { limit: 1 });
      return {
        id: section.id,
        consultation: view.consultation.slug,
        title: section.title,
        position: section.position,
        text: live.text,
        html: live.html,
        seq: live.seq,
        head: head ? { seq: head.seq_to, hash: head.state_hash, time: head.ended_at } : null,
      };
    }),
  );

  router.get(
    "/sections/:id/history",
    route(services, async (req, user) => {
      const { view, section } = await requireSectionById(db, String(req.params.id), user);
      const q = parseQuery(HistoryQuerySchema, req.query);
      // Drafting before the consultation opened stays with the team.
      const rows = await listChangeSets(db.kysely, section.id, { limit: q.limit + 1, beforeSeq: q.cursor, publicOnly: !view.may("history.viewDrafting") });
      const page = rows.slice(0, q.limit);
      const authorIds = [...new Set(page.flatMap((r) => JSON.parse(r.authors) as string[]))];
      const people = new Map((await listUsersByIds(db.kysely, authorIds)).map((u) => [u.id, u]));
      return {
        items: page.map((r) => ({
          seq: r.seq_to,
          seqFrom: r.seq_from,
          time: r.ended_at,
          startedAt: r.started_at,
          authors: (JSON.parse(r.authors) as string[]).map((id) => {
            const p = people.get(id);
            return { id, name: p?.display_name ?? "Former account", group: p?.stakeholder_group ?? null };
          }),
          inserted: r.inserted,
          deleted: r.deleted,
          summary: r.summary,
          hash: r.state_hash,
          suggestionId: r.suggestion_id,
        })),
        nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.seq_to) : null,
      };
    }),
  );

  router.get(
    "/ledger",
    route(services, async (req) => {
      const q = parseQuery(LedgerQuerySchema, req.query);
      const rows = await listLedgerEntries(db.kysely, PUBLIC_CHAIN, q.after, q.limit + 1);
      const page = rows.slice(0, q.limit);
      return { items: page.map(toWireEntry), nextAfter: rows.length > q.limit ? page[page.length - 1]!.seq : null };
    }),
  );

  router.get(
    "/ledger/head",
    route(services, async () => {
      const head = await readHead(db.kysely, PUBLIC_CHAIN);
      const row = head && (await listLedgerEntries(db.kysely, PUBLIC_CHAIN, head.seq - 1, 1))[0];
      return { chain: PUBLIC_CHAIN, seq: head?.seq ?? 0, hash: head?.hash ?? GENESIS_HASH, createdAt: row?.created_at ?? null };
    }),
  );

  router.get(
    "/sections/:id/changes",
    route(services, async (req, user) => {
      const { section } = await requireSectionById(db, String(req.params.id), user);
      const current = await services.collab.withDocument(section.id, (doc, seq) => ({ seq, contentHash: contentHash(doc), text: docToText(doc) }));
      const h = await publicSectionHistory(db, section.id, current);
      const b64 = (d: Uint8Array) => Buffer.from(d).toString("base64");
      return {
        sectionId: section.id,
        baseline: h.baseline && { seq: h.baseline.seq, update: b64(h.baseline.update) },
        changeSets: h.changeSets.map((c) => ({ id: c.id, seqFrom: c.seqFrom, seqTo: c.seqTo, stateHash: c.stateHash, data: b64(c.data) })),
        current: h.current,
      };
    }),
  );

  router.get(
    "/sections/:id/versions",
    route(services, async (req, user) => {
      const { view, section } = await requireSectionById(db, String(req.params.id), user);
      const rows = await listSectionVersions(db.kysely, section.id, !view.may("history.viewDrafting"));
      return {
        sectionId: section.id,
        items: rows.map((v) => ({ number: v.number, name: v.name, note: v.note, publishedAt: v.created_at, title: v.title, seq: v.seq, stateHash: v.state_hash, point: `v${v.number}` })),
      };
    }),
  );

  router.get(
    "/sections/:id/diff",
    route(services, async (req, user) => {
      const { view, section } = await requireSectionById(db, String(req.params.id), user);
      const q = parseQuery(DiffQuerySchema, req.query);
      const c = await compareSection(db, view, section, q.from, q.to);
      return {
        sectionId: section.id,
        from: c.from,
        to: c.to,
        inserted: c.inserted,
        deleted: c.deleted,
        spans: c.spans.map((s) => ({ type: s.type, text: s.text, authors: s.authors })),
      };
    }),
  );

  const deps = () => commentDeps(services);
  const jsonBody = (req: Request): unknown => {
    if (!(req.headers["content-type"] ?? "").startsWith("application/json")) {
      throw new AppError("invalid_input", "Send a JSON body with Content-Type: application/json.");
    }
    return req.body;
  };
  const parseBody = <T extends z.ZodTypeAny>(schema: T, req: Request): z.infer<T> => {
    const r = schema.safeParse(jsonBody(req));
    if (!r.success) {
      throw new AppError("invalid_input", r.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "), { fieldErrors: fieldErrorsOf(r.error) });
    }
    return r.data;
  };
  const json = express.json({ limit: services.env.MAX_BODY_BYTES, strict: true });

  router.get(
    "/sections/:id/comments",
    route(services, async (req, user) => {
      const { view, section } = await requireSectionById(db, String(req.params.id), user);
      // The read API is public data only, whoever asks.
      const all = await listComments(deps(), view, section, null, { asPublic: true });
      const published = all.filter((c) => c.status === "published" || c.withdrawn);
      const base = `${siteOrigin(services.env, req)}/api/v1/sections/${section.id}`;
      if (req.query.format === "w3c") return toW3C(base, section.title, published.filter((c) => !c.withdrawn));
      return {
        items: published.map((c) => ({
          id: c.id,
          parentId: c.parentId,
          kind: c.kind,
          body: c.body,
          replacement: c.replacement,
          author: c.author,
          createdAt: c.createdAt,
          editedAt: c.editedAt,
          suggestionStatus: c.suggestionStatus,
          anchor: c.anchor && { state: c.anchor.state, start: c.anchor.start, end: c.anchor.end, quote: c.anchor.quote, position: c.anchor.position },
          withdrawn: c.withdrawn,
          disposition: c.disposition && { outcome: c.disposition.outcome, response: c.disposition.response, at: c.disposition.at },
        })),
        nextCursor: null,
      };
    }),
  );

  router.get(
    "/sections/:id/positions",
    route(services, async (req, user) => {
      const { section } = await requireSectionById(db, String(req.params.id), user);
      const counts = await positionCounts(deps(), { sectionId: section.id });
      return { sectionId: section.id, counts, total: counts.reduce((n, c) => n + c.n, 0) };
    }),
  );

  router.post(
    "/sections/:id/comments",
    json,
    route(services, async (req, user) => {
      const { view, section } = await requireSectionById(db, String(req.params.id), user);
      const input = parseBody(ApiCommentSchema, req);
      const row = await createComment(deps(), view, section, user, {
        body: input.body,
        kind: input.kind,
        replacement: input.replacement ?? null,
        parentId: input.parentId ?? null,
        quote: input.selector ? { exact: input.selector.exact, prefix: input.selector.prefix, suffix: input.selector.suffix } : null,
      });
      return new Created({ id: row.id, status: row.status, anchor: row.quote_exact ? { exact: row.quote_exact, start: row.position_start, end: row.position_end } : null });
    }),
  );

  // The author's own submission, like the page's edit and delete: refused once the window has closed.
  router.patch(
    "/sections/:id/comments/:commentId",
    json,
    route(services, async (req, user) => {
      const { section } = await requireSectionById(db, String(req.params.id), user);
      const input = parseBody(EditCommentSchema.pick({ body: true }), req);
      await editComment(deps(), section, user, String(req.params.commentId), input.body);
      return { id: String(req.params.commentId), edited: true };
    }),
  );

  router.delete(
    "/sections/:id/comments/:commentId",
    route(services, async (req, user) => {
      const { section } = await requireSectionById(db, String(req.params.id), user);
      const { withdrawn } = await deleteComment(deps(), section, user, String(req.params.commentId));
      return { id: String(req.params.commentId), status: withdrawn ? "withdrawn" : "deleted" };
    }),
  );

  router.put(
    "/sections/:id/positions/me",
    json,
    route(services, async (req, user) => {
      const { view, section } = await requireSectionById(db, String(req.params.id), user);
      const input = parseBody(ApiPositionSchema, req);
      await takePosition(deps(), view, section, user, { stance: input.stance, rationale: input.rationale });
      return { sectionId: section.id, stance: input.stance };
    }),
  );

  router.use((req, res) => sendJsonError(res, "not_found", `No API endpoint ${req.method} ${req.path}.`));
  // Body-parser failures are the client's: malformed JSON or too large.
  router.use((err: { type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (err.type === "entity.parse.failed") return sendJsonError(res, "invalid_input", "The body is not valid JSON.");
    if (err.type === "entity.too.large") return sendJsonError(res, "payload_too_large", "The body is too large.");
    next(err);
  });
  return router;
}

/** A W3C Web Annotation collection (one page) of the published comments. */
function toW3C(base: string, title: string, comments: CommentView[]) {
  return {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    id: `${base}/comments?format=w3c`,
    type: "AnnotationCollection",
    label: `Comments on “${title}”`,
    total: comments.length,
    first: {
      type: "AnnotationPage",
      items: comments.map((c) => ({
        id: `${base}/comments/${c.id}`,
        type: "Annotation",
        motivation: c.parentId ? "replying" : c.kind === "suggestion" ? "editing" : "commenting",
        created: c.createdAt,
        ...(c.editedAt ? { modified: c.editedAt } : {}),
        creator: { type: "Person", name: c.author.name, ...(c.author.organisation ? { memberOf: c.author.organisation } : {}) },
        body: [
          { type: "TextualBody", value: c.body, format: "text/plain", purpose: c.parentId ? "replying" : "commenting" },
          ...(c.replacement !== null ? [{ type: "TextualBody", value: c.replacement, format: "text/plain", purpose: "editing" }] : []),
        ],
        target: c.parentId
          ? `${base}/comments/${c.parentId}`
          : c.anchor
            ? {
                source: base,
                selector: [
                  { type: "TextQuoteSelector", exact: c.anchor.quote.exact, prefix: c.anchor.quote.prefix, suffix: c.anchor.quote.suffix },
                  { type: "TextPositionSelector", start: c.anchor.position.start, end: c.anchor.position.end },
                ],
              }
            : base,
      })),
    },
  };
}
