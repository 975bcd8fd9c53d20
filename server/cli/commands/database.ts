import { parseArgs } from "node:util";
import { migrateDownAll, migrateToLatest } from "../../../db/migrator.js";
import { seedDemo } from "../../domain/demo-seed.js";
import type { Env } from "../../env.js";
import { migrateOnce } from "../../index.js";
import { withDb, type Out } from "../io.js";
import { demoAccountLines } from "../demo-accounts.js";
import { installDataKeyring } from "../../crypto/active.js";
import { loadDataKeyring } from "../../crypto/keyring.js";

export async function migrate(env: Env, args: string[], io: Out): Promise<number> {
  const { values } = parseArgs({ args, options: { down: { type: "boolean", default: false } } });
  const ran = await withDb(env, (db) => (values.down ? migrateDownAll(db.kysely) : migrateOnce(db)));
  io.out(ran.length ? ran.join("\n") : io.tr.t("cli.migrate.upToDate"));
  return 0;
}

export async function seed(env: Env, io: Out): Promise<number> {
  // The demo's confidential submissions (if any) are sealed like the server's.
  installDataKeyring(loadDataKeyring(env, { create: true }).ring);
  const result = await withDb(env, async (db) => {
    await migrateToLatest(db.kysely);
    return seedDemo(db, env.DEMO_PASSWORD, null, true, env.DEMO_JAPANESE);
  });
  io.out(io.tr.t(result.created ? "cli.seed.created" : "cli.seed.exists"));
  for (const line of demoAccountLines(io.tr, result.accounts)) io.out(line);
  io.out(env.DEMO_PASSWORD ? io.tr.t("cli.seed.passwordEnv") : io.tr.t("cli.seed.password", { password: result.password }));
  return 0;
}
