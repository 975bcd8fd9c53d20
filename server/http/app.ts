import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { SESSION_COOKIE, readCookie } from "../auth/sessions.js";
import type { MarginContext, Services } from "./context.js";
import { createApiRouter } from "./api/index.js";
import { FLASH_COOKIE, clearFlashCookie, readFlash } from "./flash.js";
import { LOCALE_COOKIE, chooseLocale } from "../../common/i18n/locales.js";
import { EVENT_STREAM_PATH, addressCheck, bodyLimit, eventStreamCap, hostCheck, originCheck } from "./guards.js";
import { HTTP_STATUS, clientErrorOf } from "../errors.js";
import { sendJsonError, sendPlainError } from "./respond.js";
import { LEDGER_KEY_PATH } from "../ledger/signing.js";
import { LoadShedder } from "./shed.js";
import { diffCache, replayCache } from "../history/replay-cache.js";

export const BUILD_DIR = resolve("build");

export interface HttpApp {
  app: express.Express;
  /** Stops the Vite dev server, if any. */
  close(): Promise<void>;
}

/** The results PDF of a version (app/routes/c.$slug.v.$number_.results[.]pdf.tsx). */
const RESULTS_PDF_PATH = /^\/c\/[^/]+\/v\/[^/]+\/results\.pdf$/;

/**
 * The reads that do not wait in the load shedder's line (ADR 039): a live-update stream
 * is held open for as long as its page is; the API's description is a fixed document
 * that clients and checkers fetch first; a results PDF waits in the PDF renderer's own
 * bounded line (server/pdf/chromium.ts) for up to half a minute, and holding one of the
 * few render places meanwhile, four impatient clicks would shut every reader out.
 */
export function outsideTheLine(path: string): boolean {
  return EVENT_STREAM_PATH.test(path) || path === "/api/v1/openapi.json" || RESULTS_PDF_PATH.test(path);
}

/** Builds the Express app: guards, health check, API, static files and the Remix handler. */
export async function createHttpApp(services: Services, mode: "production" | "development"): Promise<HttpApp> {
  const { env, logger } = services;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.TRUST_PROXY);

  app.use((_req, res, next) => {
    res.locals.nonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      // Vite's dev server injects inline scripts without a nonce; production is strict.
      contentSecurityPolicy:
        mode === "production"
          ? {
              directives: {
                defaultSrc: ["'self'"],
                scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.nonce}'`],
                styleSrc: ["'self'", "'unsafe-inline'"],
                imgSrc: ["'self'", "data:"],
                connectSrc: ["'self'", "ws:", "wss:"],
                formAction: ["'self'"],
                frameAncestors: ["'none'"],
                upgradeInsecureRequests: null,
              },
            }
          : false,
      strictTransportSecurity: env.ORIGIN?.startsWith("https:") ?? false,
      crossOriginEmbedderPolicy: false,
      // Not helmet's "no-referrer": with it Chromium sends `Origin: null` on a plain form POST, which the
      // Origin check refuses, so no form worked without scripts. "same-origin" still tells other sites nothing.
      referrerPolicy: { policy: "same-origin" },
    }),
  );

  const shedder = new LoadShedder({
    maxInFlight: env.SHED_MAX_IN_FLIGHT,
    maxQueued: env.SHED_MAX_QUEUED,
    maxWaitMs: env.SHED_MAX_WAIT_MS,
    retryAfterSeconds: env.SHED_RETRY_AFTER_SECONDS,
  });

  app.get("/healthz", async (_req, res) => {
    try {
      await services.db.kysely.selectFrom("user").select("id").limit(1).execute();
      res.json({ ok: true, database: services.db.dialect, collab: services.collab.stats(), load: shedder.stats(), historyCache: { ...replayCache.stats(), ...diffCache.stats(), bytes: replayCache.stats().bytes + diffCache.stats().bytes } });
    } catch (e) {
      logger.warn("health check failed", { error: e });
      res.status(503).setHeader("Retry-After", "5").json({ ok: false, error: { code: "unavailable", message: "The database is not answering." } });
    }
  });

  // After /healthz, which load balancers probe by address.
  app.use(hostCheck(env));
  app.use(addressCheck());
  app.get(EVENT_STREAM_PATH, eventStreamCap(env.EVENT_STREAMS_PER_IP));
  app.use(bodyLimit(env));
  app.use(originCheck(env));
  const shed = shedder.middleware((req) => outsideTheLine(req.originalUrl.split("?")[0]!));
  app.use("/api/v1", shed, createApiRouter(services));
  // The public half of the key that signs ledger checkpoints, where verifiers and witnesses look for it.
  app.get(LEDGER_KEY_PATH, (_req, res) => {
    res.json(services.ledgerKey.info);
  });

  let closeVite = async () => {};
  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (mode === "development") {
    const vite = await import("vite");
    const devServer = await vite.createServer({ server: { middlewareMode: true }, appType: "custom" });
    app.use(devServer.middlewares);
    build = () => devServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
    closeVite = () => devServer.close();
  } else {
    const serverBuild = resolve(BUILD_DIR, "server/index.js");
    if (!existsSync(serverBuild)) {
      throw new Error(`No production build at ${serverBuild}. Run \`npm run build\` first (npm start does this for you).`);
    }
    app.use("/assets", express.static(resolve(BUILD_DIR, "client/assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(resolve(BUILD_DIR, "client"), { maxAge: "1h" }));
    build = (await import(pathToFileURL(serverBuild).href)) as ServerBuild;
  }

  /**
   * A page (a browser asking for HTML) or Remix's data request for one: what
   * renders the flash. Anything else a browser fetches meanwhile (Remix's route
   * manifest, an event stream, a feed, an export) must not use it up.
   */
  const showsPage = (req: Request) => req.method === "GET" && (req.path.endsWith(".data") || (req.headers.accept ?? "").includes("text/html"));

  app.all(
    "*",
    shed,
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        const token = readCookie(req.headers.cookie, SESSION_COOKIE);
        const auth = await services.sessions.validate(token);
        // A stale or forged cookie is cleared so the browser stops sending it.
        if (token && !auth) res.append("Set-Cookie", services.sessions.blankCookie());
        // The one-time message is used up only by what shows it: a page or its data
        // request. An event stream, a feed or an export in between must not eat it.
        const flash = showsPage(req) ? readCookie(req.headers.cookie, FLASH_COOKIE) : null;
        if (flash !== null) res.append("Set-Cookie", clearFlashCookie());
        const margin: MarginContext = {
          services,
          auth,
          clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
          nonce: res.locals.nonce as string,
          flash: flash ? readFlash(flash) : null,
          locale: chooseLocale({
            account: auth?.user.locale,
            cookie: readCookie(req.headers.cookie, LOCALE_COOKIE),
            acceptLanguage: req.headers["accept-language"],
          }),
        };
        res.locals.margin = margin;
        next();
      } catch (e) {
        next(e);
      }
    },
    createRequestHandler({
      build,
      mode,
      getLoadContext: (_req, res) => ({ margin: res.locals.margin as MarginContext }),
    }),
  );

  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const theirs = clientErrorOf(err);
    if (theirs && !res.headersSent) {
      logger.debug("bad request", { path: req.path, error: err });
      const status = HTTP_STATUS[theirs.code];
      return req.path.startsWith("/api/") ? sendJsonError(res, theirs.code, theirs.message) : sendPlainError(res, status, "Bad request", theirs.message);
    }
    logger.error("request failed", { path: req.path, error: err });
    if (res.headersSent) return res.end();
    res.setHeader("Retry-After", "5");
    sendPlainError(res, 503, "Something went wrong", "We could not handle this request just now. Please try again in a moment.");
  });

  return { app, close: () => closeVite() };
}
