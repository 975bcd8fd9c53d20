import type { Db, Executor } from "../../../db/client.js";
import {
  listDraftRequestRows,
  listIssuedRequestRows,
  listLinkableSections,
  listOrganisationChoices,
  listRequestEntries,
  type LinkableSection,
} from "../../../db/queries/request.js";
import type { InfoRequestRow } from "../../../db/schema.js";
import type { Actor } from "../../auth/policy.js";
import { canOnRequest } from "../../auth/request-policy.js";

/**
 * The lists around requests: the public one (issued only), a convener's own drafts,
 * and what a convener may pick from when defining one. Nothing here reveals a draft
 * to anyone but whoever may manage it.
 */

export function listIssuedRequests(db: Db, opts: { limit: number; after?: { createdAt: string; id: string } }): Promise<InfoRequestRow[]> {
  return listIssuedRequestRows(db.kysely, opts);
}

/** The drafts this actor may edit: their own, or every draft for a site admin; none for anyone else. */
export async function listOwnDrafts(db: Db, actor: Actor): Promise<InfoRequestRow[]> {
  if (actor.kind !== "user" || !canOnRequest(actor, "request.create", null)) return [];
  return listDraftRequestRows(db.kysely, actor.siteRole === "admin" ? null : actor.userId);
}

/** What a convener chooses from: organisations to invite and the public sections a request may inform. */
export async function definitionChoices(db: Db) {
  const [organisations, sections] = await Promise.all([listOrganisationChoices(db.kysely), listLinkableSections(db.kysely)]);
  return { organisations, sections };
}

/** The sections a request informs, as far as the public may see them (never a draft consultation's). */
export function linkedSections(db: Executor, sectionIds: readonly string[]): Promise<LinkableSection[]> {
  return listLinkableSections(db, sectionIds);
}

/** One line of a request's public history, read back from its ledger entries. */
export interface RequestHistoryItem {
  seq: number;
  at: string;
  action: "issued" | "changed";
  deadline?: { from: string; to: string };
  invited?: { added: { slug: string; name: string }[]; removed: { slug: string; name: string }[] };
  reason?: string;
}

/**
 * Issuing and each change, from the record itself rather than from the row, so the page
 * shows what anyone can check with `margin verify`. Submissions and declines are
 * the respondents' side and are not listed here.
 */
export async function requestHistory(db: Executor, requestId: string): Promise<RequestHistoryItem[]> {
  const entries = await listRequestEntries(db, requestId);
  const out: RequestHistoryItem[] = [];
  for (const e of entries) {
    const p = JSON.parse(e.payload) as Record<string, unknown>;
    if (p.action === "issued") out.push({ seq: e.seq, at: e.created_at, action: "issued" });
    else if (p.action === "changed") {
      out.push({
        seq: e.seq,
        at: e.created_at,
        action: "changed",
        ...(p.deadline ? { deadline: p.deadline as RequestHistoryItem["deadline"] } : {}),
        ...(p.invited ? { invited: p.invited as RequestHistoryItem["invited"] } : {}),
        reason: String(p.reason ?? ""),
      });
    }
  }
  return out;
}
