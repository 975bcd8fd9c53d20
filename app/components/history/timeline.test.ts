import { describe, expect, it } from "vitest";
import { CHART_MAX_DAYS, everyDay } from "./timeline.js";

describe("the comments-per-day chart's days", () => {
  it("fills the quiet days between busy ones with zeros, so each bar stands at its date", () => {
    expect(everyDay([{ day: "2026-12-01", n: 3 }, { day: "2026-12-04", n: 1 }])).toEqual([
      { day: "2026-12-01", n: 3 },
      { day: "2026-12-02", n: 0 },
      { day: "2026-12-03", n: 0 },
      { day: "2026-12-04", n: 1 },
    ]);
    expect(everyDay([])).toEqual([]);
  });

  it("shows at most CHART_MAX_DAYS, the newest", () => {
    const days = everyDay([{ day: "2025-01-01", n: 1 }, { day: "2026-12-31", n: 2 }]);
    expect(days).toHaveLength(CHART_MAX_DAYS);
    expect(days.at(-1)).toEqual({ day: "2026-12-31", n: 2 });
  });
});
