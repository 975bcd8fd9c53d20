import type { Db } from "../../db/client.js";
import { findConsultationBySlug, updateConsultation, upsertMember } from "../../db/queries/consultation.js";
import { findUserByEmail } from "../../db/queries/user.js";
import { DEMO_ACCOUNTS, DEMO_SLUG, readDemoMarkdown } from "../../db/seed/demo.js";
import { newId, newSecret, nowIso } from "../ids.js";
import { createAccount, resetAccount } from "./accounts.js";
import { importMarkdown, recordPhaseChange } from "./consultations.js";

export const DEMO_OPENED_DAYS_AGO = 3;
export const DEMO_OPEN_FOR_DAYS = 45;

export interface DemoSeedResult {
  created: boolean;
  password: string;
  emails: string[];
}

/**
 * Creates the demo consultation (open for comment) and the demo accounts.
 * The consultation is created once; the demo accounts are (re)set to the
 * given password on every run, so the password printed at start always works.
 */
export async function seedDemo(db: Db, password: string = newSecret()): Promise<DemoSeedResult> {
  const emails = DEMO_ACCOUNTS.map((a) => a.email);
  const users = [];
  for (const account of DEMO_ACCOUNTS) {
    const existing = await findUserByEmail(db.kysely, account.email);
    const user = existing
      ? await resetAccount(db, account.email, password, existing.site_role)
      : await createAccount(db, { ...account, password });
    users.push({ account, user });
  }
  if (await findConsultationBySlug(db.kysely, DEMO_SLUG)) return { created: false, password, emails };
  const owner = users.find((u) => u.account.role === "owner")!.user;
  const consultation = await importMarkdown(db, owner, readDemoMarkdown(), { slug: DEMO_SLUG });
  const day = 86_400_000;
  const opensAt = new Date(Date.now() - DEMO_OPENED_DAYS_AGO * day).toISOString();
  await db.kysely.transaction().execute(async (tx) => {
    await updateConsultation(tx, consultation.id, {
      status: "open",
      opens_at: opensAt,
      closes_at: new Date(Date.now() + DEMO_OPEN_FOR_DAYS * day).toISOString(),
      updated_at: nowIso(),
    });
    await recordPhaseChange(tx, db.dialect, { id: newId(), consultation_id: consultation.id, from_status: "draft", to_status: "open", actor_id: owner.id, created_at: opensAt });
  });
  for (const { account, user } of users) {
    if (account.role === "moderator") {
      await upsertMember(db.kysely, { consultation_id: consultation.id, user_id: user.id, role: "moderator", created_at: nowIso() });
    }
  }
  return { created: true, password, emails };
}
