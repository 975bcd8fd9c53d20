import { describe, expect, it } from "vitest";
import { utcToZoned, zonedToUtc, zoneLabel } from "./zoned-time.js";

describe("zonedToUtc", () => {
  it("reads a Tokyo wall-clock time nine hours ahead of UTC", () => {
    expect(zonedToUtc("2027-01-16T23:59", "Asia/Tokyo")).toBe("2027-01-16T14:59:00.000Z");
    expect(zonedToUtc("2027-01-01T05:00", "Asia/Tokyo")).toBe("2026-12-31T20:00:00.000Z");
  });

  it("reads UTC as it is, seconds included", () => {
    expect(zonedToUtc("2027-01-16T23:59", "UTC")).toBe("2027-01-16T23:59:00.000Z");
    expect(zonedToUtc("2027-01-16T23:59:30", "UTC")).toBe("2027-01-16T23:59:30.000Z");
  });

  it("follows London across daylight saving time", () => {
    expect(zonedToUtc("2027-01-16T12:00", "Europe/London")).toBe("2027-01-16T12:00:00.000Z");
    expect(zonedToUtc("2027-07-16T12:00", "Europe/London")).toBe("2027-07-16T11:00:00.000Z");
    // The last hour before and the first after the spring change (28 March 2027, 01:00 UTC).
    expect(zonedToUtc("2027-03-28T00:59", "Europe/London")).toBe("2027-03-28T00:59:00.000Z");
    expect(zonedToUtc("2027-03-28T02:00", "Europe/London")).toBe("2027-03-28T01:00:00.000Z");
    // 01:30 never happens that night: read as a clock left unchanged would (02:30 BST).
    expect(zonedToUtc("2027-03-28T01:30", "Europe/London")).toBe("2027-03-28T01:30:00.000Z");
    // 01:30 happens twice on 31 October 2027: the first (BST) is meant.
    expect(zonedToUtc("2027-10-31T01:30", "Europe/London")).toBe("2027-10-31T00:30:00.000Z");
    expect(zonedToUtc("2027-10-31T02:30", "Europe/London")).toBe("2027-10-31T02:30:00.000Z");
  });

  it("takes a time that names its offset as it is", () => {
    expect(zonedToUtc("2027-01-16T23:59:00Z", "Asia/Tokyo")).toBe("2027-01-16T23:59:00.000Z");
    expect(zonedToUtc("2027-01-16T23:59+09:00", "UTC")).toBe("2027-01-16T14:59:00.000Z");
  });

  it("refuses what is not a time, an impossible date and an unknown zone", () => {
    for (const bad of ["", "tomorrow", "2027-01-16", "2027-02-30T10:00", "2027-01-16T24:00", "2027-13-01T10:00", "2027-01-16T10:60", "16/01/2027 10:00", "2027-01-16T10:00Z junk"]) {
      expect(zonedToUtc(bad, "Asia/Tokyo"), bad).toBeNull();
    }
    expect(zonedToUtc("2027-01-16T10:00", "Mars/Olympus")).toBeNull();
  });
});

describe("utcToZoned", () => {
  it("shows an instant as the zone's wall clock", () => {
    expect(utcToZoned("2027-01-16T14:59:00.000Z", "Asia/Tokyo")).toBe("2027-01-16T23:59");
    expect(utcToZoned("2027-07-16T11:00:00.000Z", "Europe/London")).toBe("2027-07-16T12:00");
    expect(utcToZoned("2027-01-16T23:00:00.000Z", "UTC")).toBe("2027-01-16T23:00");
    expect(utcToZoned("2026-12-31T15:00:00.000Z", "Asia/Tokyo")).toBe("2027-01-01T00:00");
  });

  it("is empty for nothing, nonsense or an unknown zone", () => {
    expect(utcToZoned(null, "UTC")).toBe("");
    expect(utcToZoned("soon", "UTC")).toBe("");
    expect(utcToZoned("2027-01-16T14:59:00.000Z", "Nowhere/Else")).toBe("");
  });

  it("round-trips with zonedToUtc", () => {
    for (const tz of ["Asia/Tokyo", "Europe/London", "America/New_York", "UTC", "Australia/Lord_Howe"]) {
      for (const local of ["2027-01-16T23:59", "2027-06-30T00:00", "2027-11-07T12:34"]) {
        expect(utcToZoned(zonedToUtc(local, tz), tz), `${local} ${tz}`).toBe(local);
      }
    }
  });
});

describe("zoneLabel", () => {
  it("names the zone with its abbreviation in the interface language", () => {
    expect(zoneLabel("Asia/Tokyo", "ja-JP", "2027-01-16T00:00:00Z")).toBe("JST (Asia/Tokyo)");
    expect(zoneLabel("Europe/London", "en-GB", "2027-01-16T00:00:00Z")).toBe("GMT (Europe/London)");
    expect(zoneLabel("Europe/London", "en-GB", "2027-07-16T00:00:00Z")).toBe("BST (Europe/London)");
    expect(zoneLabel("UTC", "en-GB", "2027-01-16T00:00:00Z")).toBe("UTC");
    expect(zoneLabel("Nowhere/Else", "en-GB")).toBe("Nowhere/Else");
  });
});
