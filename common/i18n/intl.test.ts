import { describe, expect, it } from "vitest";
import { translator } from "./intl.js";

describe("dates on screen", () => {
  it("read as they did through FormatJS, in each language and zone, from the formatters kept per zone", () => {
    const en = translator("en");
    const ja = translator("ja");
    expect(en.dateTime("2027-01-16T23:59:00Z")).toBe("Sat, 16 January 2027 at 23:59 UTC");
    expect(en.dateTime("2027-01-16T23:59:00Z", "Asia/Tokyo")).toBe("Sun, 17 January 2027 at 08:59 GMT+9");
    expect(ja.dateTime("2027-01-16T23:59:00Z", "Asia/Tokyo")).toBe("2027年1月17日(日) 08:59 JST");
    expect(ja.date("2027-01-16T23:59:00Z", "Asia/Tokyo")).toBe("2027年1月17日");
    expect(en.date("2027-01-16T23:59:00Z")).toBe("16 January 2027");
    // The same again, now from the kept formatter, and a second zone does not reuse the first's.
    expect(en.dateTime("2027-01-16T23:59:00Z", "Asia/Tokyo")).toBe("Sun, 17 January 2027 at 08:59 GMT+9");
    expect(en.dateTime("2027-07-01T12:00:00Z", "Europe/London")).toBe("Thu, 1 July 2027 at 13:00 BST");
  });

  it("an unknown zone or a date that does not parse is shown as FormatJS showed it, not thrown out of a page", () => {
    const en = translator("en");
    expect(en.dateTime("2027-01-16T23:59:00Z", "Not/AZone")).toBe(new Date("2027-01-16T23:59:00Z").toString());
    expect(en.dateTime("not a date")).toBe("Invalid Date");
    expect(en.dateTime(null)).toBe(en.t("time.notSet"));
  });
});
