import type { Db } from "../../db/client.js";
import type { UserProfile } from "../../db/queries/user.js";
import type { SessionManager } from "../auth/sessions.js";
import { requireSectionById } from "../auth/access.js";
import { isAppError } from "../errors.js";
import { CLOSE } from "./limits.js";
import type { Conn } from "./state.js";

export type Access = "none" | "read" | "write";

/**
 * What `user` may do with the section's live document, or with its working
 * copy (`working`), decided by the consultation's policy and drafting mode
 * (ADR 026): while a consultation drafts in a working copy, the public
 * document is read-only for everyone (the team publishes into it), and the
 * working copy is the team's editors' alone; drafting live, there is no
 * working copy.
 */
export async function decideAccess(db: Db, sectionId: string, user: UserProfile | null, working = false): Promise<{ access: Access; consultationId: string | null }> {
  try {
    const { view, section } = await requireSectionById(db, sectionId, user);
    const edits = view.may("section.edit");
    const workingMode = view.consultation.drafting_mode === "working";
    const access: Access = working ? (edits && workingMode ? "write" : "none") : edits && !workingMode ? "write" : "read";
    return { access, consultationId: access === "none" ? null : section.consultation_id };
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") return { access: "none", consultationId: null };
    throw e;
  }
}

export interface Closing {
  code: number;
  reason: string;
}

/**
 * What to do with an open connection once its session and access are looked
 * at again: null to keep it, else how to close it. A connection whose rights
 * changed either way is closed so that a new one gets the new rights.
 */
export function verdictOf(c: Pick<Conn, "token" | "writable">, sessionValid: boolean, access: Access): Closing | null {
  if (c.token && !sessionValid) return { code: CLOSE.unauthenticated, reason: "session ended" };
  if (access === "none") return { code: CLOSE.forbidden, reason: "access withdrawn" };
  if ((access === "write") !== c.writable) return { code: CLOSE.accessChanged, reason: "access changed; reconnect" };
  return null;
}

/** Looks at the connection's session and access again (after a change to the consultation, and now and then). */
export async function recheckAccess(deps: { db: Db; sessions: SessionManager }, c: Pick<Conn, "token" | "writable" | "sectionId" | "working">): Promise<Closing | null> {
  const auth = c.token ? await deps.sessions.validate(c.token) : null;
  // A session that ended is reported without asking the policy.
  if (c.token && !auth) return verdictOf(c, false, "none");
  const { access } = await decideAccess(deps.db, c.sectionId, auth?.user ?? null, c.working);
  return verdictOf(c, true, access);
}
