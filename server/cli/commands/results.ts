import { migrateToLatest } from "../../../db/migrator.js";
import { publishDueResults } from "../../domain/requests/publish.js";
import type { Env } from "../../env.js";
import { withDb, type Out } from "../io.js";

/**
 * `margin results publish`: publishes every information request whose deadline has
 * passed and whose results nobody has read yet (run it on a schedule, so the record
 * does not wait for a first reader). Needs the data key, as the server does: results
 * count answers that are sealed.
 */
export async function results(env: Env, args: string[], io: Out): Promise<number> {
  if (args.length !== 1 || args[0] !== "publish") {
    io.err(io.tr.t("cli.results.usage"));
    return 1;
  }
  const published = await withDb(env, async (db) => {
    await migrateToLatest(db.kysely);
    return publishDueResults(db);
  });
  io.out(published.length === 0 ? io.tr.t("cli.results.none") : io.tr.t("cli.results.published", { slugs: published.join(", ") }));
  return 0;
}
