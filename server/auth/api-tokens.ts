import type { Db } from "../../db/client.js";
import {
  deleteApiTokenOfUser,
  findApiTokenById,
  insertApiToken,
  listApiTokensOfUser,
  updateApiTokenLastUsed,
} from "../../db/queries/api-token.js";
import { findUserById, type UserProfile } from "../../db/queries/user.js";
import { newId, newSecret, nowIso } from "../ids.js";
import { AppError } from "../errors.js";
import { hashSecret, secretMatches, withVerificationRule } from "./sessions.js";

export const API_TOKEN_PREFIX = "mgn_";
const TOKEN_PATTERN = /^mgn_([a-z2-7]{16})_([a-z2-7]{24})$/;
export const API_TOKENS_PER_USER_MAX = 20;

/** Creates a personal API token; the plain token is returned once and never stored. */
export async function createApiToken(db: Db, userId: string, name: string): Promise<{ id: string; token: string }> {
  const existing = await listApiTokensOfUser(db.kysely, userId);
  if (existing.length >= API_TOKENS_PER_USER_MAX) {
    throw new AppError("conflict", `An account can hold at most ${API_TOKENS_PER_USER_MAX} tokens; revoke one first.`);
  }
  const id = newId();
  const secret = newSecret();
  await insertApiToken(db.kysely, {
    id,
    user_id: userId,
    name,
    secret_hash: hashSecret(secret),
    created_at: nowIso(),
    last_used_at: null,
  });
  return { id, token: `${API_TOKEN_PREFIX}${id}_${secret}` };
}

/** Resolves a bearer token to its user; null for anything malformed or revoked. */
export async function authenticateApiToken(db: Db, token: string, requireVerifiedEmail = false): Promise<UserProfile | null> {
  const m = TOKEN_PATTERN.exec(token);
  if (!m) return null;
  const row = await findApiTokenById(db.kysely, m[1]!);
  if (!row || !secretMatches(m[2]!, row.secret_hash)) return null;
  await updateApiTokenLastUsed(db.kysely, row.id, nowIso());
  const user = await findUserById(db.kysely, row.user_id);
  return user ? withVerificationRule(user, requireVerifiedEmail) : null;
}

export const listApiTokens = (db: Db, userId: string) => listApiTokensOfUser(db.kysely, userId);
export const revokeApiToken = (db: Db, userId: string, id: string) => deleteApiTokenOfUser(db.kysely, userId, id);
