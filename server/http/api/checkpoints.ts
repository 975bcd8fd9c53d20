import type { Router } from "express";
import { z } from "zod";
import { WitnessSignatureSchema } from "../../domain/schemas.js";
import { AppError } from "../../errors.js";
import { addWitnessSignature, latestPublicCheckpoint, publicCheckpoints } from "../../ledger/checkpoints.js";
import type { Services } from "../context.js";
import { Created, jsonParser, parseBody, parseQuery, route } from "./handler.js";
import { API_PAGE_MAX, limitSchema, pageOf } from "./paging.js";

/** Paged like /ledger: `after` is the last checkpoint's seq seen, `nextAfter` the next page's. */
const CheckpointQuerySchema = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: limitSchema(API_PAGE_MAX),
});

const SeqParamSchema = z.object({ seq: z.coerce.number({ error: "The checkpoint is named by its entry number." }).int().min(1, "The checkpoint is named by its entry number.") });

/** Signed checkpoints of the public chain, and the co-signatures witnesses send. */
export function checkpointRoutes(router: Router, services: Services): void {
  const { db } = services;

  router.get(
    "/ledger/checkpoints",
    route(services, async (req) => {
      const q = parseQuery(CheckpointQuerySchema, req.query);
      const page = pageOf(await publicCheckpoints(db, q.after, q.limit + 1), q.limit, (last) => last.seq);
      return { items: page.items, nextAfter: page.next, latest: await latestPublicCheckpoint(db), keyId: services.ledgerKey.info.keyId };
    }),
  );

  router.get(
    "/ledger/checkpoints/latest",
    route(services, async () => {
      const latest = await latestPublicCheckpoint(db);
      if (!latest) throw new AppError("not_found", "No checkpoint has been signed yet: the public ledger is empty.");
      return latest;
    }),
  );

  router.post(
    "/ledger/checkpoints/:seq/witnesses",
    jsonParser(services),
    route(services, async (req) => {
      await services.limiters.witnessesPerIp.consume(req.ip ?? req.socket.remoteAddress ?? "unknown");
      const { seq } = parseQuery(SeqParamSchema, req.params);
      const input = parseBody(WitnessSignatureSchema, req);
      return new Created(await addWitnessSignature(db, services.ledgerKey, seq, input));
    }),
  );
}
