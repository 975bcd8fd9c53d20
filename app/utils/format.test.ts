import { describe, expect, it } from "vitest";
import { translator } from "../../common/i18n/intl.js";
import { ellipsize, windowSentence } from "./format.js";

const en = translator("en");
const ja = translator("ja");
const NOW = "2026-11-26T12:00:00.000Z";

describe("format", () => {
  it("states the time left in an open window, the deadline in the consultation's time zone", () => {
    const c = { phase: "open" as const, opensAt: null, closesAt: "2026-12-01T14:59:00.000Z", timeZone: "Asia/Tokyo" };
    expect(windowSentence(en, c, NOW)).toBe(`Open for comment. 5 days left: closes ${en.dateTime(c.closesAt, "Asia/Tokyo")}.`);
    expect(windowSentence(ja, c, NOW)).toBe("意見募集中です。締切は2026年12月1日(火) 23:59 JSTです（あと5日）。");
  });

  it("names the day the window really closed, when it closed before its planned end", () => {
    const s = windowSentence(en, { phase: "closed", opensAt: null, closesAt: "2027-01-05T00:00:00.000Z", closedAt: "2026-12-02T10:00:00.000Z" }, NOW);
    expect(s).toBe("Closed for comment on Wed, 2 December 2026 at 10:00 UTC. Responses are being prepared.");
  });

  it("reads dates in UTC when the consultation names no time zone", () => {
    const s = windowSentence(en, { phase: "closed", opensAt: null, closesAt: "2026-12-01T14:59:00.000Z" }, NOW);
    expect(s).toBe("Closed for comment on Tue, 1 December 2026 at 14:59 UTC. Responses are being prepared.");
  });

  it("says when an upcoming window opens, and words every phase in both languages", () => {
    const upcoming = { phase: "upcoming" as const, opensAt: "2026-11-29T15:00:00.000Z", closesAt: null, timeZone: "Asia/Tokyo" };
    expect(windowSentence(en, upcoming, NOW)).toMatch(/^Opens for comment in 3 days, on Mon, 30 November 2026 at 00:00 GMT\+9\.$/);
    expect(windowSentence(ja, upcoming, NOW)).toBe("3日後の2026年11月30日(月) 00:00 JSTに意見募集を開始します。");
    for (const phase of ["draft", "upcoming", "open", "closed", "final"] as const) {
      const undated = { phase, opensAt: null, closesAt: null };
      expect(windowSentence(en, undated, NOW)).toMatch(/^[A-Z].*\.$/);
      expect(windowSentence(ja, undated, NOW)).toMatch(/。$/);
      expect(windowSentence(ja, undated, NOW)).not.toMatch(/[A-Za-z]{3}/);
    }
    expect(windowSentence(en, { phase: "draft", opensAt: null, closesAt: null }, NOW)).toBe("Not yet published: only the consultation team can see it.");
  });

  it("shortens text between characters, never inside an emoji", () => {
    expect(ellipsize("short", 10)).toBe("short");
    const cut = ellipsize(`${"a".repeat(8)}😀😀`, 10);
    expect(cut).toBe(`${"a".repeat(8)}…`);
    expect(cut).not.toMatch(/[\uD800-\uDFFF]/);
    expect(ellipsize("e\u0301e\u0301e\u0301e\u0301", 4)).toBe("e\u0301…");
  });
});
