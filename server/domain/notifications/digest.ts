import type { Db } from "../../../db/client.js";
import { listDigestDue, takeDigestNotifications } from "../../../db/queries/notification-inbox.js";
import { findRecipients } from "../../../db/queries/notification.js";
import { translator } from "../../../common/i18n/intl.js";
import type { Logger } from "../../logger.js";
import { mailLocale, type MailService } from "../../mail/index.js";
import { storedParams } from "./inbox.js";
import { channelsOf, isNotificationKind } from "./kinds.js";
import { notificationTitle, unsubscribeLink } from "./notify.js";

/** People whose digests are taken per query. */
const DIGEST_BATCH = 50;
/** A run stops after this many batches (100,000 people) and the next run goes on: a bound on one run's time. */
const DIGEST_MAX_BATCHES_PER_RUN = 2000;

export interface DigestLimits {
  /** How often to look for digests that are due. */
  checkMs: number;
  /** A person's digest is due once their oldest waiting notification is this old. */
  afterMs: number;
}

export interface Digester {
  /** Sends every digest that is due now; never throws (a failure is logged). Resolves with how many were queued. */
  runOnce(): Promise<number>;
  start(): void;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * The daily digest: notifications whose owner chose a digest wait in the
 * `digest` mail state; once the oldest of a person's is `afterMs` old, one mail
 * lists them all (title and link each) and they become `digested`, in one
 * transaction. Any node may run it: the rows are taken by a conditional update,
 * so two nodes never send the same ones.
 */
export function createDigester(deps: { db: Db; mail: MailService; logger: Logger; limits: DigestLimits }): Digester {
  const { db, mail, logger, limits } = deps;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> = Promise.resolve(0);

  async function sendOne(userId: string): Promise<boolean> {
    return db.kysely.transaction().execute(async (tx) => {
      const taken = await takeDigestNotifications(tx, userId);
      const [user] = await findRecipients(tx, [userId]);
      if (taken.length === 0 || !user || user.deleted_at || !user.email_verified_at) return false;
      // Settings changed since they were kept (a kind's mails switched off, an unsubscribe): those are left out.
      const channels = channelsOf(user.notify_prefs);
      const items = taken.filter((n) => isNotificationKind(n.kind) && channels[n.kind].email).sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
      if (items.length === 0) return false;
      const locale = mailLocale(user.locale);
      const { t } = translator(locale);
      const lines = items.map((n) => {
        const { params, timeZone } = storedParams(n.params, locale);
        return `${notificationTitle(locale, n.kind as Parameters<typeof notificationTitle>[1], params, timeZone)}\n${mail.link(n.link)}`;
      });
      await mail.queue(tx, {
        kind: "notification.digest",
        to: user.email,
        userId: user.id,
        locale,
        draft: {
          subject: t("notifications.digest.subject", { count: items.length }),
          name: user.display_name,
          paragraphs: [t("notifications.digest.intro", { count: items.length }), ...lines],
          action: { label: t("notifications.digest.action"), url: mail.link("/notifications") },
        },
        unsubscribeUrl: await unsubscribeLink(tx, mail, user.id, "all"),
      });
      return true;
    });
  }

  async function runAll(): Promise<number> {
    const before = new Date(Date.now() - limits.afterMs).toISOString();
    let queued = 0;
    // Batch after batch until one comes back short, so every due digest goes out in this run however
    // many people chose one (each person's rows are taken as they are sent, so a batch never repeats).
    for (let batch = 0; batch < DIGEST_MAX_BATCHES_PER_RUN; batch++) {
      const due = await listDigestDue(db.kysely, before, DIGEST_BATCH);
      for (const userId of due) {
        if (await sendOne(userId)) queued++;
      }
      if (queued > 0) mail.kick();
      if (due.length < DIGEST_BATCH) break;
    }
    return queued;
  }

  const runOnce = () => {
    running = running.then(() =>
      runAll().catch((e: unknown) => {
        logger.error("could not send the notification digests", { error: e });
        return 0;
      }),
    );
    return running;
  };

  return {
    runOnce,
    start() {
      if (timer) return;
      timer = setInterval(() => void runOnce(), limits.checkMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
