import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "../errors.js";

export interface Limiter {
  /** Counts one attempt for `key`; throws a rate_limited AppError once the budget is spent. */
  consume(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

export function createLimiter(points: number, windowSeconds: number, what: string): Limiter {
  const limiter = new RateLimiterMemory({ points, duration: windowSeconds });
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
      } catch (e) {
        if (e instanceof RateLimiterRes) {
          const retryAfterSeconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
          throw new AppError("rate_limited", `Too many ${what}. Please try again in ${formatWait(retryAfterSeconds)}.`, {
            retryAfterSeconds,
          });
        }
        throw e;
      }
    },
    async reset(key) {
      await limiter.delete(key);
    },
  };
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
