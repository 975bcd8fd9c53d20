import type { Db } from "../../db/client.js";
import { findConsultationById } from "../../db/queries/consultation.js";
import { findFrozenReport, listFrozenReports } from "../../db/queries/frozen-report.js";
import { listAccountIds, listMembershipSalts, listTeam } from "../../db/queries/team-record.js";
import { FROZEN_REPORT_HEADER } from "../domain/dispositions/frozen.js";
import type { ServedRecord, ServedSettings } from "./served.js";

/**
 * The readers of consultation settings, teams and frozen reports (issue 13), from
 * the database (the rows the pages are built from) and from a running server (its
 * API and the report's JSON download; a server does not publish its teams).
 */

export function settingsAndReportsFromDatabase(db: Db): Pick<ServedRecord, "consultationSettings" | "frozenReport" | "frozenReports" | "team"> {
  return {
    async team(consultationId) {
      const [members, salts] = await Promise.all([listTeam(db.kysely, consultationId), listMembershipSalts(db.kysely, consultationId)]);
      return { members, salts, accounts: () => listAccountIds(db.kysely) };
    },
    async consultationSettings({ consultationId }) {
      const c = await findConsultationById(db.kysely, consultationId);
      if (!c) return null;
      const recorded = { premoderateFirstPosts: c.premoderate_first_posts === 1, showModeratorNames: c.show_moderator_names === 1 };
      return { status: c.status, title: c.title, summary: c.summary, opensAt: c.opens_at, closesAt: c.closes_at, moderationMode: c.moderation_mode, contentLanguage: c.content_language, timeZone: c.time_zone, draftingMode: c.drafting_mode, ...recorded };
    },
    async frozenReport({ consultationId, versionId }) {
      return (await findFrozenReport(db.kysely, consultationId, versionId))?.body ?? null;
    },
    async frozenReports() {
      return (await listFrozenReports(db.kysely)).map((r) => ({ consultationId: r.consultation_id, versionId: r.version_id }));
    },
  };
}

/** `failure` makes the error the verifier reports for a server that cannot be read (the source's own kind). */
export function settingsAndReportsFromHttp(root: string, fetchImpl: typeof fetch, failure: (message: string) => Error): Pick<ServedRecord, "consultationSettings" | "frozenReport"> {
  const read = async (path: string): Promise<Response | null> => {
    let res: Response;
    try {
      res = await fetchImpl(`${root}${path}`, { headers: { accept: "application/json" } });
    } catch (e) {
      throw failure(`could not reach ${root}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (res.status === 404) return null;
    if (!res.ok) throw failure(`${root}${path} answered ${res.status}`);
    return res;
  };
  return {
    async consultationSettings({ slug }) {
      const res = await read(`/api/v1/consultations/${encodeURIComponent(slug)}`);
      if (!res) return null;
      const c = (await res.json()) as ServedSettings;
      return { status: c.status, title: c.title, summary: c.summary, opensAt: c.opensAt, closesAt: c.closesAt, moderationMode: c.moderationMode, contentLanguage: c.contentLanguage, timeZone: c.timeZone, draftingMode: c.draftingMode };
    },
    async frozenReport({ slug, versionNumber }) {
      const res = await read(`/c/${encodeURIComponent(slug)}/v/${versionNumber}/report.json`);
      if (!res) return null;
      const body = await res.text();
      return res.headers.has(FROZEN_REPORT_HEADER) ? body : null;
    },
  };
}
