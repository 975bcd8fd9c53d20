import type { Db } from "../../db/client.js";
import { updateConsultation } from "../../db/queries/consultation.js";
import { findUserByEmail, setUserLocale, type UserProfile } from "../../db/queries/user.js";
import type { DemoAccount } from "../../db/seed/demo.js";
import type * as Y from "yjs";
import { flatten, locate } from "../collab/text-model.js";
import { newId, nowIso } from "../ids.js";
import { createAccount, resetAccount } from "./accounts.js";
import type { CommentDeps } from "./comments/index.js";
import { recordPhaseChange, setMemberRole } from "./consultations/index.js";

// The steps both demos (English and Japanese) take: the same service calls people make.

/** What seeding a demo's history needs: the live services, so it goes through the same code as people do. */
export type DemoHistoryDeps = Omit<CommentDeps, "db">;

export interface DemoUser {
  account: DemoAccount;
  user: UserProfile;
}

/**
 * Creates the demo accounts, or resets an existing one's password to `password`, so the
 * password printed at start always works. A new account gets `locale` as its interface language.
 */
export async function seedAccounts(db: Db, accounts: DemoAccount[], password: string, locale: string | null = null): Promise<DemoUser[]> {
  const users: DemoUser[] = [];
  for (const account of accounts) {
    const existing = await findUserByEmail(db.kysely, account.email);
    // The demo's publisher needs the convener role, like any real one.
    const siteRole = account.role === "owner" && existing?.site_role !== "admin" ? "convener" : (existing?.site_role ?? "member");
    let user = existing ? await resetAccount(db, account.email, password, siteRole) : await createAccount(db, { ...account, password, siteRole, verified: true });
    if (!existing && locale) {
      await setUserLocale(db.kysely, user.id, locale);
      user = { ...user, locale };
    }
    users.push({ account, user });
  }
  return users;
}

/** Gives the demo's drafters and moderators their roles in the consultation (its creator is its owner already). */
export async function addDemoTeam(db: Db, consultationId: string, users: DemoUser[]): Promise<void> {
  for (const { account, user } of users) {
    const role = account.role;
    if (role === "moderator" || role === "drafter") {
      await db.kysely.transaction().execute((tx) => setMemberRole(tx, db.dialect, consultationId, user.id, null, role, nowIso()));
    }
  }
}

/** Opens the draft for comment from `opensAt` (in the past) until `closesAt`, with its phase change in the record. */
export async function openDemo(db: Db, consultationId: string, ownerId: string, opensAt: string, closesAt: string): Promise<void> {
  await db.kysely.transaction().execute(async (tx) => {
    await updateConsultation(tx, consultationId, { status: "open", opens_at: opensAt, closes_at: closesAt, updated_at: nowIso() });
    await recordPhaseChange(tx, db.dialect, { id: newId(), consultation_id: consultationId, from_status: "draft", to_status: "open", actor_id: ownerId, created_at: opensAt });
  });
}

/** Replaces the first occurrence of `find` (inside one paragraph) with `replacement`. */
export function replaceText(doc: Y.Doc, find: string, replacement: string): void {
  const flat = flatten(doc);
  const at = flat.text.indexOf(find);
  const start = at >= 0 ? locate(flat, at) : null;
  if (!start || start.index + find.length > start.node.length) throw new Error(`demo text “${find}” not found in one paragraph`);
  start.node.delete(start.index, find.length);
  start.node.insert(start.index, replacement);
}
