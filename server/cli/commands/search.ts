import type { Env } from "../../env.js";
import { countSearchDocs } from "../../../db/queries/search.js";
import { reindexAll } from "../../domain/search/reindex.js";
import { withDb, type Out } from "../io.js";

/** `margin search reindex`: rebuilds the search index from the database (the server also indexes missing sections at start). */
export async function search(env: Env, args: string[], io: Out): Promise<number> {
  if (args.length !== 1 || args[0] !== "reindex") {
    io.err(io.tr.t("cli.search.usage"));
    return 1;
  }
  const counts = await withDb(env, async (db) => {
    await reindexAll(db);
    return countSearchDocs(db.kysely);
  });
  const total = counts.reduce((sum, c) => sum + Number(c.n), 0);
  io.out(io.tr.t("cli.search.done", { total, detail: counts.map((c) => `${c.kind} ${c.n}`).join(", ") }));
  return 0;
}
