import { describe, expect, it } from "vitest";
import { RECONNECT_MAX_MS, reconnectDelay } from "./reconnect.js";

describe("reconnectDelay", () => {
  it("grows exponentially up to a ceiling", () => {
    expect(reconnectDelay(0, () => 1)).toBe(200);
    expect(reconnectDelay(3, () => 1)).toBe(1600);
    expect(reconnectDelay(30, () => 1)).toBe(RECONNECT_MAX_MS);
  });

  it("spreads clients over the upper half of the window", () => {
    expect(reconnectDelay(3, () => 0)).toBe(800);
    const delays = new Set(Array.from({ length: 50 }, () => reconnectDelay(5)));
    expect(delays.size).toBeGreaterThan(10);
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(3200);
      expect(d).toBeLessThanOrEqual(6400);
    }
  });
});
