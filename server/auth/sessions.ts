import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeHexLowerCase, decodeHex } from "@oslojs/encoding";
import type { Db } from "../../db/client.js";
import {
  deleteSession,
  deleteSessionOfUser,
  deleteSessionsOfUser,
  findSessionById,
  insertSession,
  updateSessionLastSeen,
} from "../../db/queries/session.js";
import { findUserById, type UserProfile } from "../../db/queries/user.js";
import type { Bus } from "../bus/bus.js";
import { newSecret } from "../ids.js";

export const SESSION_COOKIE = "margin_session";
/** Sliding expiry is only written back once per interval, not on every request. */
export const SESSION_TOUCH_INTERVAL_MS = 60 * 60 * 1000;
const TOKEN_PATTERN = /^[a-z2-7]{24}\.[a-z2-7]{24}$/;

export interface Session {
  id: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
}

export interface Authenticated {
  user: UserProfile;
  session: Session;
}

export interface SessionManager {
  /** Creates a session and returns the token for the cookie (`id.secret`). */
  create(userId: string, userAgent: string): Promise<{ token: string; session: Session }>;
  /** Validates a cookie token; null for anything malformed, unknown, forged or expired. */
  validate(token: string | undefined | null): Promise<Authenticated | null>;
  revoke(sessionId: string): Promise<void>;
  /** Revokes one of the user's sessions; false if it is not theirs or gone. */
  revokeOfUser(userId: string, sessionId: string): Promise<boolean>;
  revokeAllOfUser(userId: string): Promise<void>;
  cookie(token: string): string;
  blankCookie(): string;
}

export interface SessionOptions {
  /** Told about revocations, so open WebSockets close at once. */
  bus?: Bus;
  idleDays: number;
  maxDays: number;
  secureCookie: boolean;
  now?: () => Date;
  /** REQUIRE_VERIFIED_EMAIL: an account with an unconfirmed address may read but not submit. */
  requireVerifiedEmail?: boolean;
}

/** The signed-in person as the policy sees them: held back from submitting while their address is unconfirmed, if the site requires it. */
export function withVerificationRule(user: UserProfile, requireVerifiedEmail: boolean): UserProfile {
  return { ...user, mustVerify: requireVerifiedEmail && user.email_verified_at === null };
}

export function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

/** Compares a presented secret with a stored hex hash in constant time. */
export function secretMatches(secret: string, storedHex: string): boolean {
  const presented = sha256(new TextEncoder().encode(secret));
  let stored: Uint8Array;
  try {
    stored = decodeHex(storedHex);
  } catch {
    return false;
  }
  return stored.length === presented.length && constantTimeEqual(presented, stored);
}

/**
 * Sessions after the Lucia guide: the token is `id.secret`; only a SHA-256 of
 * the secret is stored, so a database leak yields no usable cookies.
 */
export function createSessionManager(db: Db, options: SessionOptions): SessionManager {
  const now = options.now ?? (() => new Date());
  const idleMs = options.idleDays * 86_400_000;
  const maxMs = options.maxDays * 86_400_000;
  const cookieAttributes = `Path=/; HttpOnly; SameSite=Lax${options.secureCookie ? "; Secure" : ""}`;

  return {
    async create(userId, userAgent) {
      const id = newSecret();
      const secret = newSecret();
      const at = now().toISOString();
      await insertSession(db.kysely, {
        id,
        user_id: userId,
        secret_hash: hashSecret(secret),
        created_at: at,
        last_seen_at: at,
        // Whole code points: half a surrogate pair would be stored as U+FFFD.
        user_agent: Array.from(userAgent).slice(0, 300).join(""),
      });
      return { token: `${id}.${secret}`, session: { id, userId, createdAt: at, lastSeenAt: at } };
    },

    async validate(token) {
      if (!token || !TOKEN_PATTERN.test(token)) return null;
      const [id, secret] = token.split(".") as [string, string];
      const row = await findSessionById(db.kysely, id);
      if (!row || !secretMatches(secret, row.secret_hash)) return null;
      const t = now().getTime();
      const idleExpired = t - Date.parse(row.last_seen_at) > idleMs;
      const maxExpired = t - Date.parse(row.created_at) > maxMs;
      if (idleExpired || maxExpired) {
        await deleteSession(db.kysely, id);
        return null;
      }
      const user = await findUserById(db.kysely, row.user_id);
      if (!user) return null;
      let lastSeenAt = row.last_seen_at;
      if (t - Date.parse(row.last_seen_at) > SESSION_TOUCH_INTERVAL_MS) {
        lastSeenAt = new Date(t).toISOString();
        await updateSessionLastSeen(db.kysely, id, lastSeenAt);
      }
      return { user: withVerificationRule(user, options.requireVerifiedEmail ?? false), session: { id, userId: row.user_id, createdAt: row.created_at, lastSeenAt } };
    },

    async revoke(sessionId) {
      await deleteSession(db.kysely, sessionId);
      options.bus?.publish({ type: "session.revoked", sessionId });
    },
    async revokeOfUser(userId, sessionId) {
      const n = await deleteSessionOfUser(db.kysely, userId, sessionId);
      if (n > 0) options.bus?.publish({ type: "session.revoked", sessionId });
      return n > 0;
    },
    async revokeAllOfUser(userId) {
      await deleteSessionsOfUser(db.kysely, userId);
      options.bus?.publish({ type: "user.sessions.revoked", userId });
    },
    cookie: (token) => `${SESSION_COOKIE}=${token}; ${cookieAttributes}; Max-Age=${Math.floor(maxMs / 1000)}`,
    blankCookie: () => `${SESSION_COOKIE}=; ${cookieAttributes}; Max-Age=0`,
  };
}

/** Reads one cookie from a Cookie header without throwing on malformed input; null when absent. */
export function readCookie(header: string | undefined | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      // Returned undecoded: the caller still sees that a (bad) value was sent.
      return raw;
    }
  }
  return null;
}
