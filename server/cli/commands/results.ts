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
    io.err("margin results: the subcommand is `results publish`.");
    return 1;
  }
  const published = await withDb(env, async (db) => {
    await migrateToLatest(db.kysely);
    return publishDueResults(db);
  });
  io.out(published.length === 0 ? "No results were due." : `Published the results of ${published.join(", ")}.`);
  return 0;
}
