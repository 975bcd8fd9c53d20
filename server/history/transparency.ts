// The public ledger chain, for the transparency page. Only the "public" chain is
// ever read here: the team's drafting chain stays private.
import type { Db } from "../../db/client.js";
import { countLedgerByKind, listRecentEntries } from "../../db/queries/ledger.js";
import { PUBLIC_CHAIN } from "../ledger/chain.js";

/** The newest public ledger entries, newest first, with their consultation's slug and title. */
export async function recentPublicEntries(db: Db, limit: number) {
  return listRecentEntries(db.kysely, PUBLIC_CHAIN, limit);
}

/** How many public ledger entries there are of each kind. */
export async function countPublicEntriesByKind(db: Db): Promise<{ kind: string; n: number }[]> {
  return countLedgerByKind(db.kysely, PUBLIC_CHAIN);
}
