import type { Router } from "express";
import { z } from "zod";
import { listLedgerEntries, toWireEntry } from "../../../db/queries/ledger.js";
import { readHead } from "../../ledger/append.js";
import { GENESIS_HASH, PUBLIC_CHAIN } from "../../ledger/chain.js";
import { VERIFY_PAGE } from "../../ledger/sources.js";
import type { Services } from "../context.js";
import { parseQuery, route } from "./handler.js";
import { API_PAGE_MAX, limitSchema, pageOf } from "./paging.js";

/** Paged by position in the chain: `after` is the last entry seen, `nextAfter` the next page's. */
const LedgerQuerySchema = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: limitSchema(VERIFY_PAGE, API_PAGE_MAX),
});

/** The public hash chain, for verifiers. */
export function ledgerRoutes(router: Router, services: Services): void {
  const { db } = services;

  router.get(
    "/ledger",
    route(services, async (req) => {
      const q = parseQuery(LedgerQuerySchema, req.query);
      const rows = await listLedgerEntries(db.kysely, PUBLIC_CHAIN, q.after, q.limit + 1);
      const page = pageOf(rows, q.limit, (last) => last.seq);
      return { items: page.items.map(toWireEntry), nextAfter: page.next };
    }),
  );

  router.get(
    "/ledger/head",
    route(services, async () => {
      const head = await readHead(db.kysely, PUBLIC_CHAIN);
      const row = head && (await listLedgerEntries(db.kysely, PUBLIC_CHAIN, head.seq - 1, 1))[0];
      return { chain: PUBLIC_CHAIN, seq: head?.seq ?? 0, hash: head?.hash ?? GENESIS_HASH, createdAt: row?.created_at ?? null };
    }),
  );
}
