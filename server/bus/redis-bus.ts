import { Redis } from "ioredis";
import type { Logger } from "../logger.js";
import { localFanOut, type Bus, type BusEvent } from "./bus.js";

/** The channel every node publishes to and listens on. */
export const BUS_CHANNEL = "margin:bus";

/**
 * The bus across nodes: Redis pub/sub. Events reach this process's
 * subscribers at once and the other nodes through Redis; a node ignores its
 * own messages coming back. Pub/sub delivers at most once, so nothing relies
 * on it for durability: documents carry log positions and read gaps from the
 * database, and when the connection to Redis comes back after a loss, a local
 * "bus.resync" tells everyone to catch up.
 */
/** Redis's address without any password, for messages. */
export function describeRedis(url: string): string {
  const u = new URL(url);
  u.password = "";
  u.username = "";
  return u.toString();
}

/** Connects, or fails with a clear message once `timeoutMs` has passed (a node must not hang at start). */
export async function connectOrFail(clients: Redis[], url: string, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Promise.all(clients.map((c) => c.connect())),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (e) {
    for (const c of clients) c.disconnect();
    const why = e instanceof Error ? e.message : String(e);
    throw new Error(`could not reach Redis at ${describeRedis(url)} (${why}); check REDIS_URL and that Redis is running`);
  } finally {
    clearTimeout(timer);
  }
}

export async function createRedisBus(url: string, logger: Logger, connectTimeoutMs: number): Promise<Bus> {
  const origin = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  const local = localFanOut((e) => logger.error("bus subscriber failed", { error: e }));
  const options = { maxRetriesPerRequest: null, enableOfflineQueue: false, retryStrategy: (times: number) => Math.min(times * 200, 2000) } as const;
  const pub = new Redis(url, { ...options, lazyConnect: true });
  const sub = new Redis(url, { ...options, lazyConnect: true });
  for (const [name, client] of [["publisher", pub], ["subscriber", sub]] as const) {
    client.on("error", (e: Error) => logger.warn(`redis ${name}: ${e.message}`));
  }
  await connectOrFail([pub, sub], url, connectTimeoutMs);
  await sub.subscribe(BUS_CHANNEL);
  let lost = false;
  sub.on("close", () => (lost = true));
  sub.on("ready", () => {
    // ioredis subscribes again by itself on reconnect; what went by meanwhile is gone.
    if (!lost) return;
    lost = false;
    logger.info("redis bus is back; catching up from the database");
    local.deliver({ type: "bus.resync" });
  });
  sub.on("message", (_channel: string, message: string) => {
    let parsed: { origin: string; event: BusEvent };
    try {
      parsed = JSON.parse(message);
    } catch {
      logger.warn("ignored a malformed bus message");
      return;
    }
    if (parsed.origin !== origin) local.deliver(parsed.event);
  });
  return {
    shared: true,
    publish(event) {
      local.deliver(event);
      if (event.type === "bus.resync") return;
      pub.publish(BUS_CHANNEL, JSON.stringify({ origin, event })).catch((e: Error) => logger.warn("could not publish to redis", { type: event.type, error: e.message }));
    },
    subscribe: local.subscribe,
    async close() {
      sub.disconnect();
      pub.disconnect();
    },
  };
}
