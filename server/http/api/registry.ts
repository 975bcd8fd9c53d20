import express, { type NextFunction, type Request, type Response, type Router } from "express";
import { z } from "zod";
import type { UserProfile } from "../../../db/queries/user.js";
import type { Limiter, LimiterState } from "../../auth/rate-limit.js";
import { SESSION_COOKIE } from "../../auth/sessions.js";
import { AppError, isAppError, unauthenticated } from "../../errors.js";
import type { Services } from "../context.js";
import { apiUser, parseBody, parseQuery, sendApiError } from "./handler.js";

/**
 * Who may call a route:
 * - `public`: public data, the same whoever asks; readable cross-site (CORS) without credentials.
 * - `open`: a write anyone may make without an account (a witness's co-signature, which carries its own proof).
 * - `user`: a signed-in user or a personal API token; without either, 401 with `WWW-Authenticate: Bearer`.
 */
export type Access = "public" | "open" | "user";

type Method = "get" | "post" | "put" | "patch" | "delete";
type AnyObject = z.ZodObject;

/** A rate limit a route counts against, announced with the IETF RateLimit fields. */
export interface RouteRateLimit {
  /** The policy's name in `RateLimit-Policy` and `RateLimit`. */
  policy: string;
  limiter(services: Services): Limiter;
  /** The key the limiter counts under, for this caller. */
  key(req: Request, user: UserProfile | null): string;
}

export interface RouteInput<P extends AnyObject | undefined, Q extends AnyObject | undefined, B extends z.ZodType | undefined> {
  req: Request;
  res: Response;
  user: UserProfile | null;
  params: P extends AnyObject ? z.output<P> : Record<string, string>;
  query: Q extends AnyObject ? z.output<Q> : Record<string, never>;
  body: B extends z.ZodType ? z.output<B> : undefined;
}

/** A handler's answer with a status other than 200, and where the new resource is. */
export class Created<T = unknown> {
  constructor(
    readonly body: T,
    readonly location: string,
  ) {}
}

/**
 * One endpoint of /api/v1, declared once: the same declaration registers the Express
 * handler (which parses the path, query and body with its zod schemas) and writes the
 * endpoint into the OpenAPI document, so the document cannot drift from the code.
 */
export interface ApiRoute {
  method: Method;
  /** Express form, `/sections/:id/comments`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  access: Access;
  params?: AnyObject;
  query?: AnyObject;
  body?: z.ZodType;
  /**
   * What a success answers: the status, its schema, and the media type when not JSON (its type and
   * subtype only, as the document's `content` keys are; a handler that answers another type sets it
   * with `res.type()` before returning, and `res.json` keeps it).
   */
  responses: { status: 200 | 201; schema: z.ZodType; description: string; mediaType?: string }[];
  rateLimit?: RouteRateLimit;
  run(input: RouteInput<AnyObject | undefined, AnyObject | undefined, z.ZodType | undefined>): Promise<unknown>;
}

/** Declares a route with its handler typed from its schemas. */
export function defineRoute<P extends AnyObject | undefined = undefined, Q extends AnyObject | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  spec: Omit<ApiRoute, "params" | "query" | "body" | "run"> & { params?: P; query?: Q; body?: B; run(input: RouteInput<P, Q, B>): Promise<unknown> },
): ApiRoute {
  return spec as unknown as ApiRoute;
}

/** The methods a CORS request may use, and the request headers a preflight allows (all of them safe to send cross-site). */
const CORS_METHODS = ["GET", "HEAD"];
const CORS_ALLOWED_HEADERS = "Accept, Accept-Language, Content-Language, If-None-Match, If-Modified-Since";
/** Response headers a cross-site script may read besides the CORS-safelisted ones. */
const CORS_EXPOSED_HEADERS = "Link, Location, RateLimit, RateLimit-Policy, Retry-After, ETag, Last-Modified";
/** How long a browser may keep a preflight's answer, in seconds. */
const CORS_MAX_AGE_SECONDS = 600;

/**
 * Whether a request carries credentials: a cookie or an Authorization header. Such a
 * request never gets CORS headers, so no page on another site can read what a signed-in
 * user or a token may see (a team member sees a draft consultation on the same path).
 */
function carriesCredentials(req: Request): boolean {
  return req.headers.cookie !== undefined || req.headers.authorization !== undefined;
}

function allowCrossSiteRead(req: Request, res: Response): void {
  // The answer (and whether it may be read cross-site) depends on who asks: caches must key on it,
  // and what a signed-in caller was shown is theirs alone.
  res.vary("Cookie");
  res.vary("Authorization");
  if (carriesCredentials(req)) {
    res.setHeader("Cache-Control", "private");
    return;
  }
  res.setHeader("Access-Control-Allow-Origin", "*");
  res.setHeader("Access-Control-Expose-Headers", CORS_EXPOSED_HEADERS);
}

/** The structured-field string of a policy name (RFC 9651 §3.3.3: printable ASCII, `"` and `\` escaped). */
function sfString(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * The IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers-11, ADR 038):
 * `RateLimit-Policy: "posts";q=10;w=60` and `RateLimit: "posts";r=7;t=42`.
 */
function sendRateLimit(res: Response, policy: string, state: LimiterState): void {
  res.setHeader("RateLimit-Policy", `${sfString(policy)};q=${state.limit};w=${state.windowSeconds}`);
  res.setHeader("RateLimit", `${sfString(policy)};r=${state.remaining};t=${state.resetSeconds}`);
}

/** `?…&cursor=<next>` on the request's own address, for the `Link: rel="next"` header. */
function nextLink(req: Request, cursor: string): string {
  const url = new URL(req.originalUrl, "http://x");
  url.searchParams.set("cursor", cursor);
  // Old paging parameters would fight the cursor.
  url.searchParams.delete("after");
  url.searchParams.delete("page");
  return `<${url.pathname}${url.search}>; rel="next"`;
}

function nextCursorOf(out: unknown): string | null {
  if (typeof out !== "object" || out === null || !("nextCursor" in out)) return null;
  const next = (out as { nextCursor: unknown }).nextCursor;
  return typeof next === "string" ? next : null;
}

/** The Express handler of one route: CORS, authentication, parsing, the handler, and its answer's headers. */
function handlerOf(services: Services, r: ApiRoute) {
  return async (req: Request, res: Response, _next: NextFunction) => {
    if (r.access === "public") allowCrossSiteRead(req, res);
    let user: UserProfile | null = null;
    try {
      user = await apiUser(services, req);
      if (r.access === "user" && !user) throw unauthenticated();
      const params = r.params ? parseQuery(r.params, req.params) : req.params;
      const query = r.query ? parseQuery(r.query, req.query) : {};
      const body = r.body ? parseBody(r.body, req) : undefined;
      const out = await r.run({ req, res, user, params, query, body } as Parameters<ApiRoute["run"]>[0]);
      if (r.rateLimit) {
        sendRateLimit(res, r.rateLimit.policy, await r.rateLimit.limiter(services).state(r.rateLimit.key(req, user)));
      }
      if (out instanceof Created) {
        res.status(201).location(out.location).json(out.body);
        return;
      }
      const next = req.method === "GET" || req.method === "HEAD" ? nextCursorOf(out) : null;
      if (next !== null) res.setHeader("Link", nextLink(req, next));
      res.json(out);
    } catch (e) {
      if (r.rateLimit && isAppError(e) && e.details?.rateLimit) sendRateLimit(res, r.rateLimit.policy, e.details.rateLimit);
      sendApiError(services, req, res, e);
    }
  };
}

const EXPRESS_METHOD = { get: "GET", post: "POST", put: "PUT", patch: "PATCH", delete: "DELETE" } as const;

/** The methods a path answers, for `Allow` (HEAD and OPTIONS come with it). */
function allowedMethods(routes: readonly ApiRoute[]): string[] {
  const methods = new Set<string>(routes.map((r) => EXPRESS_METHOD[r.method]));
  if (methods.has("GET")) methods.add("HEAD");
  methods.add("OPTIONS");
  return [...methods];
}

/**
 * Registers the routes on `router`, then, per path, the answers HTTP gives around them:
 * OPTIONS (with the CORS preflight when the path has public reads) and 405 with `Allow`
 * for any other method.
 */
export function registerRoutes(router: Router, services: Services, routes: readonly ApiRoute[]): void {
  const json = express.json({ limit: services.env.MAX_BODY_BYTES, strict: true });
  for (const r of routes) {
    const handler = handlerOf(services, r);
    if (r.body) router[r.method](r.path, json, handler);
    else router[r.method](r.path, handler);
  }
  const byPath = new Map<string, ApiRoute[]>();
  for (const r of routes) byPath.set(r.path, [...(byPath.get(r.path) ?? []), r]);
  for (const [path, group] of byPath) {
    const allow = allowedMethods(group).join(", ");
    const publicMethods = group.some((r) => r.access === "public") ? CORS_METHODS : [];
    router.options(path, (req, res) => {
      res.setHeader("Allow", allow);
      if (publicMethods.length > 0 && !carriesCredentials(req)) {
        res.setHeader("Access-Control-Allow-Origin", "*");
        res.setHeader("Access-Control-Allow-Methods", publicMethods.join(", "));
        res.setHeader("Access-Control-Allow-Headers", CORS_ALLOWED_HEADERS);
        res.setHeader("Access-Control-Max-Age", String(CORS_MAX_AGE_SECONDS));
      }
      res.status(204).end();
    });
    router.all(path, (req, res) => {
      res.setHeader("Allow", allow);
      sendApiError(services, req, res, new AppError("method_not_allowed", `${req.method} is not one of the methods of this endpoint: ${allow}.`));
    });
  }
}

/** Express `/sections/:id` as OpenAPI's `/sections/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, "{$1}");
}

type JsonSchema = Record<string, unknown>;

function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema;
  return rest;
}

/** The API's error body (server/http/respond.ts), the answer of every failure. */
export const ApiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.array(z.string())).optional(),
  }),
});

function parametersOf(where: "path" | "query", schema: AnyObject | undefined): JsonSchema[] {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => {
    const f = field as z.ZodType;
    const required = where === "path" || !f.safeParse(undefined).success;
    const schema = jsonSchemaOf(f, "input");
    const description = typeof schema.description === "string" ? schema.description : undefined;
    return { name, in: where, required, ...(description ? { description } : {}), ...(schema.deprecated === true ? { deprecated: true } : {}), schema };
  });
}

function pathParameters(path: string, schema: AnyObject | undefined): JsonSchema[] {
  const declared = parametersOf("path", schema);
  const named = new Set(declared.map((p) => p.name));
  const implicit = [...path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!).filter((n) => !named.has(n));
  return [...declared, ...implicit.map((name) => ({ name, in: "path", required: true, schema: { type: "string" } }))];
}

const RATE_LIMIT_HEADERS = {
  "RateLimit-Policy": { description: "The quota policy (draft-ietf-httpapi-ratelimit-headers).", schema: { type: "string" } },
  RateLimit: { description: "What is left of the quota and when it resets (draft-ietf-httpapi-ratelimit-headers).", schema: { type: "string" } },
};

function errorResponse(description: string, headers?: JsonSchema): JsonSchema {
  return { description, ...(headers ? { headers } : {}), content: { "application/json": { schema: jsonSchemaOf(ApiErrorSchema, "output") } } };
}

function operationOf(r: ApiRoute): JsonSchema {
  const responses: JsonSchema = {};
  for (const res of r.responses) {
    const headers: JsonSchema = {};
    if (res.status === 201) headers.Location = { description: "The created resource.", schema: { type: "string" } };
    if (r.rateLimit) Object.assign(headers, RATE_LIMIT_HEADERS);
    // One status may come in several media types (content negotiation): each is a `content` entry of it.
    const earlier = responses[String(res.status)] as { content: JsonSchema } | undefined;
    responses[String(res.status)] = {
      description: res.description,
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      content: { ...earlier?.content, [res.mediaType ?? "application/json"]: { schema: jsonSchemaOf(res.schema, "output") } },
    };
  }
  if (r.access === "user") {
    responses["401"] = errorResponse("No session and no valid API token.", { "WWW-Authenticate": { schema: { type: "string" } } });
  }
  if (r.rateLimit) {
    responses["429"] = errorResponse("Too many requests.", { ...RATE_LIMIT_HEADERS, "Retry-After": { schema: { type: "string" } } });
  }
  responses["4XX"] = errorResponse("The request was refused; `error.code` says why.");
  responses["5XX"] = errorResponse("A failure of ours, or the service is not available (see Retry-After).");
  return {
    operationId: `${r.method}${openApiPath(r.path).replace(/\{([^}]+)\}/g, "By-$1").replace(/[^A-Za-z0-9]+(.)/g, (_m, c: string) => c.toUpperCase())}`,
    summary: r.summary,
    ...(r.description ? { description: r.description } : {}),
    tags: [r.tag],
    ...(r.access === "user" ? { security: [{ bearer: [] }, { session: [] }] } : { security: [] }),
    parameters: [...pathParameters(r.path, r.params), ...parametersOf("query", r.query)],
    ...(r.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchemaOf(r.body, "input") } } } } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 description of the routes, for a server at `origin`. */
export function openApiDocument(routes: readonly ApiRoute[], origin: string, version: string): JsonSchema {
  const paths: Record<string, JsonSchema> = {};
  for (const r of routes) {
    const p = openApiPath(r.path);
    paths[p] = { ...paths[p], [r.method]: operationOf(r) };
  }
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Margin API",
      version,
      description:
        "Margin's HTTP API. Public reads need no account and may be read cross-site (CORS, never with credentials). " +
        "Writes take a personal API token (`Authorization: Bearer …`) or a same-origin session. " +
        "Every list is paged the same way: `?limit&cursor` in, `{ items, nextCursor }` out, plus a `Link: <…>; rel=\"next\"` header.",
    },
    servers: [{ url: `${origin}/api/v1` }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "A personal API token, created on the account page." },
        session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE, description: "The site's own session (same origin only)." },
      },
    },
    paths,
  };
}
