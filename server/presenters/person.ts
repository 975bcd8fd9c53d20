import type { z } from "zod";
import type { UserProfile } from "../../db/queries/user.js";
import type { PersonWireSchema } from "./wire.js";

/** A change set's author as anyone may see them: name and stakeholder group, or a placeholder once the account is gone. */
export type PersonWire = z.infer<typeof PersonWireSchema>;

const FORMER_ACCOUNT = "Former account";

export function presentPerson(id: string, profile: Pick<UserProfile, "display_name" | "stakeholder_group"> | undefined): PersonWire {
  return { id, name: profile?.display_name ?? FORMER_ACCOUNT, group: profile?.stakeholder_group ?? null };
}

/** A member of a consultation's team as its settings page lists them; `self` marks the viewer. */
export function presentTeamMember<Role extends string>(
  m: { user_id: string; display_name: string; email: string; organisation: string; role: Role },
  viewerId: string,
) {
  return { userId: m.user_id, name: m.display_name, email: m.email, organisation: m.organisation, role: m.role, self: m.user_id === viewerId };
}

/** The signed-in person's own account, as their account page shows it (`groupLabel` turns the group into words). */
export function presentOwnAccount(user: Pick<UserProfile, "email" | "display_name" | "organisation" | "stakeholder_group" | "site_role">, groupLabel: (group: string) => string) {
  return {
    email: user.email,
    displayName: user.display_name,
    organisation: user.organisation,
    group: groupLabel(user.stakeholder_group),
    siteRole: user.site_role,
  };
}
