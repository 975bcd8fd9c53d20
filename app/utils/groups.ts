// Links and names of the team's topic groups (issue 18, ADR 031), shared by the grouping pages.
import type { Translator } from "../i18n/index.js";

/** The grouping view, or one group's page, keeping the section filter and the page. */
export function groupsPath(slug: string, opts: { groupId?: string; section?: string | null; page?: number } = {}): string {
  const q = new URLSearchParams();
  if (opts.section) q.set("section", opts.section);
  if (opts.page && opts.page > 1) q.set("page", String(opts.page));
  const base = opts.groupId ? `/c/${slug}/groups/${opts.groupId}` : `/c/${slug}/groups`;
  return q.size ? `${base}?${q}` : base;
}

/** Where the team writes one considered answer to a group (the group responses' page, ADR 032). */
export function groupRespondPath(slug: string, groupId: string): string {
  return `/c/${slug}/groups/${groupId}/respond`;
}

/** A campaign's page (ADR 030). */
export function campaignPath(slug: string, campaignId: string): string {
  return `/c/${slug}/campaigns/${campaignId}`;
}

/** A group's name: the team's, or its distinctive terms. */
export function groupName(t: Translator["t"], g: { label: string | null; terms: string[] }): string {
  if (g.label) return g.label;
  return g.terms.length ? t("groups.untitled", { terms: g.terms.slice(0, 3).join(" · ") }) : t("groups.untitled.none");
}
