import type { Locale } from "../../../common/i18n/locales.js";
import type { Db } from "../../../db/client.js";
import { findConsultationById, listVisibleConsultations, updateConsultation } from "../../../db/queries/consultation.js";
import { refreshConsultationDoc } from "../../../db/queries/search.js";
import { listUsersByIds, type UserProfile } from "../../../db/queries/user.js";
import type { ConsultationRow, ModerationMode } from "../../../db/schema.js";
import { actorFor, type ConsultationView } from "../../auth/access.js";
import { can } from "../../auth/policy.js";
import { forbidden } from "../../errors.js";
import { nowIso } from "../../ids.js";
import { appendLedger, chainFor } from "../../ledger/append.js";
import { settingsChangeEvent } from "../../ledger/settings.js";

const CONSULTATION_LIST_PAGE_MAX = 100;

export interface ConsultationInput {
  title: string;
  summary: string;
  opensAt: string | null;
  closesAt: string | null;
  moderationMode: ModerationMode;
  premoderateFirstPosts?: boolean;
  showModeratorNames?: boolean;
  /** The language the draft is written in; English when not given. */
  contentLanguage?: Locale;
  /** Where its dates are read and shown; the content language's usual zone when not given. */
  timeZone?: string;
}

export async function listConsultations(
  db: Db,
  user: UserProfile | null,
  page: { limit: number; after?: { createdAt: string; id: string } },
): Promise<ConsultationRow[]> {
  return listVisibleConsultations(
    db.kysely,
    { userId: user?.id ?? null, isAdmin: user?.site_role === "admin" },
    { limit: Math.min(page.limit, CONSULTATION_LIST_PAGE_MAX), after: page.after },
  );
}

/** Why an account may not publish, and how it gets the right: shown on the pages and by the CLI. */
export const CONVENER_REQUIRED =
  "Creating consultations needs the convener role, which a site administrator grants (margin user add --email <your email> --role convener).";

/** Whether this account may create (or import) consultations: conveners and admins. */
export function mayCreateConsultations(user: UserProfile | null): boolean {
  return can(actorFor(user, null), "consultation.create", null);
}

/** Who publishes each consultation: the convener who created it (name and organisation), by consultation id. */
export async function publishersOf(db: Db, rows: Pick<ConsultationRow, "id" | "created_by">[]): Promise<Map<string, { name: string; organisation: string }>> {
  const people = new Map((await listUsersByIds(db.kysely, [...new Set(rows.map((r) => r.created_by))])).map((u) => [u.id, u]));
  const out = new Map<string, { name: string; organisation: string }>();
  for (const r of rows) {
    const p = people.get(r.created_by);
    out.set(r.id, p ? { name: p.display_name, organisation: p.organisation } : { name: "Former account", organisation: "" });
  }
  return out;
}

/** "Published by Name, Organisation": the line every consultation card and page shows. */
export function publishedBy(p: { name: string; organisation: string }): string {
  return `Published by ${p.name}${p.organisation ? `, ${p.organisation}` : ""}`;
}

/**
 * Saves the settings and records what changed in the ledger, in one
 * transaction: a deadline moved into the past closes commenting, and the
 * entry says so.
 */
export async function updateConsultationSettings(db: Db, view: ConsultationView, input: ConsultationInput): Promise<void> {
  if (!view.may("consultation.manage")) throw forbidden();
  const id = view.consultation.id;
  const at = nowIso();
  await db.kysely.transaction().execute(async (tx) => {
    // Locks the row on PostgreSQL first, so the "from" values are the ones this save replaces.
    await chainFor(tx, db.dialect, id);
    const before = await findConsultationById(tx, id);
    if (!before) throw new Error(`no consultation ${id}`);
    const patch = {
      title: input.title,
      summary: input.summary,
      opens_at: input.opensAt,
      closes_at: input.closesAt,
      moderation_mode: input.moderationMode,
      premoderate_first_posts: input.premoderateFirstPosts ? 1 : 0,
      show_moderator_names: input.showModeratorNames ? 1 : 0,
      // Not given (an older client): kept as they are.
      content_language: input.contentLanguage ?? before.content_language,
      time_zone: input.timeZone ?? before.time_zone,
      updated_at: at,
    };
    await updateConsultation(tx, id, patch);
    await refreshConsultationDoc(tx, id);
    const event = settingsChangeEvent(before, { ...before, ...patch }, at);
    if (event) await appendLedger(tx, db.dialect, event);
  });
}
