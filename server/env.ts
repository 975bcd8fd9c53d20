import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "../db/client.js";
import { DEFAULT_COLLAB_LIMITS as COLLAB } from "./collab/limits.js";
import { TOPIC_CANDIDATES, TOPIC_THRESHOLD } from "./domain/grouping/topics.js";

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .transform((v) => v === "1" || v === "true" || v === "yes");
const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);

/**
 * Every environment variable Margin reads, with its default. This is the only
 * module that touches `process.env`; the README's configuration table mirrors it.
 */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: int(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  /**
   * Connections the kernel holds for the server before it accepts them (capped by the
   * kernel's net.core.somaxconn). Node's default of 511 overflows when thousands of
   * clients reconnect at once after a restart; dropped connections then retry only
   * after TCP's backoff of 1, 3, 7, 15 s and more.
   */
  LISTEN_BACKLOG: int(4096, 1),
  DATABASE_URL: z.string().min(1).default(DEFAULT_DATABASE_URL),
  /** The public origin (scheme://host[:port]); derived from the Host header when unset. */
  ORIGIN: z.string().url().optional(),
  TRUST_PROXY: bool.default(false),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** Seed the demo consultation when the database is empty. Defaults on outside production. */
  SEED_DEMO: bool.optional(),
  /** With the demo: also seed example comments, responses and two versions, so history pages have something to show. */
  DEMO_HISTORY: bool.default(true),
  /** With the demo: also seed the information-requests demo (a recipient body, organisations, two requests). */
  DEMO_REQUESTS: bool.default(true),
  /** With the demo: also seed the Japanese demo (「AI事業者向けガイドライン（案）」, its own accounts, in Japan time). */
  DEMO_JAPANESE: bool.default(true),
  DEMO_PASSWORD: z.string().min(8).max(256).optional(),
  PG_POOL_SIZE: int(10, 1),
  /** redis://… : share the event bus and rate-limit counters with other nodes. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "REDIS_URL must start with redis:// or rediss://").optional(),
  /** How long a starting node waits for Redis before giving up with an error. */
  REDIS_CONNECT_TIMEOUT_MS: int(10_000, 100),
  /** 0: do not run migrations at start (production with a separate migrate step); `serve --no-migrate` does the same. */
  MIGRATE_ON_START: bool.default(true),
  MAX_BODY_BYTES: int(1024 * 1024, 1024),
  /**
   * Page renders and API reads (GET/HEAD) a node runs at once; the health check, writes and WebSockets are
   * never counted. A render is mostly synchronous work on the one event loop: beyond a few at once they add
   * no throughput, only a longer wait for everything else (ADR 039).
   */
  SHED_MAX_IN_FLIGHT: int(4, 1),
  /** ...how many more may wait in line for one (503 with Retry-After beyond)... */
  SHED_MAX_QUEUED: int(64, 0),
  /** ...and how long one may wait before it is answered 503 instead. */
  SHED_MAX_WAIT_MS: int(3_000, 1),
  /** Memory for the points that history and compare pages replay from (ADR 040); 0 keeps none. */
  HISTORY_CACHE_MB: int(64, 0),
  /** A replay keeps a point every this many change sets of a section. */
  HISTORY_CACHE_EVERY: int(200, 1),
  /** Paragraphs of a comparison shown on one page of the compare page (ADR 044). */
  COMPARE_PAGE_BLOCKS: int(40, 5),
  /** The Retry-After a shed request is given. */
  SHED_RETRY_AFTER_SECONDS: int(2, 1),
  MAX_IMPORT_BYTES: int(5 * 1024 * 1024, 1024),
  /** Quotes and lists nested deeper than this: a comment is shown as plain text, an import is refused (422). */
  MARKDOWN_MAX_NESTING: int(32, 1),
  /** Imports are parsed in a worker thread, stopped after this long (422)... */
  IMPORT_TIMEOUT_MS: int(30_000, 100),
  /** ...or when its heap passes this (413). */
  IMPORT_HEAP_MB: int(512, 32),
  /** Imports parsed at once per node; one more is asked to retry (503). */
  IMPORT_CONCURRENCY: int(2, 1),
  /** A Word file's parts together, counted as they are inflated, never from the zip's declared sizes (413). */
  DOCX_MAX_UNPACKED_BYTES: int(50 * 1024 * 1024, 1024),
  /** A Word file's word/document.xml alone, inflated (413). */
  DOCX_MAX_XML_BYTES: int(16 * 1024 * 1024, 1024),
  /** How deeply the elements of a Word file's XML parts may nest (422). */
  DOCX_MAX_XML_DEPTH: int(128, 16),
  LOGIN_LIMIT_PER_IP: int(30, 1),
  LOGIN_LIMIT_PER_EMAIL: int(10, 1),
  LOGIN_LIMIT_WINDOW_SECONDS: int(15 * 60, 1),
  SIGNUP_LIMIT_PER_IP: int(10, 1),
  SIGNUP_LIMIT_WINDOW_SECONDS: int(60 * 60, 1),
  COMMENT_LIMIT_PER_MINUTE: int(10, 1),
  /** First comments per page of a section's rail, and items per page of the moderation queue and the report (issue 18, ADR 033). */
  RAIL_PAGE_SIZE: int(50, 5),
  REPORTS_TO_HIDE: int(3, 1),
  /** Topics (ADR 031): the cosine to a topic's centroid from which a new comment joins it, and how many topics it is compared with. */
  TOPIC_THRESHOLD: z.coerce.number().min(0.01).max(0.99).default(TOPIC_THRESHOLD),
  TOPIC_CANDIDATES: int(TOPIC_CANDIDATES, 1),
  /** Reports count towards REPORTS_TO_HIDE only from accounts at least this old (and never from the consultation's team). */
  REPORTER_MIN_ACCOUNT_AGE_HOURS: int(24, 0),
  SESSION_IDLE_DAYS: int(14, 1),
  SESSION_MAX_DAYS: int(90, 1),
  SHUTDOWN_TIMEOUT_MS: int(10_000, 100),
  // The collaboration defaults are DEFAULT_COLLAB_LIMITS (server/collab/limits.ts), the one place they are written.
  COLLAB_MAX_FRAME_BYTES: int(COLLAB.maxFrameBytes, 1024),
  COLLAB_MESSAGES_PER_SECOND: int(COLLAB.messagesPerSecond, 1),
  COLLAB_MESSAGE_BURST: int(COLLAB.messageBurst, 1),
  COLLAB_PING_INTERVAL_MS: int(COLLAB.pingIntervalMs, 100),
  /** A collaboration socket that has been sent nothing for this long gets an empty presence message: the stock y-websocket client reconnects after 30 s of silence. */
  COLLAB_KEEPALIVE_MS: int(COLLAB.keepAliveMs, 100),
  COLLAB_MAX_BUFFERED_BYTES: int(COLLAB.maxBufferedBytes, 1024),
  COLLAB_GROUP_COMMIT_MS: int(COLLAB.groupCommitMs, 0),
  COLLAB_CHANGESET_IDLE_MS: int(COLLAB.changeSetIdleMs, 10),
  COLLAB_GAP_REPAIR_MS: int(COLLAB.gapRepairMs, 10),
  COLLAB_CHECKPOINT_EVERY: int(COLLAB.checkpointEvery, 1),
  /** Open WebSockets per client address (429 beyond); behind a proxy, set TRUST_PROXY or every client shares one address. */
  COLLAB_MAX_CONNECTIONS_PER_IP: int(COLLAB.maxConnectionsPerIp, 1),
  /** A section's presence changes go out together at most once per this many ms (ADR 043). */
  COLLAB_PRESENCE_FLUSH_MS: int(COLLAB.presenceFlushMs, 10),
  /** A section shares readers' presence while it holds fewer presence states than this; writers' always (ADR 043). */
  COLLAB_MAX_PRESENCE_STATES: int(COLLAB.maxPresenceStates, 1),
  /** Readers' pages hear of a section's text changes at most once per this many ms (their live text is that fresh). */
  COLLAB_TEXT_EVENT_MS: int(COLLAB.textEventMs, 50),
  /** Folds of sections whose stored state passes this many bytes replay, diff and hash in a worker thread, off the event loop that relays keystrokes (0: always). */
  COLLAB_FOLD_WORKER_MIN_BYTES: int(COLLAB.foldWorkerMinBytes, 0),
  COLLAB_READ_CACHE_BYTES: int(COLLAB.readCacheBytes, 0),
  /** Open live-update event streams (/c/:slug/s/:id/events) per client address (429 beyond). */
  EVENT_STREAMS_PER_IP: int(50, 1),
  /** A request (an upgrade too) whose headers have not all arrived after this long is closed with 408. */
  HTTP_HEADERS_TIMEOUT_MS: int(5_000, 100),
  /** The Ed25519 key that signs ledger checkpoints, as PKCS#8 PEM text (\n escapes allowed); takes precedence over the file. */
  LEDGER_SIGNING_KEY: z.string().optional(),
  /** The key file (`margin keys init --out`); by default ledger-signing-key.pem next to the SQLite database (or in ./data), created on first start. */
  LEDGER_SIGNING_KEY_FILE: z.string().optional(),
  /** The master key that wraps the data keys of texts sealed at rest (confidential submissions): 32 random bytes, base64; takes precedence over the file. */
  DATA_ENCRYPTION_KEY: z.string().optional(),
  /** The keyring file (JSON: current and retired keys, `margin keys rotate`); by default data-encryption-key next to the SQLite database (or in ./data), created on first start. */
  DATA_ENCRYPTION_KEY_FILE: z.string().optional(),
  /** How often the public ledger head is signed when it has moved (it is also signed on every phase change). */
  CHECKPOINT_INTERVAL_MS: int(10 * 60_000, 50),
  /** Witness co-signatures accepted per client address per hour (429 beyond). */
  WITNESS_LIMIT_PER_IP: int(10, 1),
  /** smtp://user:pass@host:port or smtps://…: where mail goes. Unset: mails are written to MAIL_OUTBOX_DIR and logged. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://").optional(),
  /** The sender of every mail ("Name <address>" or an address). */
  MAIL_FROM: z.string().min(3).default("Margin <no-reply@margin.invalid>"),
  /** Where replies to a mail go; unset: to the sender. */
  MAIL_REPLY_TO: z.string().min(3).optional(),
  /** Without SMTP_URL, mails are written here as .eml files; by default ./data/outbox (or beside the SQLite database). */
  MAIL_OUTBOX_DIR: z.string().optional(),
  /** How often each node looks for mail to send (new mail is also sent at once after its transaction commits). */
  MAIL_POLL_MS: int(5_000, 20),
  /** Mails taken from the queue at once. */
  MAIL_BATCH: int(20, 1),
  /** Delivery attempts before a mail is dead-lettered (shown to admins on /admin/mail). */
  MAIL_MAX_ATTEMPTS: int(8, 1),
  /** The first retry waits this long; each further one twice as long (capped at a day). */
  MAIL_RETRY_BASE_MS: int(30_000, 10),
  /** How long a node holds mails it took from the queue before another node may take them. */
  MAIL_LEASE_MS: int(120_000, 100),
  /** Connecting to, and each exchange with, the SMTP server times out after this long. */
  MAIL_SMTP_TIMEOUT_MS: int(30_000, 100),
  /** How long an invitation link (to a team or an organisation) stays usable. */
  INVITATION_TTL_DAYS: int(14, 1),
  /** Invitation mails (new and resent) one person may send per hour (429 beyond). */
  INVITE_LIMIT_PER_USER: int(30, 1),
  /** Invitation mails to one address per hour, whoever sends them (429 beyond). */
  INVITE_LIMIT_PER_ADDRESS: int(3, 1),
  /** How often each node looks for consultations whose window opened or closed by time, or closes soon, and requests due soon (each is notified once, whichever node finds it). */
  NOTIFY_SWEEP_MS: int(60_000, 50),
  /** How long before a consultation closes the people who follow it are reminded. */
  CLOSING_SOON_HOURS: int(72, 1),
  /** How long before a request's deadline the organisations it asks (and their followers) are reminded, unless they answered or declined. */
  REQUEST_DEADLINE_NOTICE_HOURS: int(72, 1),
  /** Unverified accounts may read and follow; with this on, they may not submit until they verify their address. */
  REQUIRE_VERIFIED_EMAIL: bool.default(true),
  /** How often each node looks for people whose daily digest is due. */
  DIGEST_CHECK_MS: int(10 * 60_000, 20),
  /** A person's digest goes out once their oldest notification waiting for it is this old (one a day by default; 0 in tests). */
  DIGEST_AFTER_MS: int(24 * 3_600_000, 0),
  /** How long the link that confirms a new account's address works. */
  VERIFY_TOKEN_TTL_MINUTES: int(48 * 60, 1),
  /** How long a password-reset link works. */
  RESET_TOKEN_TTL_MINUTES: int(60, 1),
  /** How long the link that confirms a change of e-mail address works. */
  EMAIL_CHANGE_TOKEN_TTL_MINUTES: int(24 * 60, 1),
  /** Account mails (sign-up, verification, reset, change of address) per address per window (429 beyond). */
  ACCOUNT_MAIL_LIMIT_PER_EMAIL: int(5, 1),
  /** Account mails asked for from one client address per window (429 beyond). */
  ACCOUNT_MAIL_LIMIT_PER_IP: int(20, 1),
  ACCOUNT_MAIL_LIMIT_WINDOW_SECONDS: int(60 * 60, 1),
  /** Campaigns (ADR 030): estimated Jaccard similarity of character shingles at or above which two texts are one campaign. */
  CAMPAIGN_THRESHOLD: z.coerce.number().min(0.3).max(1).default(0.78),
  /** Texts with fewer distinct 5-character shingles join a campaign only as exact copies (normalised). */
  CAMPAIGN_MIN_SHINGLES: int(150, 1),
  /** Texts with fewer distinct shingles are never part of a campaign. */
  CAMPAIGN_EXACT_MIN_SHINGLES: int(10, 1),
  /** LSH bands of the 128-hash signature (a divisor of 128: 16, 32 or 64). */
  CAMPAIGN_BANDS: z.coerce.number().int().refine((n) => [8, 16, 32, 64].includes(n), "CAMPAIGN_BANDS must be 8, 16, 32 or 64.").default(32),
  /** Earlier comments whose signatures one new comment is compared with, at most. */
  CAMPAIGN_MAX_CANDIDATES: int(40, 1),
  /** Comments read per LSH bucket (and kept in it) at most. */
  CAMPAIGN_BUCKET_CAP: int(8, 1),
  /** Rows of the e-Gov results table per page on screen (its downloads carry every row). */
  RESULTS_PAGE_ROWS: int(100, 10),
  /** A results table longer than this is not made into a PDF (413: the CSV or the printed page instead). */
  RESULTS_PDF_MAX_ROWS: int(5_000, 1),
  /** Rendering one results PDF in Chromium is abandoned after this long (503). */
  RESULTS_PDF_TIMEOUT_MS: int(30_000, 1_000),
  /** Results PDFs rendered at once per node (1 or 2); a few more wait their turn, beyond that 503. */
  RESULTS_PDF_CONCURRENCY: z.coerce.number().int().min(1).max(2).default(1),
  /** The Chromium the results PDFs are printed with (needs playwright-core installed). */
  CHROMIUM_PATH: z.string().min(1).default("/usr/bin/chromium"),
});

export type Env = z.infer<typeof EnvSchema>;

/**
 * The POSIX locale variables, in their order of precedence (LC_ALL, LC_MESSAGES,
 * LANG): the language the CLI speaks to people in. Not configuration of Margin,
 * so not in EnvSchema, and read even when the rest of the environment is invalid.
 */
export function messagesLocaleOf(source: Record<string, string | undefined> = process.env): string | null {
  return [source.LC_ALL, source.LC_MESSAGES, source.LANG].find((v) => v !== undefined && v !== "") ?? null;
}

/** Parses an environment (process.env by default); throws a readable message on bad values. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const value = source[key];
    if (value !== undefined && value !== "") picked[key] = value;
  }
  const parsed = EnvSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
