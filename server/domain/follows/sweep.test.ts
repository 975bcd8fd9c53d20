import { afterEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../../db/client.js";
import { migrateToLatest } from "../../../db/migrator.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../../../tests/helpers/databases.js";
import { createLogger } from "../../logger.js";
import type { MailRequest, MailService } from "../../mail/index.js";
import { createNotifySweep } from "./sweep.js";

const HOUR = 3_600_000;

/** A mail service that keeps what it is asked to queue, as two nodes' services would write to one outbox. */
function recordingMail(queued: MailRequest[]): MailService {
  return {
    origin: () => "http://margin.test",
    link: (path) => `http://margin.test${path}`,
    queue: async (_tx, request) => {
      queued.push(request);
      return `mail-${queued.length}`;
    },
    queueAll: async (_tx, requests) => {
      queued.push(...requests);
      return requests.map((_, i) => `mail-${queued.length - requests.length + i + 1}`);
    },
    kick: () => undefined,
    describe: "recording",
    start: () => undefined,
    stop: async () => undefined,
  };
}

async function seed(db: Db, now: number) {
  const at = new Date(now - 10 * 24 * HOUR).toISOString();
  const users = ["follower1aaaaaaa", "follower2aaaaaaa", "strangeraaaaaaaa"];
  for (const id of users) {
    await db.kysely
      .insertInto("user")
      .values({ id, email: `${id}@example.org`, display_name: id, organisation: "", stakeholder_group: "other", password_hash: "x", site_role: "member", created_at: at, email_verified_at: at })
      .execute();
  }
  const consultation = (id: string, slug: string, closesAt: number) => ({
    id,
    slug,
    title: `Title of ${slug}`,
    summary: "",
    status: "open" as const,
    opens_at: null,
    closes_at: new Date(closesAt).toISOString(),
    moderation_mode: "post" as const,
    created_by: users[0]!,
    created_at: at,
    updated_at: at,
  });
  // One closed by time an hour ago, one closing in a day.
  await db.kysely.insertInto("consultation").values([consultation("closedbytimeaaaa", "closed-by-time", now - HOUR), consultation("closingsoonaaaaa", "closing-soon", now + 24 * HOUR)]).execute();
  for (const target of ["closedbytimeaaaa", "closingsoonaaaaa"]) {
    for (const user of users.slice(0, 2)) await db.kysely.insertInto("follow").values({ user_id: user, target_kind: "consultation", target_id: target, created_at: at }).execute();
  }
}

/**
 * Two nodes sweep the same database at the same moment, then again (as after a
 * restart): each event reaches each follower once, and nobody else.
 */
describe.each(databaseKinds())("the notification sweep on %s", (kind) => {
  let tdb: TestDatabase | null = null;
  const handles: Db[] = [];
  afterEach(async () => {
    for (const h of handles.splice(0)) await h.close();
    await tdb?.drop();
  });

  it("notifies each follower of each event once, across two nodes and a second pass", async () => {
    tdb = await createTestDatabase(kind);
    const a = createDb(tdb.url, { poolSize: 2 });
    // Several nodes share PostgreSQL only; on SQLite (one process) the two sweeps share its one connection.
    const b = kind === "postgres" ? createDb(tdb.url, { poolSize: 2 }) : a;
    handles.push(...new Set([a, b]));
    await migrateToLatest(a.kysely);
    const now = Date.now();
    await seed(a, now);
    const queued: MailRequest[] = [];
    const logger = createLogger("silent");
    const sweepOf = (db: Db) => createNotifySweep({ db, mail: recordingMail(queued), logger, intervalMs: 60_000, closingSoonMs: 72 * HOUR, requestNoticeMs: 72 * HOUR });
    const [na, nb] = await Promise.all([sweepOf(a).sweep(new Date(now)), sweepOf(b).sweep(new Date(now))]);
    // One closed by time; the other opened (open since its creation) and closing soon.
    expect(na + nb).toBe(3);
    expect(await sweepOf(b).sweep(new Date(now + 1000))).toBe(0);

    const rows = await a.kysely.selectFrom("notification").select(["user_id", "kind", "consultation_id"]).execute();
    const byKey = rows.map((r) => `${r.user_id} ${r.kind} ${r.consultation_id}`).sort();
    expect(byKey).toEqual(
      [
        "follower1aaaaaaa consultation_closed closedbytimeaaaa",
        "follower2aaaaaaa consultation_closed closedbytimeaaaa",
        "follower1aaaaaaa consultation_opened closingsoonaaaaa",
        "follower2aaaaaaa consultation_opened closingsoonaaaaa",
        "follower1aaaaaaa closing_soon closingsoonaaaaa",
        "follower2aaaaaaa closing_soon closingsoonaaaaa",
      ].sort(),
    );
    expect(queued).toHaveLength(6);
    expect(queued.map((q) => q.draft.subject).sort()).toContain("Closed for comments – Title of closed-by-time");
    expect(queued.filter((q) => q.to.startsWith("stranger"))).toEqual([]);
  });
});
