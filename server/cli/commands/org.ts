import { parseArgs } from "node:util";
import type { z } from "zod";
import { migrateToLatest } from "../../../db/migrator.js";
import { addOrganisationMember, createOrganisation, verifyOrganisation } from "../../domain/organisations/index.js";
import { NewOrganisationSchema, OrganisationMemberSchema, VerifyOrganisationSchema } from "../../domain/schemas.js";
import type { Env } from "../../env.js";
import { withDb, type Out } from "../io.js";

const USAGE = `margin org add --name N --kind K [--slug S] [--domain D]
margin org verify --slug S --evidence TEXT
margin org member add --slug S --email E [--role representative|member]`;

/** The zod result, or null after printing each problem next to its option. */
function check<S extends z.ZodTypeAny>(schema: S, input: Record<string, unknown>, optionOf: Record<string, string>, what: "add" | "verify" | "member", io: Out): z.infer<S> | null {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `--${optionOf[String(i.path[0])] ?? String(i.path[0])}: ${io.tr.msg(i.message)}`);
  io.err(`${io.tr.t("cli.org.cannot", { what })}\n  ${lines.join("\n  ")}`);
  return null;
}

/** `margin org …`: the CLI acts as the operator, who may do what a site admin may. */
export async function org(env: Env, args: string[], io: Out): Promise<number> {
  const [sub, ...rest] = args;
  const member = sub === "member" && rest[0] === "add";
  if (sub !== "add" && sub !== "verify" && !member) {
    io.err(`${io.tr.t("cli.org.unknownSub", { sub: args.slice(0, 2).join(" ") })}\n${USAGE}`);
    return 1;
  }
  const { values } = parseArgs({
    args: member ? rest.slice(1) : rest,
    options: {
      name: { type: "string" },
      kind: { type: "string" },
      slug: { type: "string" },
      domain: { type: "string" },
      evidence: { type: "string" },
      email: { type: "string" },
      role: { type: "string" },
    },
  });
  if (sub === "add") {
    const d = check(NewOrganisationSchema, { name: values.name, kind: values.kind, slug: values.slug, emailDomain: values.domain }, { emailDomain: "domain" }, "add", io);
    if (!d) return 1;
    const row = await withDb(env, async (db) => {
      await migrateToLatest(db.kysely);
      return createOrganisation(db, "operator", d);
    });
    io.out(io.tr.t("cli.org.registered", { name: row.name, kind: row.kind, slug: row.slug }));
    return 0;
  }
  if (sub === "verify") {
    const d = check(VerifyOrganisationSchema, { slug: values.slug, evidence: values.evidence }, {}, "verify", io);
    if (!d) return 1;
    const row = await withDb(env, async (db) => {
      await migrateToLatest(db.kysely);
      return verifyOrganisation(db, "operator", d.slug, d.evidence);
    });
    io.out(io.tr.t("cli.org.verified", { name: row.name }));
    return 0;
  }
  const d = check(OrganisationMemberSchema, { slug: values.slug, email: values.email, role: values.role }, {}, "member", io);
  if (!d) return 1;
  const result = await withDb(env, async (db) => {
    await migrateToLatest(db.kysely);
    return addOrganisationMember(db, "operator", d.slug, d.email, d.role);
  });
  io.out(io.tr.t(result === "unchanged" ? "cli.org.memberUnchanged" : "cli.org.memberSet", { email: d.email, role: d.role, slug: d.slug }));
  return 0;
}
