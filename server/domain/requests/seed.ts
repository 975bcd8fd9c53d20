import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE } from "../../../common/i18n/locales.js";
import type { Db } from "../../../db/client.js";
import { findRequestBySlug, insertRequest } from "../../../db/queries/request.js";
import type { InfoRequestRow } from "../../../db/schema.js";
import { newId } from "../../ids.js";
import { appendToChain } from "../../ledger/append.js";
import { PUBLIC_CHAIN } from "../../ledger/chain.js";
import type { RequestDefinition } from "../request-schemas.js";
import { writeDefinition } from "./define.js";
import { requestIssuedEvent } from "./ledger.js";
import { loadRequestDetail } from "./load.js";

/**
 * For the demo (and tests) only: a request inserted already issued, at a given time,
 * with its "issued" ledger entry in the same transaction. issueRequest refuses a past
 * deadline, rightly; but a demo of published results needs a request whose deadline
 * has passed, and its record must still verify. Idempotent by slug.
 */
export async function seedIssuedRequest(db: Db, createdBy: string, slug: string, def: RequestDefinition, issuedAt: string): Promise<InfoRequestRow> {
  return db.kysely.transaction().execute(async (tx) => {
    const existing = await findRequestBySlug(tx, slug);
    if (existing) return existing;
    const row: InfoRequestRow = {
      id: newId(),
      slug,
      title: def.title,
      purpose: def.purpose,
      legal_basis: def.legalBasis,
      status: "issued",
      deadline: def.deadline,
      retention_days: def.retentionDays,
      k_threshold: def.k,
      open_to_kinds: JSON.stringify(def.openToKinds),
      content_language: def.contentLanguage ?? DEFAULT_LOCALE,
      time_zone: def.timeZone ?? DEFAULT_TIME_ZONE[def.contentLanguage ?? DEFAULT_LOCALE],
      created_by: createdBy,
      created_at: issuedAt,
      updated_at: issuedAt,
      issued_at: issuedAt,
      results_published_at: null,
    };
    await insertRequest(tx, row);
    await writeDefinition(tx, row.id, def, issuedAt);
    const detail = await loadRequestDetail(tx, row);
    await appendToChain(tx, db.dialect, PUBLIC_CHAIN, requestIssuedEvent(detail, issuedAt));
    return row;
  });
}
