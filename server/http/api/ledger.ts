import { listLedgerEntries, toWireEntry } from "../../../db/queries/ledger.js";
import { readHead } from "../../ledger/append.js";
import { GENESIS_HASH, PUBLIC_CHAIN } from "../../ledger/chain.js";
import { VERIFY_PAGE } from "../../ledger/sources.js";
import { LedgerHeadSchema, LedgerPageSchema } from "../../presenters/wire.js";
import type { Services } from "../context.js";
import { API_PAGE_MAX, pageOf, positionAfter, positionPageQuerySchema } from "./paging.js";
import { defineRoute, type ApiRoute } from "./registry.js";

/** The public hash chain, for verifiers. */
export function ledgerRoutes(services: Services): ApiRoute[] {
  const { db } = services;
  return [
    defineRoute({
      method: "get",
      path: "/ledger",
      tag: "ledger",
      summary: "The public hash chain's entries, oldest first",
      description: "The cursor is the position of the last entry seen; `nextAfter` is kept for clients that page with `after`.",
      access: "public",
      query: positionPageQuerySchema(VERIFY_PAGE, API_PAGE_MAX),
      responses: [{ status: 200, schema: LedgerPageSchema, description: "A page of ledger entries." }],
      async run({ query: q }) {
        const rows = await listLedgerEntries(db.kysely, PUBLIC_CHAIN, positionAfter(q), q.limit + 1);
        const page = pageOf(rows, q.limit, (last) => last.seq);
        return { items: page.items.map(toWireEntry), nextCursor: page.next === null ? null : String(page.next), nextAfter: page.next };
      },
    }),
    defineRoute({
      method: "get",
      path: "/ledger/head",
      tag: "ledger",
      summary: "The public chain's newest position and hash",
      access: "public",
      responses: [{ status: 200, schema: LedgerHeadSchema, description: "The head." }],
      async run() {
        const head = await readHead(db.kysely, PUBLIC_CHAIN);
        const row = head && (await listLedgerEntries(db.kysely, PUBLIC_CHAIN, head.seq - 1, 1))[0];
        return { chain: PUBLIC_CHAIN, seq: head?.seq ?? 0, hash: head?.hash ?? GENESIS_HASH, createdAt: row?.created_at ?? null };
      },
    }),
  ];
}
