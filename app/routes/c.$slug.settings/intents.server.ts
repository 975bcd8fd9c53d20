import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import type { UserProfile } from "../../../db/queries/user.js";
import {
  addSection,
  changePhase,
  moveSection,
  removeMember,
  removeSection,
  renameSection,
  respondNotedToUnanswered,
  schemas,
  setConfidentialRecipients,
  updateConsultationSettings,
  ConsultationRecipientsSchema,
  DraftingModeSchema,
  publishWorkingCopy,
  setDraftingMode,
} from "../../utils/services.server.js";
import { both, fields, firstValues, formError, intentsFor, type IntentHandler } from "../../utils/intents.server.js";
import { formFailure, redirectWithFlash } from "../../utils/request.server.js";
import type { loadManaged } from "./data.server.js";
import { isIrreversiblePhaseChange } from "../../../common/phase.js";
import { inviteToTeam, resendTeamInvitation, revokeTeamInvitation } from "../../../server/domain/invitations/index.js";
import { InvitationIdSchema, TeamInviteSchema } from "../../../server/domain/invitations/schemas.js";
import { invitationDeps } from "../../utils/invitations.server.js";

export interface SettingsActionContext {
  services: ActionFunctionArgs["context"]["margin"]["services"];
  view: Awaited<ReturnType<typeof loadManaged>>["view"];
  user: UserProfile;
  /** The settings page's path, where every intent returns. */
  here: string;
  /** Open editor connections re-check their access when the phase or the team changes. */
  accessChanged: () => void;
}

type Intent = IntentHandler<SettingsActionContext>;
const intent = intentsFor<SettingsActionContext>();

const SectionIdSchema = z.object({ sectionId: z.string() });
/** A phase change; `confirm` is the ticked box that the steps which cannot be undone require. */
const PhaseChangeSchema = z.object({ to: z.enum(["open", "closed", "final"]), confirm: z.union([z.literal("yes"), z.literal("")]) });
const sectionId = firstValues(SectionIdSchema, ["sectionId"]);

function move(direction: "up" | "down"): Intent {
  return intent(sectionId, async ({ services, view, here }, d) => {
    await moveSection(services.db, view, d.sectionId, direction);
    return redirectWithFlash(here, { id: "settings.flash.moved" });
  });
}

/** Every ticked body (checkboxes send one `bodies` value each; none ticked sends none). */
function recipientBodies(form: FormData) {
  const r = ConsultationRecipientsSchema.safeParse({ bodies: form.getAll("bodies").map(String) });
  return r.success ? { ok: true as const, data: r.data } : { ok: false as const, result: formError(r.error.issues[0]?.message ?? "Choose recipient bodies.") };
}

/** The settings page's forms, by their `intent`. */
export const SETTINGS_INTENTS: Record<string, Intent> = {
  recipients: intent(recipientBodies, async ({ services, view, here }, d) => {
    const done = await setConfidentialRecipients(services.db, view, d.bodies);
    if (done === "unchanged") return redirectWithFlash(here, { id: "settings.flash.readersUnchanged" });
    return redirectWithFlash(here, { id: d.bodies.length === 0 ? "settings.flash.readersTeam" : "settings.flash.readersSaved" });
  }),

  settings: intent(
    fields(schemas.ConsultationFieldsSchema, ["title", "summary", "opensAt", "closesAt", "moderationMode", "premoderateFirstPosts", "showModeratorNames", "contentLanguage", "timeZone", "datesTimeZone"]),
    async ({ services, view, here }, d) => {
      await updateConsultationSettings(services.db, view, d);
      return redirectWithFlash(here, { id: "settings.flash.saved" });
    },
  ),

  // Drafting live or in a working copy (ADR 026); setDraftingMode tells open editors to reconnect.
  "drafting-mode": intent(firstValues(DraftingModeSchema, ["mode"], "Choose how the team drafts."), async ({ services, view, here }, d) => {
    const done = await setDraftingMode({ db: services.db, bus: services.bus, collab: services.collab }, view, d.mode);
    return redirectWithFlash(here, { id: done === "changed" ? "working.settings.flash.saved" : "working.settings.flash.unchanged" });
  }),

  "publish-working": intent(firstValues(z.object({}), []), async ({ services, view, here }) => {
    const n = await publishWorkingCopy({ db: services.db, collab: services.collab }, view);
    return redirectWithFlash(here, { id: "working.bar.published", values: { n } });
  }),

  phase: intent(firstValues(PhaseChangeSchema, ["to", "confirm"], "Choose a phase."), async ({ services, view, here, accessChanged }, d) => {
    if (isIrreversiblePhaseChange(view.consultation.status, d.to) && d.confirm !== "yes") return formError({ id: d.to === "final" ? "reading.phase.confirmFinalMissing" : "reading.phase.confirmOpenMissing" });
    await changePhase({ db: services.db, collab: services.collab, checkpoints: services.checkpoints, mail: services.mail }, view, d.to);
    accessChanged();
    return redirectWithFlash(here, { id: "settings.flash.phase", values: { to: d.to } });
  }),

  "bulk-noted": intent(fields(schemas.BulkNotedSchema, ["reason"]), async ({ services, view, user, here }, d) => {
    const n = await respondNotedToUnanswered({ db: services.db, bus: services.bus, mail: services.mail }, view, user, d.reason);
    return redirectWithFlash(here, n === 0 ? { id: "settings.flash.allAnswered" } : { id: "settings.flash.noted", values: { n } });
  }),

  // The new section's title field is named apart from the rename fields', so its error shows in the right place.
  "add-section": intent(
    fields(schemas.SectionTitleSchema, ["title"], (f) => formFailure({ ...f, fieldErrors: { newSectionTitle: f.fieldErrors.title ?? [] } })),
    async ({ services, view, here }, d) => {
      await addSection(services.db, view, d.title);
      return redirectWithFlash(here, { id: "settings.flash.added", values: { title: d.title } });
    },
  ),

  // One rename form per section: the error goes above the page rather than beside one of many fields.
  "rename-section": intent(
    both(
      fields(schemas.SectionTitleSchema, ["title"], (f) => formError(f.fieldErrors.title?.join(" ") ?? "Give the section a title.")),
      sectionId,
    ),
    async ({ services, view, here }, d) => {
      await renameSection(services.db, view, d.sectionId, d.title);
      return redirectWithFlash(here, { id: "settings.flash.renamed" });
    },
  ),

  "move-up": move("up"),
  "move-down": move("down"),

  "delete-section": intent(sectionId, async ({ services, view, here }, d) => {
    await removeSection(services.db, view, d.sectionId);
    return redirectWithFlash(here, { id: "settings.flash.deleted" });
  }),

  // Always the same answer for an address off the team, account or not (issue 16): nobody learns which addresses have accounts.
  invite: intent(fields(TeamInviteSchema, ["email", "role", "locale"]), async ({ services, view, user, here, accessChanged }, d) => {
    const done = await inviteToTeam(invitationDeps(services), view, user, d);
    if (done.kind === "invited") return redirectWithFlash(here, { id: "invitations.flash.sent", values: { email: d.email } });
    if (done.kind === "unchanged") return redirectWithFlash(here, { id: "invitations.flash.unchanged", values: { name: done.name } });
    accessChanged();
    return redirectWithFlash(here, { id: "invitations.flash.changed", values: { name: done.name, role: d.role } });
  }),

  "revoke-invitation": intent(firstValues(InvitationIdSchema, ["invitationId"]), async ({ services, view, here }, d) => {
    await revokeTeamInvitation(services.db, view, d.invitationId);
    return redirectWithFlash(here, { id: "invitations.flash.revoked" });
  }),

  "resend-invitation": intent(firstValues(InvitationIdSchema, ["invitationId"]), async ({ services, view, user, here }, d) => {
    await resendTeamInvitation(invitationDeps(services), view, user, d.invitationId);
    return redirectWithFlash(here, { id: "invitations.flash.resent" });
  }),

  "remove-member": intent(firstValues(z.object({ userId: z.string() }), ["userId"]), async ({ services, view, here, accessChanged }, d) => {
    await removeMember(services.db, view, d.userId);
    accessChanged();
    return redirectWithFlash(here, { id: "settings.flash.removed" });
  }),
};
