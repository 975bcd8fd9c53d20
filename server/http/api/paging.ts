import { z } from "zod";
import { verbatim } from "../../domain/schemas.js";
import { AppError } from "../../errors.js";

const API_PAGE_DEFAULT = 20;
export const API_PAGE_MAX = 100;

/** `limit` as every list takes it. */
export function limitSchema(max = API_PAGE_MAX, fallback = API_PAGE_DEFAULT) {
  return z.coerce.number().int().min(1).max(max).default(fallback);
}

/**
 * The one paging rule of the API: the caller fetched up to `limit + 1` rows; the page is
 * the first `limit`, and there is a next page only when the extra row came back, in which
 * case its key is taken from the page's last row. On the wire every list takes `?limit&cursor`
 * and answers `{ items, nextCursor }` (ADR 038); what the cursor holds (an opaque keyset, a
 * sequence number, a ledger position) is the list's own business.
 */
export function pageOf<T, K>(rows: readonly T[], limit: number, keyOf: (last: T) => K): { items: T[]; next: K | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last !== undefined ? keyOf(last) : null };
}

const CursorSchema = z.object({ c: verbatim("cursor", 40), i: verbatim("cursor", 40) });

/** An opaque keyset cursor over (time, id), for lists ordered by creation. */
export function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(JSON.stringify({ c: createdAt, i: id })).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): { createdAt: string; id: string } | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed = CursorSchema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return { createdAt: parsed.c, id: parsed.i };
  } catch {
    throw new AppError("invalid_input", "The cursor is not one this API gave out.");
  }
}

/**
 * A cursor that is a number on the wire (a sequence number, a ledger position): still a
 * string to the client, like every cursor, so a client never needs to know which.
 */
export function numericCursor(min: number) {
  return z.coerce.number({ error: "The cursor is not one this API gave out." }).int("The cursor is not one this API gave out.").min(min, "The cursor is not one this API gave out.");
}

/**
 * `?limit&cursor` over a chain position (the ledger, its checkpoints), also taking the
 * older `after`, which clients written before the one paging style still send.
 */
export function positionPageQuerySchema(maxLimit: number, fallback = API_PAGE_DEFAULT) {
  return z.object({
    limit: limitSchema(maxLimit, fallback),
    cursor: numericCursor(0).optional(),
    after: numericCursor(0).optional().meta({ deprecated: true, description: "The same as `cursor`, from before the API had one paging style." }),
  });
}

/** The chain position a page starts after: the cursor, else the older `after`, else the start. */
export function positionAfter(q: { cursor?: number | undefined; after?: number | undefined }): number {
  return q.cursor ?? q.after ?? 0;
}

/** `?limit&cursor` for lists paged by an opaque cursor. */
export const CursorPageQuerySchema = z.object({
  limit: limitSchema(),
  cursor: z.string().max(200).optional(),
});
