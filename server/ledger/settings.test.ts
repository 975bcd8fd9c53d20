import { describe, expect, it } from "vitest";
import type { ConsultationRow } from "../../db/schema.js";
import { saltedDigest, sha256Hex } from "./chain.js";
import { membershipEvent, settingsChangeEvent, settingsSnapshotEvent } from "./settings.js";

const AT = "2026-12-06T10:00:00.000Z";

const row: ConsultationRow = {
  id: "c1",
  slug: "energy",
  title: "Energy plan",
  summary: "What we propose.",
  status: "open",
  opens_at: "2026-12-01T00:00:00.000Z",
  closes_at: "2026-12-31T00:00:00.000Z",
  moderation_mode: "post",
  premoderate_first_posts: 0,
  show_moderator_names: 0,
  content_language: "en",
  time_zone: "UTC",
  drafting_mode: "live",
  created_by: "u1",
  created_at: AT,
  updated_at: AT,
};

describe("settings entries", () => {
  it("records the full settings at opening, the summary by its SHA-256", () => {
    expect(settingsSnapshotEvent(row, "opened", AT).payload).toEqual({
      slug: "energy",
      reason: "opened",
      settings: {
        title: "Energy plan",
        summarySha256: sha256Hex("What we propose."),
        opensAt: row.opens_at,
        closesAt: row.closes_at,
        moderationMode: "post",
        premoderateFirstPosts: false,
        showModeratorNames: false,
        contentLanguage: "en",
        timeZone: "UTC",
        draftingMode: "live",
      },
    });
  });

  it("records a change of the content language and the time zone", () => {
    const e = settingsChangeEvent(row, { ...row, content_language: "ja", time_zone: "Asia/Tokyo" }, AT)!;
    expect(e.payload.changes).toEqual({ contentLanguage: { from: "en", to: "ja" }, timeZone: { from: "UTC", to: "Asia/Tokyo" } });
    expect(e.payload.phase).toBeUndefined();
  });

  it("records a change of the drafting mode (issue 17)", () => {
    const e = settingsChangeEvent(row, { ...row, drafting_mode: "working" }, AT)!;
    expect(e.payload.changes).toEqual({ draftingMode: { from: "live", to: "working" } });
  });

  it("records only what changed, and says when the change closes commenting", () => {
    const e = settingsChangeEvent(row, { ...row, closes_at: "2026-12-05T00:00:00.000Z", premoderate_first_posts: 1 }, AT)!;
    expect(e.payload).toEqual({
      slug: "energy",
      reason: "changed",
      changes: { closesAt: { from: row.closes_at, to: "2026-12-05T00:00:00.000Z" }, premoderateFirstPosts: { from: false, to: true } },
      phase: { from: "open", to: "closed" },
    });
  });

  it("says when moving the dates reopens commenting, and records nothing for no change", () => {
    const closed = { ...row, closes_at: "2026-12-05T00:00:00.000Z" };
    expect(settingsChangeEvent(closed, row, AT)!.payload.phase).toEqual({ from: "closed", to: "open" });
    expect(settingsChangeEvent(row, { ...row, updated_at: "2027-01-01T00:00:00.000Z" }, AT)).toBeNull();
  });
});

describe("membership entries", () => {
  it("carries the role and a salted digest of the member, with the salt kept apart", () => {
    const e = membershipEvent("c1", "user-7", "moderator", null, AT);
    expect(e.payload).toEqual({ memberDigest: saltedDigest(e.salt!, "user-7"), role: { from: "moderator", to: null } });
    expect(JSON.stringify(e.payload)).not.toContain("user-7");
    expect(membershipEvent("c1", "user-7", null, "drafter", AT).payload.memberDigest).not.toBe(e.payload.memberDigest);
  });
});
