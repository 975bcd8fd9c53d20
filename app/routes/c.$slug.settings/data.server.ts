import type { LoaderFunctionArgs } from "@remix-run/node";
import { presentUnanswered } from "../../../server/presenters/comment.js";
import { presentTeamMember } from "../../../server/presenters/person.js";
import { actualWindowsOf, allowedNextPhases, confidentialReaders, listSections, members, phaseOf, requireConsultationAction, unansweredComments, workingCopyStatus } from "../../utils/services.server.js";
import { orStatus, requireUser } from "../../utils/request.server.js";
import { listTeamInvitations } from "../../../server/domain/invitations/index.js";

/** The consultation the URL names, for someone who may manage it (else 403/404). */
export async function loadManaged({ request, params, context }: Pick<LoaderFunctionArgs, "request" | "params" | "context">) {
  const user = requireUser(request, context);
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultationAction(db, params.slug ?? "", user, "consultation.manage"));
  return { user, view };
}

/** The settings page: phase and what blocks finalising, sections, team, details. */
export async function settingsPage(args: LoaderFunctionArgs) {
  const { user, view } = await loadManaged(args);
  const { db } = args.context.margin.services;
  const c = view.consultation;
  const now = new Date();
  const [sections, team, invitations, unanswered, readers, actual, working] = await Promise.all([
    listSections(db, view),
    members(db, view),
    listTeamInvitations(db, view),
    // Before marking final, the team sees what still needs a response.
    c.status === "closed" && view.may("comment.respond") ? unansweredComments(db, view) : Promise.resolve([]),
    confidentialReaders(db, view),
    actualWindowsOf(db, [c], now),
    workingCopyStatus(db, view),
  ]);
  return {
    now: now.toISOString(),
    // The consultation's time zone for its dates, and the language its own words are in.
    zone: { timeZone: c.time_zone, contentLanguage: c.content_language },
    consultation: {
      slug: c.slug,
      title: c.title,
      summary: c.summary,
      status: c.status,
      phase: phaseOf(c, now),
      opensAt: c.opens_at,
      closesAt: c.closes_at,
      moderationMode: c.moderation_mode,
      premoderateFirstPosts: c.premoderate_first_posts === 1 ? "on" : "",
      showModeratorNames: c.show_moderator_names === 1 ? "on" : "",
      contentLanguage: c.content_language,
      timeZone: c.time_zone,
    },
    // When the window really closed (an early closing), for the sentence under the title.
    closedAt: actual.get(c.id)?.closedAt ?? null,
    nextPhases: allowedNextPhases(c.status),
    unanswered: unanswered.map(presentUnanswered),
    sections: sections.map((s) => ({ id: s.id, title: s.title })),
    team: team.map((m) => presentTeamMember(m, user.id)),
    // The invitations not yet answered: the owner's to revoke or send again.
    invitations,
    // How the team drafts, and how many sections wait to be published (ADR 026).
    drafting: { mode: c.drafting_mode, unpublishedSections: Object.keys(working?.unpublished ?? {}).length },
    readers: {
      named: readers.named,
      bodies: readers.bodies.map((b) => ({ slug: b.slug, name: b.name, description: b.description, members: b.members.map((m) => m.displayName) })),
    },
  };
}

/** What the page's parts are given (plain JSON, so the same after serialisation). */
export type SettingsData = Awaited<ReturnType<typeof settingsPage>>;
