import { isTeamChain, saltedDigest } from "../chain.js";
import type { ServedTeam } from "../served.js";
import { RecordMismatch, entryName, type CheckContext, type RecordCheck } from "./context.js";

type WireEntry = CheckContext["entries"][number];

/**
 * A consultation's team must be what its membership entries add up to: nobody
 * put on the team (or given another role, or taken off) in the database without
 * an entry. The entries name members only by salted digests, so this needs the
 * salts and runs on the database; a server does not publish its teams. Teams of
 * consultations created before they were recorded are noted, not compared.
 */
export const checkMembership: RecordCheck = async (ctx) => {
  const read = ctx.source.served.team;
  if (!read) {
    if (ctx.byKind("membership").length > 0) ctx.note("teams were not compared: a server does not publish them (verify the database to compare them)");
    return;
  }
  const created = ctx.byKind("settings").filter((e) => e.payload.reason === "created" && e.consultationId);
  const slugs = new Map(created.map((e) => [e.consultationId!, String(e.payload.slug)]));
  const entries = new Map<string, WireEntry[]>();
  // A draft's entries are on its team chain and come before its public ones.
  for (const e of [...ctx.byKind("membership")].sort((a, b) => Number(isTeamChain(b.chain)) - Number(isTeamChain(a.chain)))) {
    if (!e.consultationId) continue;
    entries.set(e.consultationId, [...(entries.get(e.consultationId) ?? []), e]);
  }
  for (const [consultationId, slug] of slugs) {
    const team = await read(consultationId);
    const roles = await replay(team, entries.get(consultationId) ?? []);
    compare(slug, team, roles);
  }
  const older = new Set([...entries.keys()].filter((id) => !slugs.has(id)));
  if (older.size > 0) ctx.note(`${older.size} consultation(s) were created before their teams were recorded; those teams were not compared`);
};

/** The roles the entries leave, by account id; each entry must start from what the ones before it left. */
async function replay(team: ServedTeam, list: WireEntry[]): Promise<Map<string, string>> {
  const roles = new Map<string, string>();
  let everyone: string[] | null = null;
  for (const e of list) {
    const salt = team.salts.get(`${e.chain}#${e.seq}`);
    if (!salt) throw new RecordMismatch(`${entryName(e)}: its private salt is missing, so the member it records cannot be matched`);
    const matches = (userId: string) => saltedDigest(salt, userId) === e.payload.memberDigest;
    let userId = team.members.find((m) => matches(m.userId))?.userId;
    if (!userId) {
      everyone ??= await team.accounts();
      userId = everyone.find(matches);
    }
    if (!userId) throw new RecordMismatch(`${entryName(e)}: the member it records is no account in this database`);
    const role = e.payload.role as { from: string | null; to: string | null };
    const before = roles.get(userId) ?? null;
    if (before !== role.from) {
      throw new RecordMismatch(`${entryName(e)}: records account ${userId} changing from ${role.from ?? "no role"}, but the entries before it leave them ${before ?? "off the team"}`);
    }
    if (role.to === null) roles.delete(userId);
    else roles.set(userId, role.to);
  }
  return roles;
}

function compare(slug: string, team: ServedTeam, roles: Map<string, string>): void {
  for (const m of team.members) {
    const recorded = roles.get(m.userId);
    if (recorded !== m.role) {
      throw new RecordMismatch(
        `consultation ${slug}: account ${m.userId} is on the team as ${m.role}, but ${recorded ? `the ledger's membership entries make them ${recorded}` : "no membership entry puts them there"}`,
      );
    }
  }
  for (const [userId, role] of roles) {
    if (!team.members.some((m) => m.userId === userId)) throw new RecordMismatch(`consultation ${slug}: account ${userId} is off the team, but the ledger's membership entries leave them ${role}`);
  }
}
