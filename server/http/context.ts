import type { Translatable } from "../../common/i18n/intl.js";
import type { Locale } from "../../common/i18n/locales.js";
import type { Db } from "../../db/client.js";
import type { Authenticated, SessionManager } from "../auth/sessions.js";
import type { Limiter } from "../auth/rate-limit.js";
import type { Bus } from "../bus/bus.js";
import type { CollabService } from "../collab/service.js";
import type { CommentCache, CommentDeps } from "../domain/comments/index.js";
import type { ImportService } from "../domain/imports.js";
import type { ModerationDeps } from "../domain/moderation.js";
import type { Env } from "../env.js";
import type { Logger } from "../logger.js";
import type { MailService } from "../mail/index.js";
import type { Checkpointer } from "../ledger/checkpoints.js";
import type { SigningKey } from "../ledger/signing.js";

/** Infrastructure created once at boot and shared by every request. */
export interface Services {
  env: Env;
  db: Db;
  sessions: SessionManager;
  bus: Bus;
  collab: CollabService;
  comments: CommentCache;
  /** Parses Markdown and Word uploads in a worker thread. */
  imports: ImportService;
  logger: Logger;
  /** The key that signs ledger checkpoints. */
  ledgerKey: SigningKey;
  checkpoints: Checkpointer;
  /** Mail: rendered and queued in a transaction, delivered off the request path (ADR 022). */
  mail: MailService;
  limiters: {
    loginPerIp: Limiter;
    loginPerEmail: Limiter;
    signupPerIp: Limiter;
    /** Sign-up, verification, reset and change-of-address mails per address... */
    accountMailPerEmail: Limiter;
    /** ...and per client address. */
    accountMailPerIp: Limiter;
    /** Comments, replies and positions per account. */
    postsPerUser: Limiter;
    /** Witness co-signatures per client address. */
    witnessesPerIp: Limiter;
    /** Invitation mails (new and resent) per inviting account, and per invited address. */
    invitesPerUser: Limiter;
    invitesPerAddress: Limiter;
  };
}

/** What the comment services need, from the process's services. */
export function commentDeps(s: Services): CommentDeps {
  return {
    db: s.db,
    collab: s.collab,
    bus: s.bus,
    limiter: s.limiters.postsPerUser,
    cache: s.comments,
    logger: s.logger,
    markdownMaxNesting: s.env.MARKDOWN_MAX_NESTING,
    railPageSize: s.env.RAIL_PAGE_SIZE,
    mail: s.mail,
    grouping: { topics: { threshold: s.env.TOPIC_THRESHOLD, candidates: s.env.TOPIC_CANDIDATES } },
  };
}

/** What moderation needs, from the process's services. */
export function moderationDeps(s: Services): ModerationDeps {
  return { db: s.db, bus: s.bus, reportsToHide: s.env.REPORTS_TO_HIDE, reporterMinAgeMs: s.env.REPORTER_MIN_ACCOUNT_AGE_HOURS * 3_600_000, mail: s.mail };
}

/** What each Remix loader and action receives as `context.margin`. */
export interface MarginContext {
  services: Services;
  /** The signed-in user and session, or null. */
  auth: Authenticated | null;
  clientIp: string;
  /** Per-request nonce for the Content-Security-Policy. */
  nonce: string;
  /** A message to show once, set by the previous response's redirect (a phrase or a catalog message). */
  flash: Translatable | null;
  /** The interface language of this request: account, else cookie, else Accept-Language (ADR 020). */
  locale: Locale;
}

declare module "@remix-run/node" {
  interface AppLoadContext {
    margin: MarginContext;
  }
}
