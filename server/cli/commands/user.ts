import { parseArgs } from "node:util";
import { migrateToLatest } from "../../../db/migrator.js";
import { findUserByEmail } from "../../../db/queries/user.js";
import { SITE_ROLES, STAKEHOLDER_GROUPS, type SiteRole, type StakeholderGroup } from "../../../db/schema.js";
import { createAccount, resetAccount } from "../../domain/accounts.js";
import { EmailSchema, NAME_MAX, PasswordSchema } from "../../domain/schemas.js";
import type { Env } from "../../env.js";
import { withDb, type Out } from "../io.js";

export async function user(env: Env, args: string[], io: Out): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== "add") {
    io.err(io.tr.t("cli.user.unknownSub", { sub: sub ?? "" }));
    return 1;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" },
      password: { type: "string" },
      name: { type: "string" },
      role: { type: "string", default: "member" },
      organisation: { type: "string", default: "" },
      group: { type: "string", default: "other" },
    },
  });
  const problems: string[] = [];
  const email = EmailSchema.safeParse(values.email ?? "");
  if (!email.success) problems.push(`--email: ${io.tr.msg(email.error.issues[0]!.message)}`);
  // An existing account may just be given a role (granting convener must not reset anyone's password).
  const existing = email.success && values.password === undefined ? await withDb(env, async (db) => {
    await migrateToLatest(db.kysely);
    return findUserByEmail(db.kysely, email.data);
  }) : undefined;
  const password = existing ? null : PasswordSchema.safeParse(values.password ?? "");
  if (password && !password.success) problems.push(`--password: ${io.tr.msg(password.error.issues[0]!.message)}`);
  const name = (values.name ?? "").trim();
  if (!existing && (!name || name.length > NAME_MAX)) problems.push(`--name: ${io.tr.t("cli.user.badName", { max: NAME_MAX })}`);
  if (!SITE_ROLES.includes(values.role as SiteRole)) problems.push(`--role: ${io.tr.t("cli.oneOf", { values: SITE_ROLES.join(", ") })}`);
  if (!STAKEHOLDER_GROUPS.includes(values.group as StakeholderGroup)) problems.push(`--group: ${io.tr.t("cli.oneOf", { values: STAKEHOLDER_GROUPS.join(", ") })}`);
  if (problems.length > 0 || !email.success || (password && !password.success)) {
    io.err(`${io.tr.t("cli.user.cannotAdd")}\n  ${problems.join("\n  ")}`);
    return 1;
  }
  const role = values.role as SiteRole;
  const result = await withDb(env, async (db) => {
    await migrateToLatest(db.kysely);
    if (await findUserByEmail(db.kysely, email.data)) {
      await resetAccount(db, email.data, password?.data ?? null, role);
      return password ? "updated" : "role";
    }
    await createAccount(db, {
      verified: true,
      email: email.data,
      password: password!.data!,
      displayName: name,
      organisation: values.organisation ?? "",
      stakeholderGroup: values.group as StakeholderGroup,
      siteRole: role,
    });
    return "created";
  });
  io.out(
    io.tr.t(result === "created" ? "cli.user.created" : result === "role" ? "cli.user.roleSet" : "cli.user.updated", { role, email: email.data }),
  );
  return 0;
}
