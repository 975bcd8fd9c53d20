import type { Db } from "../../../db/client.js";
import { hasSweepMark, listAddressedOrganisations, listRequestsDueBetween, listTimedOpenConsultations } from "../../../db/queries/follow.js";
import type { Logger } from "../../logger.js";
import type { MailService } from "../../mail/index.js";
import { phaseAt } from "../../../common/phase.js";
import { consultationEventKey, notifyConsultationEvent, notifyRequestDeadline, openingOf, requestDeadlineKey, type ConsultationEventKind } from "./events.js";

/**
 * The events no write announces: a consultation's window opening or closing as
 * its times pass, its closing drawing near, a request's deadline drawing near.
 * Every node sweeps on a timer; each event is marked in the transaction that
 * notifies, so it is handled once whichever node finds it first, and a restart
 * neither repeats nor loses one.
 */
export interface NotifySweepDeps {
  db: Db;
  mail: MailService;
  logger: Logger;
  intervalMs: number;
  /** How long before a consultation closes its followers are reminded. */
  closingSoonMs: number;
  /** How long before a request's deadline its addressed organisations are reminded. */
  requestNoticeMs: number;
}

export interface NotifySweep {
  start(): void;
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
  /** One pass; the number of events handled. */
  sweep(now?: Date): Promise<number>;
}

export function createNotifySweep(deps: NotifySweepDeps): NotifySweep {
  const { db, mail } = deps;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;

  async function fireConsultation(c: Parameters<typeof notifyConsultationEvent>[2], kind: ConsultationEventKind, epoch: string, now: Date): Promise<number> {
    if (await hasSweepMark(db.kysely, consultationEventKey(kind, c.id, epoch))) return 0;
    const done = await db.kysely.transaction().execute((tx) => notifyConsultationEvent(tx, mail, c, kind, epoch, now));
    return done ? 1 : 0;
  }

  async function sweepConsultations(now: Date): Promise<number> {
    let n = 0;
    for (const c of await listTimedOpenConsultations(db.kysely)) {
      const phase = phaseAt({ status: c.status, opensAt: c.opens_at, closesAt: c.closes_at }, now);
      if (phase === "upcoming") continue;
      const opening = await openingOf(db.kysely, c);
      // The window of this opening: from the later of the status change and the opening time.
      const windowStart = Math.max(Date.parse(opening.at), c.opens_at ? Date.parse(c.opens_at) : 0);
      const closes = c.closes_at ? Date.parse(c.closes_at) : null;
      if (phase === "open") {
        n += await fireConsultation(c, "consultation_opened", opening.epoch, now);
        if (closes !== null && closes - now.getTime() <= deps.closingSoonMs) {
          n += await fireConsultation(c, "closing_soon", opening.epoch, now);
        }
      } else if (phase === "closed" && closes !== null) {
        // Told it opened, or open for a while since this opening: it closes. Reopened with a closing time already past: it never opened.
        const told = await hasSweepMark(db.kysely, consultationEventKey("consultation_opened", c.id, opening.epoch));
        if (told || windowStart < closes) n += await fireConsultation(c, "consultation_closed", opening.epoch, now);
      }
    }
    return n;
  }

  async function sweepRequests(now: Date): Promise<number> {
    let n = 0;
    const due = await listRequestsDueBetween(db.kysely, now.toISOString(), new Date(now.getTime() + deps.requestNoticeMs).toISOString());
    for (const r of due) {
      for (const org of await listAddressedOrganisations(db.kysely, r.id)) {
        if (org.response_status === "submitted" || org.response_status === "declined") continue;
        if (await hasSweepMark(db.kysely, requestDeadlineKey(r.id, org.id, r.deadline))) continue;
        if (await db.kysely.transaction().execute((tx) => notifyRequestDeadline(tx, mail, r, org, now))) n++;
      }
    }
    return n;
  }

  async function sweep(now: Date = new Date()): Promise<number> {
    const n = (await sweepConsultations(now)) + (await sweepRequests(now));
    if (n > 0) mail.kick();
    return n;
  }

  function tick() {
    if (running) return;
    running = sweep()
      .catch((e: unknown) => {
        deps.logger.error("notification sweep failed", { error: e });
        return 0;
      })
      .finally(() => {
        running = null;
      });
  }

  return {
    start() {
      if (timer) return;
      tick();
      timer = setInterval(tick, deps.intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
    sweep,
  };
}
