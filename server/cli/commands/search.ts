import type { Env } from "../../env.js";
import { countSearchDocs } from "../../../db/queries/search.js";
import { reindexAll } from "../../domain/search/reindex.js";
import { withDb, type Out } from "../io.js";

/** `margin search reindex`: rebuilds the search index from the database (the server also indexes missing sections at start). */
export async function search(env: Env, args: string[], io: Out): Promise<number> {
  if (args.length !== 1 || args[0] !== "reindex") {
    io.err("margin search: the subcommand is `search reindex`.");
    return 1;
  }
  const counts = await withDb(env, async (db) => {
    await reindexAll(db);
    return countSearchDocs(db.kysely);
  });
  io.out(`Search index rebuilt: ${counts.map((c) => `${c.n} ${c.kind}`).join(", ") || "nothing to index"}.`);
  return 0;
}
