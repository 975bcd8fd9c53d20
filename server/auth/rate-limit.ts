import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError, type LimiterState } from "../errors.js";

export type { LimiterState };

export interface Limiter {
  /** Counts one attempt for `key`; throws a rate_limited AppError once the budget is spent. */
  consume(key: string): Promise<void>;
  reset(key: string): Promise<void>;
  /** Where `key` stands now (for the RateLimit header fields); a key not counted in this window has its whole quota. */
  state(key: string): Promise<LimiterState>;
}

/**
 * With `shared`, counters live in Redis so every node counts against the same
 * budget; should Redis be unreachable, a per-process counter takes over rather
 * than locking everyone out.
 */
export function createLimiter(points: number, windowSeconds: number, what: string, shared?: { client: Redis; name: string } | null): Limiter {
  const memory = new RateLimiterMemory({ points, duration: windowSeconds });
  const limiter: RateLimiterAbstract = shared
    ? new RateLimiterRedis({ storeClient: shared.client, keyPrefix: `margin:rl:${shared.name}`, points, duration: windowSeconds, insuranceLimiter: memory })
    : memory;
  const stateOf = (r: RateLimiterRes): LimiterState => ({
    limit: points,
    windowSeconds,
    remaining: Math.max(0, r.remainingPoints),
    resetSeconds: Math.max(0, Math.ceil(r.msBeforeNext / 1000)),
  });
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
      } catch (e) {
        if (e instanceof RateLimiterRes) {
          const retryAfterSeconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
          throw new AppError("rate_limited", `Too many ${what}. Please try again in ${formatWait(retryAfterSeconds)}.`, {
            retryAfterSeconds,
            rateLimit: stateOf(e),
          });
        }
        throw e;
      }
    },
    async reset(key) {
      await limiter.delete(key);
    },
    async state(key) {
      const r = await limiter.get(key);
      return r ? stateOf(r) : { limit: points, windowSeconds, remaining: points, resetSeconds: 0 };
    },
  };
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
