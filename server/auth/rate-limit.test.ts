import { describe, expect, it } from "vitest";
import { isAppError } from "../errors.js";
import { createLimiter } from "./rate-limit.js";

describe("a limiter's state, for the RateLimit header fields", () => {
  it("has the whole quota before the first attempt, counts down, and says so when it refuses", async () => {
    const limiter = createLimiter(2, 60, "attempts");
    expect(await limiter.state("k")).toEqual({ limit: 2, windowSeconds: 60, remaining: 2, resetSeconds: 0 });
    await limiter.consume("k");
    const after = await limiter.state("k");
    expect(after).toMatchObject({ limit: 2, windowSeconds: 60, remaining: 1 });
    expect(after.resetSeconds).toBeGreaterThan(0);
    expect(after.resetSeconds).toBeLessThanOrEqual(60);
    await limiter.consume("k");
    const refused = await limiter.consume("k").then(
      () => null,
      (e: unknown) => e,
    );
    expect(isAppError(refused) && refused.code).toBe("rate_limited");
    expect(isAppError(refused) && refused.details?.rateLimit).toMatchObject({ limit: 2, remaining: 0 });
    // Reading the state spends nothing.
    expect((await limiter.state("other")).remaining).toBe(2);
    expect((await limiter.state("other")).remaining).toBe(2);
  });
});
