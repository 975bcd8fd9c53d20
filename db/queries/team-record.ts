import type { Executor } from "../client.js";
import type { ConsultationRole } from "../schema.js";

/**
 * What `margin verify` reads, from the database only, to check a consultation's
 * team against its membership entries: the team list is not public, so the
 * entries carry salted digests and only the holder of the salts can match them.
 */

export async function listTeam(db: Executor, consultationId: string): Promise<{ userId: string; role: ConsultationRole }[]> {
  const rows = await db.selectFrom("consultation_member").select(["user_id", "role"]).where("consultation_id", "=", consultationId).orderBy("user_id").execute();
  return rows.map((r) => ({ userId: r.user_id, role: r.role }));
}

/** The private salts of a consultation's membership entries, by "chain#seq". */
export async function listMembershipSalts(db: Executor, consultationId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("ledger_entry")
    .select(["chain", "seq", "salt"])
    .where("consultation_id", "=", consultationId)
    .where("kind", "=", "membership")
    .execute();
  return new Map(rows.filter((r) => r.salt !== null).map((r) => [`${r.chain}#${Number(r.seq)}`, r.salt!]));
}

/** Every account id: the candidates for a former member, who is no longer on the team list. */
export async function listAccountIds(db: Executor): Promise<string[]> {
  return (await db.selectFrom("user").select("id").execute()).map((r) => r.id);
}
