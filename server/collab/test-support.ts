// Shared by the collaboration server's unit tests (*.test.ts next to this file);
// not used by the running server.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { WebSocket } from "ws";
import type * as Y from "yjs";
import { createDb, type Db } from "../../db/client.js";
import { migrateToLatest } from "../../db/migrator.js";
import { findUserById, type UserProfile } from "../../db/queries/user.js";
import type { Bus, BusEvent } from "../bus/bus.js";
import { createLogger } from "../logger.js";
import { newConn, type Admitted } from "./connection.js";
import { markdownToJson } from "./content.js";
import { DEFAULT_COLLAB_LIMITS, type CollabLimits } from "./limits.js";
import { GroupCommitter } from "./group-commit.js";
import { loadSectionState, writeInitialContent } from "./persistence.js";
import type { CollabDeps } from "./service.js";

export const SECTION = "sectionaaaaaaaaa";
export const CONSULTATION = "consultationaaaa";

export interface TestDb {
  db: Db;
  user: UserProfile;
  drop(): Promise<void>;
}

/** A fresh SQLite file with one user, one consultation and one section holding `text`. */
export async function createTestDb(text = "Hello world"): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), "margin-collab-unit-"));
  const db = createDb(`file:${join(dir, "t.sqlite")}`);
  await migrateToLatest(db.kysely);
  const at = new Date().toISOString();
  const row = { id: "useraaaaaaaaaaaa", email: "u@example.org", display_name: "Una", organisation: "", stakeholder_group: "other", password_hash: "x", site_role: "member", created_at: at } as const;
  await db.kysely.insertInto("user").values(row).execute();
  await db.kysely
    .insertInto("consultation")
    .values({ id: CONSULTATION, slug: "c-c", title: "C", summary: "", status: "draft", opens_at: null, closes_at: null, moderation_mode: "post", created_by: row.id, created_at: at, updated_at: at })
    .execute();
  await db.kysely.insertInto("section").values({ id: SECTION, consultation_id: CONSULTATION, position: 1, title: "S", created_at: at, updated_at: at }).execute();
  await writeInitialContent(db.kysely, db.dialect, SECTION, row.id, markdownToJson(text), at);
  const user = await findUserById(db.kysely, row.id);
  if (!user) throw new Error("the test user was not stored");
  return {
    db,
    user,
    drop: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Appends `words` typed at the end of the section's first paragraph to its log, one update each, as the server would. */
export async function typeInto(t: TestDb, ...words: string[]): Promise<void> {
  const { doc } = await loadSectionState(t.db, SECTION);
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const text = (doc.getXmlFragment("default").get(0) as Y.XmlElement).get(0) as Y.XmlText;
  for (const w of words) text.insert(text.length, w);
  const committer = new GroupCommitter(t.db, 0, 500);
  await Promise.all(updates.map((data) => committer.append({ section_id: SECTION, user_id: t.user.id, created_at: new Date().toISOString(), data })));
  doc.destroy();
}

/** A bus that records what is published; `shared` as if it crossed processes. */
export function recordingBus(shared = true): Bus & { published: BusEvent[] } {
  const published: BusEvent[] = [];
  return { shared, published, publish: (e) => void published.push(e), subscribe: () => () => undefined, close: async () => undefined };
}

export const silentLogger = createLogger("silent");

export function testDeps(db: Db, bus: Bus, limits: Partial<CollabLimits> = {}): CollabDeps {
  return { db, bus, sessions: {} as CollabDeps["sessions"], limits: { ...DEFAULT_COLLAB_LIMITS, ...limits }, logger: silentLogger, siteOrigin: () => "http://x", clientIp: () => "127.0.0.1" };
}

/** A socket that keeps what it is sent. */
export function fakeSocket() {
  const sent: Uint8Array[] = [];
  const closes: { code: number; reason: string }[] = [];
  const handlers = new Map<string, ((...args: unknown[]) => void)[]>();
  const ws = {
    OPEN: 1,
    CONNECTING: 0,
    readyState: 1,
    bufferedAmount: 0,
    send: (m: Uint8Array) => void sent.push(m),
    close: (code: number, reason: string) => {
      closes.push({ code, reason });
      ws.readyState = 3;
    },
    terminate: () => undefined,
    ping: () => undefined,
    on: (event: string, handler: (...args: unknown[]) => void) => {
      handlers.set(event, [...(handlers.get(event) ?? []), handler]);
      return ws;
    },
  };
  /** Plays an event from the peer ("message", "pong", "close"). */
  const emit = (event: string, ...args: unknown[]) => {
    for (const h of handlers.get(event) ?? []) h(...args);
  };
  return { ws: ws as unknown as WebSocket, sent, closes, emit };
}

/** A connection record on a fake socket, not attached to anything. */
export function fakeConn(who: Partial<Admitted> & Pick<Admitted, "access" | "user">, limits: Partial<CollabLimits> = {}) {
  const socket = fakeSocket();
  const conn = newConn(socket.ws, { sectionId: SECTION, consultationId: CONSULTATION, sessionId: null, token: null, working: false, ...who }, { ...DEFAULT_COLLAB_LIMITS, ...limits });
  return { conn, ...socket };
}
