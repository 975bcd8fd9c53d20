import { describe, expect, it } from "vitest";
import { RequestChangeSchema } from "./request-schemas.js";
import { ConsultationFieldsSchema, NewConsultationSchema } from "./schemas.js";

const fields = { title: "指針（案）", summary: "", opensAt: "", closesAt: "2027-01-16T23:59", moderationMode: "post" };

describe("a consultation's language, time zone and dates", () => {
  it("defaults the zone from the language and reads the dates in it", () => {
    const ja = ConsultationFieldsSchema.parse({ ...fields, contentLanguage: "ja", timeZone: "" });
    expect(ja).toMatchObject({ contentLanguage: "ja", timeZone: "Asia/Tokyo", closesAt: "2027-01-16T14:59:00.000Z", opensAt: null });
    const en = ConsultationFieldsSchema.parse({ ...fields, contentLanguage: "en" });
    expect(en).toMatchObject({ contentLanguage: "en", timeZone: "UTC", closesAt: "2027-01-16T23:59:00.000Z" });
    expect(NewConsultationSchema.parse({ ...fields, slug: "shishin", contentLanguage: "ja", timeZone: "Europe/London" })).toMatchObject({ slug: "shishin", timeZone: "Europe/London", closesAt: "2027-01-16T23:59:00.000Z" });
  });

  it("reads the dates in the zone the form showed them in, so changing the zone keeps the deadline", () => {
    const moved = ConsultationFieldsSchema.parse({ ...fields, contentLanguage: "ja", timeZone: "Europe/London", datesTimeZone: "Asia/Tokyo" });
    expect(moved).toMatchObject({ timeZone: "Europe/London", closesAt: "2027-01-16T14:59:00.000Z" });
    expect(moved).not.toHaveProperty("datesTimeZone");
  });

  it("leaves language and zone out when a client sends neither (settings keep theirs), and reads its dates as UTC", () => {
    const old = ConsultationFieldsSchema.parse(fields);
    expect(old).not.toHaveProperty("contentLanguage");
    expect(old).not.toHaveProperty("timeZone");
    expect(old.closesAt).toBe("2027-01-16T23:59:00.000Z");
    // An instant that names its offset (the API, older tests) is taken as it is.
    expect(ConsultationFieldsSchema.parse({ ...fields, closesAt: "2027-01-16T23:59:00.000Z", contentLanguage: "ja" }).closesAt).toBe("2027-01-16T23:59:00.000Z");
  });

  it("refuses an unknown language or zone and a date that does not exist, at their fields", () => {
    const r = ConsultationFieldsSchema.safeParse({ ...fields, contentLanguage: "fr", timeZone: "Mars/Olympus", opensAt: "2027-02-30T10:00" });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        "contentLanguage: Choose English or Japanese.",
        "timeZone: Choose a time zone from the list, such as Asia/Tokyo or UTC.",
        "opensAt: Opening time is not a valid date and time.",
      ]),
    );
  });

  it("still says when the window closes before it opens, in the zone", () => {
    const r = ConsultationFieldsSchema.safeParse({ ...fields, opensAt: "2027-01-17T00:00", contentLanguage: "ja" });
    expect(r.error?.issues.map((i) => [i.path[0], i.message])).toEqual([["closesAt", "The closing time must be after the opening time."]]);
  });
});

describe("a request's new deadline", () => {
  it("is read in the request's zone", () => {
    expect(RequestChangeSchema.parse({ deadline: "2099-04-30T17:00", reason: "延長", timeZone: "Asia/Tokyo" }).deadline).toBe("2099-04-30T08:00:00.000Z");
    expect(RequestChangeSchema.parse({ deadline: "", reason: "招待先の追加" }).deadline).toBeNull();
  });
});
