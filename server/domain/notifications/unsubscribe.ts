import { z } from "zod";
import type { Db } from "../../../db/client.js";
import { findNotifySettings, updateNotifySettings } from "../../../db/queries/notification-inbox.js";
import { channelsOf, NOTIFICATION_KINDS, type NotificationKind } from "./kinds.js";
import { unsubscribeSignatureOk } from "./notify.js";

/** An unsubscribe link's query: the person, the kind (or "all") and the signature unsubscribeLink made. */
export const UnsubscribeSchema = z.object({
  u: z.string().regex(/^[a-z0-9]{1,64}$/),
  k: z.enum(["all", ...NOTIFICATION_KINDS]),
  s: z.string().regex(/^[0-9a-f]{32}$/),
});
export type UnsubscribeLinkQuery = z.infer<typeof UnsubscribeSchema>;

/** The link's query if it is well formed and signed by this person's key; else null (nothing may change). */
export async function checkUnsubscribe(db: Db, query: Record<string, string | null>): Promise<UnsubscribeLinkQuery | null> {
  const r = UnsubscribeSchema.safeParse(query);
  if (!r.success) return null;
  return (await unsubscribeSignatureOk(db.kysely, r.data.u, r.data.k, r.data.s)) ? r.data : null;
}

/**
 * Stops mails as a checked link asks: one kind's mails, or every notification
 * mail and the digest ("all"). What shows in the app is left as it was.
 */
export async function unsubscribe(db: Db, link: UnsubscribeLinkQuery): Promise<void> {
  await db.kysely.transaction().execute(async (tx) => {
    const row = await findNotifySettings(tx, link.u);
    if (!row) return;
    const channels = channelsOf(row.notify_prefs);
    const kinds: NotificationKind[] = link.k === "all" ? [...NOTIFICATION_KINDS] : [link.k];
    for (const k of kinds) channels[k] = { ...channels[k], email: false };
    await updateNotifySettings(tx, link.u, { notify_prefs: JSON.stringify(channels), ...(link.k === "all" ? { digest: "off" as const } : {}) });
  });
}
