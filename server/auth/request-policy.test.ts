import { describe, expect, it } from "vitest";
import type { OrganisationRole, RequestStatus } from "../../db/schema.js";
import type { Actor } from "./policy.js";
import { REQUEST_ACTIONS, canOnRequest, type RequestAction, type RequestRelation } from "./request-policy.js";

const NOW = new Date("2027-01-10T12:00:00Z");
const BEFORE = "2027-01-20T00:00:00Z";
const AFTER = "2027-01-01T00:00:00Z";

// Every party to a request, as the issue names them (a respondent has two roles in its organisation).
const PARTIES = ["convener", "admin", "recipient", "representative", "member", "otherOrganisation", "signedIn", "anonymous"] as const;
type Party = (typeof PARTIES)[number];
const STATES = ["draft", "open", "closed"] as const;
type State = (typeof STATES)[number];

function actor(p: Party): Actor {
  if (p === "anonymous") return { kind: "anonymous" };
  const siteRole = p === "admin" ? "admin" : p === "convener" ? "convener" : "member";
  return { kind: "user", userId: p, siteRole, role: null };
}

function relation(p: Party, s: State): RequestRelation {
  const status: RequestStatus = s === "draft" ? "draft" : "issued";
  const respondent: OrganisationRole | null = p === "representative" ? "representative" : p === "member" ? "member" : null;
  // Another organisation is neither invited nor of an open kind: no relation at all, like a signed-in stranger.
  return { status, deadline: s === "closed" ? AFTER : BEFORE, convener: p === "convener" || p === "admin", recipient: p === "recipient", respondent };
}

// Written out by hand: who may do each action in each state. Everyone not listed may not.
const ALL: Party[] = [...PARTIES];
const EXPECTED: Record<State, Record<Exclude<RequestAction, "request.create">, Party[]>> = {
  draft: {
    "request.view": ["convener", "admin"],
    "request.manage": ["convener", "admin"],
    "request.respond": [],
    "request.viewOwnResponse": [],
    "request.readRestricted": [],
    "request.viewResults": [],
  },
  open: {
    "request.view": ALL,
    "request.manage": ["convener", "admin"],
    "request.respond": ["representative"],
    "request.viewOwnResponse": ["representative", "member"],
    // Managing a request never includes reading its restricted answers: only the recipient bodies do.
    "request.readRestricted": ["recipient"],
    "request.viewResults": [],
  },
  closed: {
    "request.view": ALL,
    "request.manage": ["convener", "admin"],
    "request.respond": [],
    "request.viewOwnResponse": ["representative", "member"],
    "request.readRestricted": ["recipient"],
    "request.viewResults": ALL,
  },
};

describe("the information request policy matrix", () => {
  for (const state of STATES) {
    for (const action of REQUEST_ACTIONS.filter((a): a is Exclude<RequestAction, "request.create"> => a !== "request.create")) {
      it(`${action} on a ${state} request`, () => {
        const allowed = PARTIES.filter((p) => canOnRequest(actor(p), action, relation(p, state), NOW));
        expect(allowed).toEqual(EXPECTED[state][action]);
      });
    }
  }

  it("only conveners and admins create requests", () => {
    expect(PARTIES.filter((p) => canOnRequest(actor(p), "request.create", null, NOW))).toEqual(["convener", "admin"]);
  });

  it("refuses everything without a relation", () => {
    for (const action of REQUEST_ACTIONS.filter((a) => a !== "request.create")) {
      for (const p of PARTIES) expect(canOnRequest(actor(p), action, null, NOW)).toBe(false);
    }
  });

  it("closes answering at the deadline's exact instant", () => {
    const rel: RequestRelation = { status: "issued", deadline: NOW.toISOString(), convener: false, recipient: false, respondent: "representative" };
    expect(canOnRequest(actor("representative"), "request.respond", rel, new Date(NOW.getTime() - 1))).toBe(true);
    expect(canOnRequest(actor("representative"), "request.respond", rel, NOW)).toBe(false);
  });

  it("gives an anonymous visitor nothing a relation would, even if the relation claimed it", () => {
    const claimed: RequestRelation = { status: "issued", deadline: BEFORE, convener: true, recipient: true, respondent: "representative" };
    const allowed = REQUEST_ACTIONS.filter((a) => canOnRequest({ kind: "anonymous" }, a, claimed, NOW));
    expect(allowed).toEqual(["request.view"]);
  });

  it("lets a representative answer only once their address is confirmed, where the site requires it", () => {
    const rel = relation("representative", "open");
    expect(canOnRequest(actor("representative"), "request.respond", rel, NOW)).toBe(true);
    const pending = { ...actor("representative"), mustVerify: "rep@example.org" } as Actor;
    expect(canOnRequest(pending, "request.respond", rel, NOW)).toBe(false);
    expect(canOnRequest(pending, "request.view", rel, NOW)).toBe(true);
    expect(canOnRequest(pending, "request.viewOwnResponse", rel, NOW)).toBe(true);
  });
});
