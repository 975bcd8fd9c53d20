import type { Db } from "../../db/client.js";
import { countMailByStatus, dropMail, listTroubledMail, requeueMail } from "../../db/queries/mail.js";
import { can, type Actor } from "../auth/policy.js";
import { AppError, notFound } from "../errors.js";
import { nowIso } from "../ids.js";

/** Troubled mails the admin page lists. */
const TROUBLED_SHOWN = 100;

/** The queue as a site admin sees it: counts by state, and the mails that need a decision (never their bodies). */
export async function mailQueueView(db: Db, actor: Actor) {
  if (!can(actor, "site.admin", null)) throw notFound();
  return { counts: await countMailByStatus(db.kysely), troubled: await listTroubledMail(db.kysely, TROUBLED_SHOWN) };
}

/** A site admin's decision on a dead or uncertain mail: send again, or give up. */
export async function decideMail(db: Db, actor: Actor, id: string, decision: "retry" | "drop"): Promise<void> {
  if (!can(actor, "site.admin", null)) throw notFound();
  const done = decision === "retry" ? await requeueMail(db.kysely, id, nowIso()) : await dropMail(db.kysely, id);
  if (!done) throw new AppError("conflict", "That mail was already handled.");
}
