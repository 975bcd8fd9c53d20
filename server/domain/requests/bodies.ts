import type { Db } from "../../../db/client.js";
import { findUserByEmail } from "../../../db/queries/user.js";
import { deleteBodyMember, findRecipientBodyBySlug, insertBodyMember, insertRecipientBody, listBodyMembers, listRecipientBodyRows } from "../../../db/queries/request.js";
import type { RecipientBodyRow } from "../../../db/schema.js";
import type { Actor } from "../../auth/policy.js";
import { canOnRequest } from "../../auth/request-policy.js";
import { AppError, notFound } from "../../errors.js";
import { newId, nowIso } from "../../ids.js";
import { appendToChain } from "../../ledger/append.js";
import { PUBLIC_CHAIN } from "../../ledger/chain.js";
import { recipientBodyCreatedEvent, recipientBodyMemberEvent } from "./ledger.js";
import type { RecipientBodyWithMembers } from "./load.js";

/**
 * Recipient bodies: the named groups of accounts that read restricted answers (and,
 * when a consultation names them, its confidential submissions). Conveners and site
 * admins keep them; their membership is public and every change is recorded, so a
 * respondent can always see who reads, and who did when they answered.
 */
function requireKeeper(actor: Actor): string {
  if (!canOnRequest(actor, "request.create", null) || actor.kind !== "user") throw notFound();
  return actor.userId;
}

async function requireBody(db: Db, slug: string): Promise<RecipientBodyRow> {
  const body = await findRecipientBodyBySlug(db.kysely, slug);
  if (!body) {
    const message = `No recipient body has the address “${slug}”.`;
    throw new AppError("not_found", message, { fieldErrors: { slug: [message] } });
  }
  return body;
}

export async function createRecipientBody(db: Db, actor: Actor, input: { name: string; slug: string; description: string }): Promise<RecipientBodyRow> {
  const by = requireKeeper(actor);
  const row: RecipientBodyRow = { id: newId(), slug: input.slug, name: input.name, description: input.description, created_by: by, created_at: nowIso() };
  await db.kysely.transaction().execute(async (tx) => {
    if (await findRecipientBodyBySlug(tx, row.slug)) {
      const message = `The address “${row.slug}” is taken by another recipient body. Choose another.`;
      throw new AppError("conflict", message, { fieldErrors: { slug: [message] } });
    }
    await insertRecipientBody(tx, row);
    await appendToChain(tx, db.dialect, PUBLIC_CHAIN, recipientBodyCreatedEvent(row));
  });
  return row;
}

export async function addRecipientBodyMember(db: Db, actor: Actor, slug: string, email: string): Promise<"added" | "unchanged"> {
  requireKeeper(actor);
  const body = await requireBody(db, slug);
  return db.kysely.transaction().execute(async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user) {
      const message = "No account uses that email. Ask them to sign up first, then add them.";
      throw new AppError("not_found", message, { fieldErrors: { email: [message] } });
    }
    const present = await tx.selectFrom("recipient_body_member").select("user_id").where("body_id", "=", body.id).where("user_id", "=", user.id).executeTakeFirst();
    if (present) return "unchanged";
    const at = nowIso();
    await insertBodyMember(tx, { body_id: body.id, user_id: user.id, added_at: at });
    await appendToChain(tx, db.dialect, PUBLIC_CHAIN, recipientBodyMemberEvent(body, { userId: user.id, displayName: user.display_name }, true, at));
    return "added";
  });
}

export async function removeRecipientBodyMember(db: Db, actor: Actor, slug: string, userId: string): Promise<void> {
  requireKeeper(actor);
  const body = await requireBody(db, slug);
  await db.kysely.transaction().execute(async (tx) => {
    const user = await tx.selectFrom("user").select(["id", "display_name"]).where("id", "=", userId).executeTakeFirst();
    if (!user || (await deleteBodyMember(tx, body.id, userId)) === 0) throw notFound("That member");
    await appendToChain(tx, db.dialect, PUBLIC_CHAIN, recipientBodyMemberEvent(body, { userId, displayName: user.display_name }, false, nowIso()));
  });
}

/** Every body with its members: public (respondents must be able to see who reads). */
export async function listRecipientBodies(db: Db): Promise<RecipientBodyWithMembers[]> {
  const [bodies, members] = await Promise.all([listRecipientBodyRows(db.kysely), listBodyMembers(db.kysely)]);
  return bodies.map((b) => ({
    id: b.id,
    slug: b.slug,
    name: b.name,
    description: b.description,
    members: members.filter((m) => m.body_id === b.id).map((m) => ({ userId: m.user_id, displayName: m.display_name })),
  }));
}
