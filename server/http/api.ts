import { Router, type NextFunction, type Request, type Response } from "express";
import { z } from "zod";
import { listChangeSets } from "../../db/queries/collab.js";
import { listUsersByIds, type UserProfile } from "../../db/queries/user.js";
import { authenticateApiToken } from "../auth/api-tokens.js";
import { SESSION_COOKIE, readCookie } from "../auth/sessions.js";
import { listConsultations, listSections, phaseOf, viewConsultation, viewSectionById } from "../domain/consultations.js";
import { AppError, isAppError } from "../errors.js";
import type { Services } from "./context.js";
import { sendJsonError } from "./respond.js";

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

const CursorSchema = z.object({ c: z.string().max(40), i: z.string().max(40) });

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

function route(services: Services, handler: Handler) {
  return async (req: Request, res: Response, _next: NextFunction) => {
    try {
      res.json(await handler(req, await apiUser(services, req)));
    } catch (e) {
      if (isAppError(e)) return sendJsonError(res, e.code, e.message, e.details);
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
        })),
        nextCursor: rows.length > q.limit && last ? encodeCursor(last.created_at, last.id) : null,
      };
    }),
  );

  router.get(
    "/consultations/:slug",
    route(services, async (req, user) => {
      const view = await viewConsultation(db, String(req.params.slug), user);
      const c = view.consultation;
      const sections = await listSections(db, view);
      return {
        slug: c.slug,
        title: c.title,
        summary: c.summary,
        status: c.status,
        phase: phaseOf(c, now()),
        opensAt: c.opens_at,
        closesAt: c.closes_at,
        moderationMode: c.moderation_mode,
        sections: sections.map((s) => ({ id: s.id, title: s.title, position: s.position })),
      };
    }),
  );

  router.get(
    "/sections/:id",
    route(services, async (req, user) => {
      const { view, section } = await viewSectionById(db, String(req.params.id), user);
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
      const { section } = await viewSectionById(db, String(req.params.id), user);
      const q = parseQuery(HistoryQuerySchema, req.query);
      const rows = await listChangeSets(db.kysely, section.id, { limit: q.limit + 1, beforeSeq: q.cursor });
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
        })),
        nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.seq_to) : null,
      };
    }),
  );

  router.use((req, res) => sendJsonError(res, "not_found", `No API endpoint ${req.method} ${req.path}.`));
  return router;
}
