import { describe, expect, it } from "vitest";
import { ellipsize, formatDateTime, formatDuration, windowSentence } from "./format.js";

describe("format", () => {
  it("formats durations in the coarsest sensible unit", () => {
    expect(formatDuration(3 * 86_400_000 + 5)).toBe("3 days");
    expect(formatDuration(30 * 3_600_000)).toBe("30 hours");
    expect(formatDuration(60_000)).toBe("1 minute");
    expect(formatDuration(-5)).toBe("0 minutes");
  });

  it("states the time left in an open window", () => {
    const s = windowSentence("open", null, "2026-12-01T12:00:00.000Z", "2026-11-26T12:00:00.000Z");
    expect(s).toContain("5 days left");
    expect(s).toContain(formatDateTime("2026-12-01T12:00:00.000Z"));
  });

  it("shortens text between characters, never inside an emoji", () => {
    expect(ellipsize("short", 10)).toBe("short");
    const cut = ellipsize(`${"a".repeat(8)}😀😀`, 10);
    expect(cut).toBe(`${"a".repeat(8)}…`);
    expect(cut).not.toMatch(/[\uD800-\uDFFF]/);
    expect(ellipsize("e\u0301e\u0301e\u0301e\u0301", 4)).toBe("e\u0301…");
  });
});
