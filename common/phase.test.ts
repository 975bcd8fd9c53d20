import { describe, expect, it } from "vitest";
import { isCommentWindowOpen, phaseAt } from "./phase.js";

const now = new Date("2026-06-15T12:00:00Z");

describe("the comment window", () => {
  it("is open only while an open consultation is between its opening and closing times", () => {
    expect(phaseAt({ status: "open", opensAt: null, closesAt: null }, now)).toBe("open");
    expect(phaseAt({ status: "open", opensAt: "2026-06-16T00:00:00Z", closesAt: null }, now)).toBe("upcoming");
    expect(phaseAt({ status: "open", opensAt: null, closesAt: "2026-06-15T12:00:00Z" }, now)).toBe("closed");
    expect(phaseAt({ status: "open", opensAt: "2026-06-15T12:00:00Z", closesAt: "2026-06-15T12:00:01Z" }, now)).toBe("open");
    for (const status of ["draft", "closed", "final"] as const) expect(phaseAt({ status, opensAt: null, closesAt: null }, now)).toBe(status);
  });

  it("isCommentWindowOpen is phaseAt's open", () => {
    expect(isCommentWindowOpen({ status: "open", opensAt: null, closesAt: "2026-06-16T00:00:00Z" }, now)).toBe(true);
    expect(isCommentWindowOpen({ status: "open", opensAt: "2026-06-16T00:00:00Z", closesAt: null }, now)).toBe(false);
    expect(isCommentWindowOpen({ status: "closed", opensAt: null, closesAt: null }, now)).toBe(false);
  });
});
