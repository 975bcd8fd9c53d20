import { describe, expect, it } from "vitest";
import { actualWindow, isCommentWindowOpen, isIrreversiblePhaseChange, phaseAt } from "./phase.js";

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

describe("the window as it really was (issue 17)", () => {
  const opened = { to: "open", at: "2026-06-01T09:00:00.000Z" };

  it("opened at the phase change when no start date was set, and is still open", () => {
    expect(actualWindow({ status: "open", opensAt: null, closesAt: "2026-07-01T00:00:00.000Z" }, [opened], now)).toEqual({ openedAt: opened.at, closedAt: null });
  });

  it("opened at the planned start when that came after the phase change", () => {
    expect(actualWindow({ status: "open", opensAt: "2026-06-10T00:00:00.000Z", closesAt: null }, [opened], now).openedAt).toBe("2026-06-10T00:00:00.000Z");
    // Not yet: the planned start is still ahead.
    expect(actualWindow({ status: "open", opensAt: "2026-06-20T00:00:00.000Z", closesAt: null }, [opened], now)).toEqual({ openedAt: null, closedAt: null });
  });

  it("closed at the early closing, not at the planned end", () => {
    const early = { to: "closed", at: "2026-06-12T08:00:00.000Z" };
    expect(actualWindow({ status: "closed", opensAt: null, closesAt: "2027-01-05T00:00:00.000Z" }, [opened, early], now)).toEqual({ openedAt: opened.at, closedAt: early.at });
    // Final keeps the closing.
    expect(actualWindow({ status: "final", opensAt: null, closesAt: "2027-01-05T00:00:00.000Z" }, [opened, early, { to: "final", at: "2026-06-14T00:00:00.000Z" }], now).closedAt).toBe(early.at);
  });

  it("closed at the planned end when the window ran out before anyone closed it", () => {
    const late = { to: "closed", at: "2026-06-14T00:00:00.000Z" };
    expect(actualWindow({ status: "open", opensAt: null, closesAt: "2026-06-13T00:00:00.000Z" }, [opened], now).closedAt).toBe("2026-06-13T00:00:00.000Z");
    expect(actualWindow({ status: "closed", opensAt: null, closesAt: "2026-06-13T00:00:00.000Z" }, [opened, late], now).closedAt).toBe("2026-06-13T00:00:00.000Z");
  });

  it("counts from the last reopening", () => {
    const changes = [opened, { to: "closed", at: "2026-06-05T00:00:00.000Z" }, { to: "open", at: "2026-06-08T00:00:00.000Z" }];
    expect(actualWindow({ status: "open", opensAt: null, closesAt: null }, changes, now)).toEqual({ openedAt: "2026-06-08T00:00:00.000Z", closedAt: null });
  });

  it("says nothing of a draft", () => {
    expect(actualWindow({ status: "draft", opensAt: "2026-06-01T00:00:00.000Z", closesAt: null }, [], now)).toEqual({ openedAt: null, closedAt: null });
  });
});

describe("phase changes that cannot be undone", () => {
  it("are making a draft public and making a consultation final", () => {
    expect(isIrreversiblePhaseChange("draft", "open")).toBe(true);
    expect(isIrreversiblePhaseChange("closed", "final")).toBe(true);
    expect(isIrreversiblePhaseChange("open", "closed")).toBe(false);
    expect(isIrreversiblePhaseChange("closed", "open")).toBe(false);
  });
});
