import { describe, expect, it } from "vitest";
import type { Actor } from "./policy.js";
import { canOnRequest, type RequestRelation } from "./request-policy.js";

/** The convener's actions (create, view, manage) across roles and states; the respondent's side is tested with it. */
const NOW = new Date("2027-03-01T00:00:00Z");
const FUTURE = "2027-04-01T00:00:00.000Z";
const PAST = "2027-02-01T00:00:00.000Z";

const user = (siteRole: "admin" | "convener" | "member"): Actor => ({ kind: "user", userId: `u-${siteRole}`, siteRole, role: null });
const anonymous: Actor = { kind: "anonymous" };

const rel = (over: Partial<RequestRelation>): RequestRelation => ({ status: "draft", deadline: FUTURE, convener: false, recipient: false, respondent: null, ...over });

describe("canOnRequest, the convener's actions", () => {
  it("lets only conveners and site admins create a request", () => {
    expect(canOnRequest(user("convener"), "request.create", null, NOW)).toBe(true);
    expect(canOnRequest(user("admin"), "request.create", null, NOW)).toBe(true);
    expect(canOnRequest(user("member"), "request.create", null, NOW)).toBe(false);
    expect(canOnRequest(anonymous, "request.create", null, NOW)).toBe(false);
  });

  it("shows a draft to its convener alone, and an issued request to everyone", () => {
    const draft = rel({ status: "draft" });
    expect(canOnRequest(user("convener"), "request.view", { ...draft, convener: true }, NOW)).toBe(true);
    // Another convener, a recipient, a respondent, the public: a draft does not exist for them.
    expect(canOnRequest(user("convener"), "request.view", draft, NOW)).toBe(false);
    expect(canOnRequest(user("member"), "request.view", { ...draft, recipient: true, respondent: "representative" }, NOW)).toBe(false);
    expect(canOnRequest(anonymous, "request.view", draft, NOW)).toBe(false);
    for (const deadline of [FUTURE, PAST]) {
      expect(canOnRequest(anonymous, "request.view", rel({ status: "issued", deadline }), NOW)).toBe(true);
      expect(canOnRequest(user("member"), "request.view", rel({ status: "issued", deadline }), NOW)).toBe(true);
    }
  });

  it("lets only the request's convener (or a site admin, whose relation says so) manage it, in every state", () => {
    for (const status of ["draft", "issued"] as const) {
      for (const deadline of [FUTURE, PAST]) {
        const r = rel({ status, deadline });
        expect(canOnRequest(user("convener"), "request.manage", { ...r, convener: true }, NOW)).toBe(true);
        expect(canOnRequest(user("admin"), "request.manage", { ...r, convener: true }, NOW)).toBe(true);
        expect(canOnRequest(user("convener"), "request.manage", r, NOW)).toBe(false);
        expect(canOnRequest(user("member"), "request.manage", { ...r, recipient: true, respondent: "representative" }, NOW)).toBe(false);
        expect(canOnRequest(anonymous, "request.manage", { ...r, convener: true }, NOW)).toBe(false);
      }
    }
  });

  it("never lets managing stand for reading restricted answers or answering", () => {
    const issued = rel({ status: "issued", convener: true });
    expect(canOnRequest(user("convener"), "request.readRestricted", issued, NOW)).toBe(false);
    expect(canOnRequest(user("admin"), "request.readRestricted", issued, NOW)).toBe(false);
    expect(canOnRequest(user("convener"), "request.respond", issued, NOW)).toBe(false);
  });

  it("opens results to everyone after the deadline of an issued request, never for a draft", () => {
    expect(canOnRequest(anonymous, "request.viewResults", rel({ status: "issued", deadline: PAST }), NOW)).toBe(true);
    expect(canOnRequest(anonymous, "request.viewResults", rel({ status: "issued", deadline: FUTURE }), NOW)).toBe(false);
    expect(canOnRequest(user("convener"), "request.viewResults", rel({ status: "draft", deadline: PAST, convener: true }), NOW)).toBe(false);
  });
});
