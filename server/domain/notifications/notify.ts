import { createHmac, timingSafeEqual } from "node:crypto";
import type { Executor } from "../../../db/client.js";
import { findMailKey, findRecipients, insertNotificationsOnce, setMailKey } from "../../../db/queries/notification.js";
import type { NotificationMailState } from "../../../db/schema.js";
import { translator, type MessageId } from "../../../common/i18n/intl.js";
import type { Locale } from "../../../common/i18n/locales.js";
import { newId, newSecret, nowIso } from "../../ids.js";
import { mailLocale, type MailService } from "../../mail/index.js";
import { channelsOf, type NotificationKind } from "./kinds.js";

/** A value a notification's message needs: a title, an enum code, a number; times as ISO strings (keys ending in `At`), null for "none". */
export type NotificationParams = Record<string, string | number | null>;

/** One event, for the people it concerns. */
export interface NotificationEvent {
  kind: NotificationKind;
  userIds: string[];
  /** The event's identity ("reply:<commentId>"): with the person, it makes the notification unique. */
  dedupeKey: string;
  consultationId: string | null;
  params: NotificationParams;
  /** The site path the notification leads to. */
  link: string;
  /** The time zone the `…At` params are written in (the consultation's or request's). */
  timeZone?: string;
  /** The content's language: the mail's language for people who chose none. */
  contentLanguage?: string | null;
  /** Someone never notified of an event: the person who caused it. */
  actorId?: string | null;
}

/** Params holding a name as shown to others, which may be one of the shown-author phrases. */
const SHOWN_NAMES = new Set(["replier"]);

/** The params as the messages take them: times written out in the reader's language and the content's time zone. */
export function messageValues(locale: Locale, params: NotificationParams, timeZone = "UTC"): Record<string, string | number> {
  const tr = translator(locale);
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) {
    if (v === null) out[k] = "none";
    else if (k.endsWith("At") && typeof v === "string") out[k] = tr.dateTime(v, timeZone);
    // A person shown without their name ("Anonymous", "An organisation") is named in the reader's language.
    else if (SHOWN_NAMES.has(k) && typeof v === "string") out[k] = tr.msg(v);
    else out[k] = v;
  }
  return out;
}

/** A notification's one-line title in a language (the bell's list and the notifications page). */
export function notificationTitle(locale: Locale, kind: NotificationKind, params: NotificationParams, timeZone?: string): string {
  return translator(locale).t(`notify.${kind}.title` as MessageId, messageValues(locale, params, timeZone));
}

function signature(key: string, userId: string, kind: string): string {
  return createHmac("sha256", key).update(`${userId}.${kind}`).digest("hex").slice(0, 32);
}

/** The one-click unsubscribe link for a person and a kind ("all" for every mail); makes the person's key on first use. */
export async function unsubscribeLink(tx: Executor, mail: MailService, userId: string, kind: NotificationKind | "all"): Promise<string> {
  const keys = await ensureMailKeys(tx, [{ id: userId, mail_key: await findMailKey(tx, userId) }]);
  return signedUnsubscribeUrl(mail, userId, kind, keys.get(userId)!);
}

/** The link itself, signed with the person's key. */
function signedUnsubscribeUrl(mail: MailService, userId: string, kind: NotificationKind | "all", key: string): string {
  const q = new URLSearchParams({ u: userId, k: kind, s: signature(key, userId, kind) });
  return mail.link(`/unsubscribe?${q}`);
}

/** Whether an unsubscribe link's signature is this person's for this kind (constant time). */
export async function unsubscribeSignatureOk(db: Executor, userId: string, kind: string, sig: string): Promise<boolean> {
  const key = await findMailKey(db, userId);
  if (!key) return false;
  const want = Buffer.from(signature(key, userId, kind));
  const got = Buffer.from(sig);
  return want.length === got.length && timingSafeEqual(want, got);
}

/** People looked up, and notifications inserted, per statement: under both databases' limits on bound values. */
const NOTIFY_CHUNK = 200;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += NOTIFY_CHUNK) out.push(items.slice(i, i + NOTIFY_CHUNK));
  return out;
}

/**
 * Notifies the people an event concerns, in the caller's transaction: one
 * notification each (never twice for the same event), and by mail as each
 * chose: a single mail queued now, or kept for the daily digest. Mails go
 * only to verified addresses; deleted accounts and the event's own actor are
 * skipped. The caller kicks `mail` after committing.
 *
 * An event may concern thousands (a version of a much-followed consultation),
 * and the transaction holds the write lock meanwhile, so the work is done in
 * bulk: people read and notifications inserted a chunk per statement (each
 * row's mail state decided before it is written), unsubscribe keys made only
 * for those who lack one, and the mails queued in multi-row inserts.
 */
export async function notify(tx: Executor, mail: MailService, event: NotificationEvent, now = new Date()): Promise<number> {
  return notifyMany(tx, mail, [event], now);
}

/**
 * Several events at once (a group's answer tells each member's author of their own
 * comment's answer): the same rows and mails as `notify` for each, with people read,
 * notifications inserted and mails queued a chunk of (event, person) pairs per statement.
 */
export async function notifyMany(tx: Executor, mail: MailService, events: NotificationEvent[], now = new Date()): Promise<number> {
  const at = nowIso(now);
  const pairs = events.flatMap((event) => {
    const params = JSON.stringify({ ...event.params, ...(event.timeZone ? { timeZone: event.timeZone } : {}) });
    return [...new Set(event.userIds)].filter((id) => id !== event.actorId).map((userId) => ({ event, params, userId }));
  });
  let made = 0;
  for (const some of chunks(pairs)) {
    const people = new Map((await findRecipients(tx, [...new Set(some.map((p) => p.userId))])).filter((u) => !u.deleted_at).map((u) => [u.id, u]));
    const planned = some.flatMap(({ event, params, userId }) => {
      const user = people.get(userId);
      if (!user) return [];
      const channels = channelsOf(user.notify_prefs)[event.kind];
      if (!channels.app && !channels.email) return [];
      const state: NotificationMailState = !channels.email || !user.email_verified_at ? "none" : user.digest === "daily" ? "digest" : "queued";
      const row = {
        id: newId(),
        user_id: user.id,
        kind: event.kind,
        dedupe_key: event.dedupeKey,
        consultation_id: event.consultationId,
        params,
        link: event.link,
        created_at: at,
        // Switched off in the app: kept only so the mail (or digest) has its source, and shown as read.
        read_at: channels.app ? null : at,
        mail_state: state,
      };
      return [{ event, user, state, row }];
    });
    // Only the rows this call inserted come back: people already told of this event are skipped.
    const inserted = new Set(await insertNotificationsOnce(tx, planned.map((p) => p.row)));
    made += inserted.size;
    const mailTo = planned.filter((p) => inserted.has(p.row.id) && p.state === "queued");
    if (mailTo.length === 0) continue;
    const keys = await ensureMailKeys(tx, [...new Map(mailTo.map((p) => [p.user.id, p.user])).values()]);
    await mail.queueAll(
      tx,
      mailTo.map(({ event, user }) => {
        const locale = mailLocale(user.locale, event.contentLanguage);
        const { t } = translator(locale);
        const values = messageValues(locale, event.params, event.timeZone);
        return {
          kind: `notification.${event.kind}`,
          to: user.email,
          userId: user.id,
          locale,
          draft: {
            subject: t(`notify.${event.kind}.subject` as MessageId, values),
            name: user.display_name,
            paragraphs: [t(`notify.${event.kind}.body` as MessageId, values)],
            action: { label: t(`notify.${event.kind}.action` as MessageId, values), url: mail.link(event.link) },
          },
          unsubscribeUrl: signedUnsubscribeUrl(mail, user.id, event.kind, keys.get(user.id)!),
        };
      }),
    );
  }
  return made;
}

/** Each person's unsubscribe key, made (once in their life) for those who have none yet. */
async function ensureMailKeys(tx: Executor, people: { id: string; mail_key: string | null }[]): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  for (const p of people) {
    if (p.mail_key) keys.set(p.id, p.mail_key);
    else {
      await setMailKey(tx, p.id, newSecret());
      keys.set(p.id, (await findMailKey(tx, p.id))!);
    }
  }
  return keys;
}
