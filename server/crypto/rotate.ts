import { sql, type Kysely } from "kysely";
import { readKeyringFile, withNewKey, writeKeyringFile, type KeyringFile } from "./keyring.js";
import { SEALED_PREFIX, rewrap, type MasterKeyring } from "./sealed.js";
import type { SealedColumn } from "./registry.js";

/** Rows re-wrapped per transaction: small enough not to hold writers back long. */
export const REWRAP_BATCH = 200;

export interface RotationResult {
  newKeyId: string;
  resumed: boolean;
  rewrapped: number;
  retired: string[];
}

function ringOf(file: KeyringFile): MasterKeyring {
  return { current: file.current, keys: new Map(file.keys.map((k) => [k.id, Buffer.from(k.key, "base64")])) };
}

/**
 * Re-wraps every value in `column` not yet under the ring's current key, a batch per
 * transaction. Each update names the old value, so a value changed meanwhile is
 * simply picked up by the next batch. Returns how many values were re-wrapped.
 */
async function rewrapColumn(db: Kysely<any>, ring: MasterKeyring, column: SealedColumn): Promise<number> {
  const current = `${SEALED_PREFIX}${ring.current}:`;
  let total = 0;
  for (;;) {
    const rows = (await db
      .selectFrom(column.table)
      .select([sql.ref(column.idColumn).as("id"), sql.ref(column.column).as("value")])
      .where(sql.ref(column.column), "like", `${SEALED_PREFIX}%`)
      .where(sql.ref(column.column), "not like", `${current}%`)
      .orderBy(sql.ref(column.idColumn))
      .limit(REWRAP_BATCH)
      .execute()) as { id: string; value: string }[];
    if (rows.length === 0) return total;
    await db.transaction().execute(async (tx) => {
      for (const row of rows) {
        await tx
          .updateTable(column.table)
          .set({ [column.column]: rewrap(ring, row.value) })
          .where(sql.ref(column.idColumn), "=", row.id)
          .where(sql.ref(column.column), "=", row.value)
          .execute();
      }
    });
    total += rows.length;
  }
}

/**
 * `margin keys rotate`: a new current master key, every sealed value's data key
 * re-wrapped under it, then the older keys marked retired (kept, so backups still open).
 * A keyring holding an unretired older key is a rotation that stopped half-way:
 * running again finishes it instead of starting another.
 */
export async function rotateDataKey(db: Kysely<any>, path: string, columns: readonly SealedColumn[], now = new Date()): Promise<RotationResult> {
  let file = readKeyringFile(path);
  const resumed = file.keys.some((k) => k.id !== file.current && k.retired === null);
  if (!resumed) {
    file = withNewKey(file, now);
    // The new key is on disk before any value uses it.
    writeKeyringFile(path, file);
  }
  const ring = ringOf(file);
  let rewrapped = 0;
  for (const column of columns) rewrapped += await rewrapColumn(db, ring, column);
  const retired = file.keys.filter((k) => k.id !== file.current && k.retired === null).map((k) => k.id);
  writeKeyringFile(path, { ...file, keys: file.keys.map((k) => (retired.includes(k.id) ? { ...k, retired: now.toISOString() } : k)) });
  return { newKeyId: file.current, resumed, rewrapped, retired };
}
