import { z } from "zod";
import { WitnessSignatureSchema } from "../../domain/schemas.js";
import { AppError, notFound } from "../../errors.js";
import { addWitnessSignature, latestPublicCheckpoint, publicCheckpoints } from "../../ledger/checkpoints.js";
import { CheckpointPageSchema, CheckpointWireSchema } from "../../presenters/wire.js";
import type { Services } from "../context.js";
import { API_PAGE_MAX, pageOf, positionAfter, positionPageQuerySchema } from "./paging.js";
import { Created, defineRoute, type ApiRoute } from "./registry.js";

const SeqParamSchema = z.object({ seq: z.coerce.number({ error: "The checkpoint is named by its entry number." }).int().min(1, "The checkpoint is named by its entry number.") });

/** Signed checkpoints of the public chain, and the co-signatures witnesses send. */
export function checkpointRoutes(services: Services): ApiRoute[] {
  const { db } = services;
  const checkpointAt = async (seq: number) => {
    const [found] = await publicCheckpoints(db, seq - 1, 1);
    if (!found || found.seq !== seq) throw notFound(`A checkpoint of public entry #${seq}`);
    return found;
  };
  return [
    defineRoute({
      method: "get",
      path: "/ledger/checkpoints",
      tag: "ledger",
      summary: "Signed checkpoints of the public chain, oldest first",
      description: "The cursor is the entry number of the last checkpoint seen; `nextAfter` is kept for clients that page with `after`.",
      access: "public",
      query: positionPageQuerySchema(API_PAGE_MAX),
      responses: [{ status: 200, schema: CheckpointPageSchema, description: "A page of checkpoints, the latest one and the signing key's id." }],
      async run({ query: q }) {
        const page = pageOf(await publicCheckpoints(db, positionAfter(q), q.limit + 1), q.limit, (last) => last.seq);
        return {
          items: page.items,
          nextCursor: page.next === null ? null : String(page.next),
          nextAfter: page.next,
          latest: await latestPublicCheckpoint(db),
          keyId: services.ledgerKey.info.keyId,
        };
      },
    }),
    defineRoute({
      method: "get",
      path: "/ledger/checkpoints/latest",
      tag: "ledger",
      summary: "The newest signed checkpoint",
      access: "public",
      responses: [{ status: 200, schema: CheckpointWireSchema, description: "The checkpoint with its witnesses' co-signatures." }],
      async run() {
        const latest = await latestPublicCheckpoint(db);
        if (!latest) throw new AppError("not_found", "No checkpoint has been signed yet: the public ledger is empty.");
        return latest;
      },
    }),
    defineRoute({
      method: "get",
      path: "/ledger/checkpoints/:seq",
      tag: "ledger",
      summary: "The signed checkpoint of one entry of the public chain",
      access: "public",
      params: SeqParamSchema,
      responses: [{ status: 200, schema: CheckpointWireSchema, description: "The checkpoint with its witnesses' co-signatures." }],
      async run({ params }) {
        return checkpointAt(params.seq);
      },
    }),
    defineRoute({
      method: "post",
      path: "/ledger/checkpoints/:seq/witnesses",
      tag: "ledger",
      summary: "A witness's co-signature of a checkpoint",
      description: "Anonymous: the signature is its own proof. The new co-signature is listed in the checkpoint named by `Location`.",
      access: "open",
      params: SeqParamSchema,
      body: WitnessSignatureSchema,
      rateLimit: { policy: "witnesses", limiter: (s) => s.limiters.witnessesPerIp, key: (req) => req.ip ?? req.socket.remoteAddress ?? "unknown" },
      responses: [{ status: 201, schema: z.object({ keyId: z.string(), publicKey: z.string(), name: z.string(), signature: z.string(), at: z.string() }), description: "The stored co-signature." }],
      async run({ req, params, body }) {
        await services.limiters.witnessesPerIp.consume(req.ip ?? req.socket.remoteAddress ?? "unknown");
        return new Created(await addWitnessSignature(db, services.ledgerKey, params.seq, body), `/api/v1/ledger/checkpoints/${params.seq}`);
      },
    }),
  ];
}
