import { createServer, type Server, type ServerOptions } from "node:http";
import type { AddressInfo } from "node:net";
import { createDb, type Db } from "../db/client.js";
import { migrateToLatest } from "../db/migrator.js";
import { createLimiter } from "./auth/rate-limit.js";
import { createSessionManager } from "./auth/sessions.js";
import { seedDemo, type DemoSeedResult } from "./domain/demo-seed.js";
import type { Env } from "./env.js";
import { createHttpApp } from "./http/app.js";
import { clientIpOf } from "./http/client-ip.js";
import { hostAllowed, misdirectedMessage, originProblem, siteOrigin } from "./http/guards.js";
import type { Services } from "./http/context.js";
import { createLogger, type Logger } from "./logger.js";
import { Redis } from "ioredis";
import { sql } from "kysely";
import { createInProcessBus, type Bus } from "./bus/bus.js";
import { connectOrFail, createRedisBus } from "./bus/redis-bus.js";
import { DEFAULT_COLLAB_LIMITS, type CollabLimits } from "./collab/limits.js";
import { createCollabService } from "./collab/service.js";
import { createCommentCache } from "./domain/comments/index.js";
import { createImportService, importLimitsFrom } from "./domain/imports.js";
import { createCheckpointer } from "./ledger/checkpoints.js";
import { loadSigningKey, type SigningKey } from "./ledger/signing.js";
import { installDataKeyring } from "./crypto/active.js";
import { loadDataKeyring } from "./crypto/keyring.js";
import { sealExistingConfidential } from "./crypto/seal-existing.js";
import { indexUnindexedSections } from "./domain/search/reindex.js";
import { createMailService } from "./mail/index.js";
import { configureCampaigns } from "./domain/grouping/campaigns.js";
import { diffCache, replayCache } from "./history/replay-cache.js";
import { createDigester } from "./domain/notifications/digest.js";
import { createNotifySweep } from "./domain/follows/index.js";

/** On shutdown, how long open requests (and event streams) get before they are cut. */
const STREAM_GRACE_MS = 1000;

/** Collaboration limits: the defaults, with the ones exposed as env vars overridden. */
function collabLimitsFrom(env: Env): CollabLimits {
  return {
    ...DEFAULT_COLLAB_LIMITS,
    maxFrameBytes: env.COLLAB_MAX_FRAME_BYTES,
    messagesPerSecond: env.COLLAB_MESSAGES_PER_SECOND,
    messageBurst: env.COLLAB_MESSAGE_BURST,
    pingIntervalMs: env.COLLAB_PING_INTERVAL_MS,
    keepAliveMs: env.COLLAB_KEEPALIVE_MS,
    maxBufferedBytes: env.COLLAB_MAX_BUFFERED_BYTES,
    groupCommitMs: env.COLLAB_GROUP_COMMIT_MS,
    changeSetIdleMs: env.COLLAB_CHANGESET_IDLE_MS,
    checkpointEvery: env.COLLAB_CHECKPOINT_EVERY,
    gapRepairMs: env.COLLAB_GAP_REPAIR_MS,
    maxConnectionsPerIp: env.COLLAB_MAX_CONNECTIONS_PER_IP,
    textEventMs: env.COLLAB_TEXT_EVENT_MS,
    foldWorkerMinBytes: env.COLLAB_FOLD_WORKER_MIN_BYTES,
    readCacheBytes: env.COLLAB_READ_CACHE_BYTES,
    presenceFlushMs: env.COLLAB_PRESENCE_FLUSH_MS,
    maxPresenceStates: env.COLLAB_MAX_PRESENCE_STATES,
  };
}

/**
 * Slow or half-sent requests (an upgrade included: it is an ordinary request
 * until its headers end) are cut after HTTP_HEADERS_TIMEOUT_MS. Node checks
 * the deadlines only every `connectionsCheckingInterval` (30 s by default),
 * so that runs at a quarter of the timeout, at most once a second.
 */
function httpServerOptions(env: Env): ServerOptions {
  return {
    headersTimeout: env.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeout: Math.max(30_000, env.HTTP_HEADERS_TIMEOUT_MS),
    connectionsCheckingInterval: Math.min(1000, Math.max(50, Math.floor(env.HTTP_HEADERS_TIMEOUT_MS / 4))),
  };
}

export interface StartOptions {
  mode: "production" | "development";
  migrate: boolean;
  seedDemo: boolean;
}

export interface RunningServer {
  url: string;
  server: Server;
  services: Services;
  demo: DemoSeedResult | null;
  stop(): Promise<void>;
}

/** The bus and, with REDIS_URL, the Redis connection shared by the rate limiters. */
async function createInfrastructure(env: Env, logger: Logger): Promise<{ bus: Bus; redis: Redis | null }> {
  if (!env.REDIS_URL) return { bus: createInProcessBus((e) => logger.error("bus subscriber failed", { error: e })), redis: null };
  const bus = await createRedisBus(env.REDIS_URL, logger, env.REDIS_CONNECT_TIMEOUT_MS);
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
  redis.on("error", (e: Error) => logger.warn(`redis (rate limits): ${e.message}`));
  try {
    await connectOrFail([redis], env.REDIS_URL, env.REDIS_CONNECT_TIMEOUT_MS);
  } catch (e) {
    await bus.close();
    throw e;
  }
  return { bus, redis };
}

/** An arbitrary constant: the PostgreSQL advisory lock that lets one node at a time migrate. */
const MIGRATION_LOCK = 72_617_301;

/**
 * Migrates under a session-level advisory lock on PostgreSQL, so nodes that
 * start together migrate one after the other (the later ones find nothing to do).
 */
export async function migrateOnce(db: Db): Promise<string[]> {
  if (db.dialect !== "postgres") return migrateToLatest(db.kysely);
  return db.kysely.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      return await migrateToLatest(conn);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
}

/** Creates the services once; the only place infrastructure is constructed. */
function createServices(env: Env, db: Db, logger: Logger, infra: { bus: Bus; redis: Redis | null }, ledgerKey: SigningKey): Services {
  const secureCookie = env.ORIGIN ? env.ORIGIN.startsWith("https:") : false;
  const { bus, redis } = infra;
  const mail = createMailService(env, db, logger);
  const sessions = createSessionManager(db, { bus, requireVerifiedEmail: env.REQUIRE_VERIFIED_EMAIL, idleDays: env.SESSION_IDLE_DAYS, maxDays: env.SESSION_MAX_DAYS, secureCookie });
  const collab = createCollabService({
    db,
    sessions,
    bus,
    logger,
    limits: collabLimitsFrom(env),
    siteOrigin: (req) => siteOrigin(env, req),
    clientIp: (req) => clientIpOf(req, env.TRUST_PROXY),
    mail,
  });
  return {
    env,
    db,
    logger,
    bus,
    collab,
    comments: createCommentCache(bus),
    imports: createImportService(importLimitsFrom(env), logger),
    sessions,
    ledgerKey,
    checkpoints: createCheckpointer({ db, key: ledgerKey, intervalMs: env.CHECKPOINT_INTERVAL_MS, logger }),
    mail,
    limiters: {
      loginPerIp: createLimiter(env.LOGIN_LIMIT_PER_IP, env.LOGIN_LIMIT_WINDOW_SECONDS, "sign-in attempts from your network", redis && { client: redis, name: "login-ip" }),
      loginPerEmail: createLimiter(env.LOGIN_LIMIT_PER_EMAIL, env.LOGIN_LIMIT_WINDOW_SECONDS, "sign-in attempts for this account", redis && { client: redis, name: "login-email" }),
      signupPerIp: createLimiter(env.SIGNUP_LIMIT_PER_IP, env.SIGNUP_LIMIT_WINDOW_SECONDS, "new accounts from your network", redis && { client: redis, name: "signup-ip" }),
      accountMailPerEmail: createLimiter(env.ACCOUNT_MAIL_LIMIT_PER_EMAIL, env.ACCOUNT_MAIL_LIMIT_WINDOW_SECONDS, "mails to this address", redis && { client: redis, name: "account-mail-email" }),
      accountMailPerIp: createLimiter(env.ACCOUNT_MAIL_LIMIT_PER_IP, env.ACCOUNT_MAIL_LIMIT_WINDOW_SECONDS, "account mails asked for from your network", redis && { client: redis, name: "account-mail-ip" }),
      postsPerUser: createLimiter(env.COMMENT_LIMIT_PER_MINUTE, 60, "posts from your account", redis && { client: redis, name: "posts" }),
      witnessesPerIp: createLimiter(env.WITNESS_LIMIT_PER_IP, 60 * 60, "witness co-signatures from your network", redis && { client: redis, name: "witness-ip" }),
      invitesPerUser: createLimiter(env.INVITE_LIMIT_PER_USER, 60 * 60, "invitations from your account", redis && { client: redis, name: "invite-user" }),
      invitesPerAddress: createLimiter(env.INVITE_LIMIT_PER_ADDRESS, 60 * 60, "invitations to this address", redis && { client: redis, name: "invite-address" }),
    },
  };
}

/** Boot: env → db → migrations → seed → services → http → listen. */
export async function startServer(env: Env, options: StartOptions): Promise<RunningServer> {
  const problem = originProblem(env);
  if (problem) throw new Error(problem);
  configureCampaigns({ threshold: env.CAMPAIGN_THRESHOLD, minShingles: env.CAMPAIGN_MIN_SHINGLES, exactMinShingles: env.CAMPAIGN_EXACT_MIN_SHINGLES, bands: env.CAMPAIGN_BANDS, maxCandidates: env.CAMPAIGN_MAX_CANDIDATES, bucketCap: env.CAMPAIGN_BUCKET_CAP });
  replayCache.configure({ every: env.HISTORY_CACHE_EVERY, maxBytes: env.HISTORY_CACHE_MB * 1024 * 1024 });
  diffCache.configure((env.HISTORY_CACHE_MB * 1024 * 1024) / 4);
  const logger = createLogger(env.LOG_LEVEL);
  // Read before anything opens: a key that cannot be read stops the start with its reason.
  const { key: ledgerKey, createdFile } = loadSigningKey(env, { create: true });
  if (createdFile) logger.info(`created the ledger signing key ${createdFile} (key id ${ledgerKey.info.keyId}); back it up: checkpoints signed with it can only be checked against it`);
  const dataKeys = loadDataKeyring(env, { create: true });
  installDataKeyring(dataKeys.ring);
  if (dataKeys.createdFile) logger.info(`created the data encryption key file ${dataKeys.createdFile} (key id ${dataKeys.ring.current}); back it up: confidential submissions cannot be read without it`);
  const db = createDb(env.DATABASE_URL, { poolSize: env.PG_POOL_SIZE });
  let infra: { bus: Bus; redis: Redis | null } | null = null;
  try {
    if (options.migrate) {
      const ran = await migrateOnce(db);
      if (ran.length > 0) logger.info("migrated", { ran });
    }
    const sealed = await sealExistingConfidential(db.kysely, dataKeys.ring);
    if (sealed > 0) logger.info(`sealed ${sealed} confidential texts stored before encryption at rest`);
    const indexed = await indexUnindexedSections(db);
    if (indexed > 0) logger.info(`indexed ${indexed} sections for search`);
    infra = await createInfrastructure(env, logger);
    const services = createServices(env, db, logger, infra, ledgerKey);
    const demo = options.seedDemo
      ? await seedDemo(db, env.DEMO_PASSWORD, env.DEMO_HISTORY ? { collab: services.collab, bus: services.bus, limiter: services.limiters.postsPerUser, cache: services.comments } : null, env.DEMO_REQUESTS, env.DEMO_JAPANESE)
      : null;
    const http = await createHttpApp(services, options.mode);
    const server = createServer(httpServerOptions(env), http.app);
    server.on("upgrade", (req, socket, head) => {
      // The same rule as for HTTP requests: a socket for another host is refused before the collaboration service sees it.
      if (!hostAllowed(env, req.headers.host)) {
        const msg = misdirectedMessage(env);
        socket.end(`HTTP/1.1 421 Misdirected Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(msg)}\r\nConnection: close\r\n\r\n${msg}`);
        return;
      }
      services.collab.handleUpgrade(req, socket, head);
    });
    await new Promise<void>((resolveListen, reject) => {
      server.once("error", reject);
      server.listen({ port: env.PORT, host: env.HOST, backlog: env.LISTEN_BACKLOG }, () => resolveListen());
    });
    // Sign what is there now (a seeded demo, writes made while the server was down), then on the timer.
    await services.checkpoints.signHead();
    services.checkpoints.start();
    const { port } = server.address() as AddressInfo;
    const host = env.HOST === "0.0.0.0" || env.HOST === "::" ? "localhost" : env.HOST;
    // Links in mails use ORIGIN, else the address the server listens on; delivery starts once that is known.
    services.mail.start(`http://${host}:${port}`);
    logger.info(`mail goes to ${services.mail.describe}${env.SMTP_URL ? "" : " (set SMTP_URL to send it)"}`);
    // Daily digests: every node looks; the rows are taken so that only one sends each (digest.ts).
    const digests = createDigester({ db, mail: services.mail, logger, limits: { checkMs: env.DIGEST_CHECK_MS, afterMs: env.DIGEST_AFTER_MS } });
    digests.start();
    // Phase changes by time and approaching deadlines have no write to announce them: a sweep finds them.
    const sweep = createNotifySweep({
      db,
      mail: services.mail,
      logger,
      intervalMs: env.NOTIFY_SWEEP_MS,
      closingSoonMs: env.CLOSING_SOON_HOURS * 3_600_000,
      requestNoticeMs: env.REQUEST_DEADLINE_NOTICE_HOURS * 3_600_000,
    });
    sweep.start();
    let stopping: Promise<void> | null = null;
    const stop = () =>
      (stopping ??= (async () => {
        await services.checkpoints.stop();
        await digests.stop();
        await sweep.stop();
        await services.mail.stop();
        await services.collab.close();
        await new Promise<void>((r) => {
          server.close(() => r());
          server.closeIdleConnections();
          // Event streams never finish on their own; give requests in flight a moment, then cut.
          setTimeout(() => server.closeAllConnections(), STREAM_GRACE_MS).unref();
        });
        await http.close();
        await services.bus.close();
        await infra?.redis?.quit().catch(() => undefined);
        await db.close();
      })());
    return { url: `http://${host}:${port}`, server, services, demo, stop };
  } catch (e) {
    await infra?.bus.close();
    infra?.redis?.disconnect();
    await db.close();
    throw e;
  }
}
