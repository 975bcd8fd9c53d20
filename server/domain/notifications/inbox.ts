import { z } from "zod";
import type { Db } from "../../../db/client.js";
import { countUnreadNotifications, findNotifySettings, listOwnNotifications, markAllNotificationsRead, markNotificationRead, updateNotifySettings } from "../../../db/queries/notification-inbox.js";
import type { UserProfile } from "../../../db/queries/user.js";
import { DIGEST_MODES, type DigestMode } from "../../../db/schema.js";
import type { Locale } from "../../../common/i18n/locales.js";
import { phraseIn } from "../../../common/i18n/phrases.js";
import { notFound } from "../../errors.js";
import { nowIso } from "../../ids.js";
import { channelsOf, isNotificationKind, NOTIFICATION_KINDS, type Channels, type NotificationKind } from "./kinds.js";
import { notificationTitle, type NotificationParams } from "./notify.js";

/** The notifications page shows this many, newest first. */
export const NOTIFICATIONS_PAGE = 100;

/** A notification as its owner's page shows it: its title already in their language. */
export interface OwnNotification {
  id: string;
  kind: NotificationKind;
  title: string;
  link: string;
  createdAt: string;
  read: boolean;
}

/** The names shown for an author who chose not to be named (shownAuthor): English phrases, worded in the reader's language. */
const STAND_IN_NAMES = new Set(["Anonymous", "An organisation"]);

/** Stored params, read for a reader: the message's values (a stand-in name in their language), with the time zone its times are written in. */
export function storedParams(json: string, locale: Locale): { params: NotificationParams; timeZone: string | undefined } {
  const { timeZone, ...params } = JSON.parse(json) as NotificationParams & { timeZone?: string };
  if (typeof params.replier === "string" && STAND_IN_NAMES.has(params.replier)) params.replier = phraseIn(locale, params.replier);
  return { params, timeZone: typeof timeZone === "string" ? timeZone : undefined };
}

/** The signed-in person's own notifications, newest first, titled in `locale`. */
export async function ownNotifications(db: Db, user: UserProfile, locale: Locale): Promise<OwnNotification[]> {
  const rows = await listOwnNotifications(db.kysely, user.id, NOTIFICATIONS_PAGE);
  return rows.flatMap((r) => {
    if (!isNotificationKind(r.kind)) return [];
    const { params, timeZone } = storedParams(r.params, locale);
    return [{ id: r.id, kind: r.kind, title: notificationTitle(locale, r.kind, params, timeZone), link: r.link, createdAt: r.created_at, read: r.read_at !== null }];
  });
}

export async function unreadCount(db: Db, user: UserProfile): Promise<number> {
  return countUnreadNotifications(db.kysely, user.id);
}

/** Marks one of the person's notifications read and returns where it leads; another person's is not found. */
export async function openNotification(db: Db, user: UserProfile, id: string): Promise<string> {
  const link = await markNotificationRead(db.kysely, user.id, id, nowIso());
  if (!link) throw notFound("That notification");
  return link;
}

export async function markAllRead(db: Db, user: UserProfile): Promise<number> {
  return markAllNotificationsRead(db.kysely, user.id, nowIso());
}

export interface NotifySettings {
  channels: Record<NotificationKind, Channels>;
  digest: DigestMode;
}

export async function notifySettings(db: Db, user: UserProfile): Promise<NotifySettings> {
  const row = await findNotifySettings(db.kysely, user.id);
  return { channels: channelsOf(row?.notify_prefs), digest: row?.digest === "daily" ? "daily" : "off" };
}

/** The settings form: a checkbox per kind and channel ("<kind>.app", "<kind>.email"; absent is off) and the digest choice. */
export const NotifySettingsSchema = z
  .object({
    digest: z.enum(DIGEST_MODES),
    ...Object.fromEntries(NOTIFICATION_KINDS.flatMap((k) => [[`${k}.app`, z.literal("on").optional()], [`${k}.email`, z.literal("on").optional()]])),
  })
  .strict();

/** The settings as the form sent them (validated by NotifySettingsSchema). */
export function settingsFromForm(data: Record<string, string | undefined>): NotifySettings {
  const channels = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, { app: data[`${k}.app`] === "on", email: data[`${k}.email`] === "on" }])) as Record<NotificationKind, Channels>;
  return { channels, digest: data.digest === "daily" ? "daily" : "off" };
}

export async function saveNotifySettings(db: Db, user: UserProfile, settings: NotifySettings): Promise<void> {
  await updateNotifySettings(db.kysely, user.id, { notify_prefs: JSON.stringify(settings.channels), digest: settings.digest });
}
