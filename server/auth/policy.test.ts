import { describe, expect, it } from "vitest";
import type { ConsultationStatus } from "../../db/schema.js";
import { ACTIONS, can, type Action, type Actor } from "./policy.js";

const NOW = new Date("2026-11-26T12:00:00Z");
const ROLES = ["anonymous", "participant", "convener", "drafter", "moderator", "owner", "admin"] as const;
type Role = (typeof ROLES)[number];

function actor(role: Role): Actor {
  if (role === "anonymous") return { kind: "anonymous" };
  if (role === "admin") return { kind: "user", userId: "a", siteRole: "admin", role: null };
  if (role === "participant") return { kind: "user", userId: "p", siteRole: "member", role: null };
  // A convener outside their own consultations is a participant like any other.
  if (role === "convener") return { kind: "user", userId: "c", siteRole: "convener", role: null };
  return { kind: "user", userId: "m", siteRole: "member", role };
}

const IN_WINDOW = { opensAt: "2026-11-01T00:00:00Z", closesAt: "2026-12-31T00:00:00Z" };

// The expected answers, written out by hand: which roles may do each action in each status.
const TEAM: Role[] = ["drafter", "moderator", "owner", "admin"];
const EVERYONE: Role[] = [...ROLES];
const SIGNED_IN: Role[] = ["participant", "convener", ...TEAM];
// Only the site roles an admin grants may publish consultations.
const CONVENERS: Role[] = ["convener", "admin"];
const EXPECTED: Record<ConsultationStatus, Partial<Record<Action, Role[]>>> = {
  draft: {
    "consultation.create": CONVENERS,
    "consultation.view": TEAM,
    "section.view": TEAM,
    "consultation.manage": ["owner", "admin"],
    "consultation.changePhase": ["owner", "admin"],
    "consultation.manageMembers": ["owner", "admin"],
    "consultation.invite": ["owner", "admin"],
    "section.manage": ["owner", "admin"],
    "section.edit": ["drafter", "owner", "admin"],
    "version.publish": ["drafter", "owner", "admin"],
    "history.viewDrafting": ["moderator", "drafter", "owner", "admin"],
    "site.admin": ["admin"],
    "organisation.manage": ["admin"],
    "organisation.invite": ["admin"],
  },
  open: {
    "consultation.create": CONVENERS,
    "consultation.view": EVERYONE,
    "section.view": EVERYONE,
    "consultation.manage": ["owner", "admin"],
    "consultation.changePhase": ["owner", "admin"],
    "consultation.manageMembers": ["owner", "admin"],
    "consultation.invite": ["owner", "admin"],
    "section.manage": ["owner", "admin"],
    "section.edit": ["drafter", "owner", "admin"],
    "comment.create": SIGNED_IN,
    "position.take": SIGNED_IN,
    "comment.moderate": ["moderator", "owner", "admin"],
    "comment.respond": ["drafter", "owner", "admin"],
    "version.publish": ["drafter", "owner", "admin"],
    "history.viewDrafting": ["moderator", "drafter", "owner", "admin"],
    "site.admin": ["admin"],
    "organisation.manage": ["admin"],
    "organisation.invite": ["admin"],
  },
  closed: {
    "consultation.create": CONVENERS,
    "consultation.view": EVERYONE,
    "section.view": EVERYONE,
    "consultation.manage": ["owner", "admin"],
    "consultation.changePhase": ["owner", "admin"],
    "consultation.manageMembers": ["owner", "admin"],
    "consultation.invite": ["owner", "admin"],
    "section.manage": ["owner", "admin"],
    "section.edit": ["drafter", "owner", "admin"],
    "comment.moderate": ["moderator", "owner", "admin"],
    "comment.respond": ["drafter", "owner", "admin"],
    "version.publish": ["drafter", "owner", "admin"],
    "history.viewDrafting": ["moderator", "drafter", "owner", "admin"],
    "site.admin": ["admin"],
    "organisation.manage": ["admin"],
    "organisation.invite": ["admin"],
  },
  final: {
    "consultation.create": CONVENERS,
    "consultation.view": EVERYONE,
    "section.view": EVERYONE,
    "consultation.manage": ["owner", "admin"],
    "consultation.changePhase": ["owner", "admin"],
    "consultation.manageMembers": ["owner", "admin"],
    "consultation.invite": ["owner", "admin"],
    "section.manage": ["owner", "admin"],
    "comment.moderate": ["moderator", "owner", "admin"],
    "comment.respond": ["drafter", "owner", "admin"],
    "version.publish": ["drafter", "owner", "admin"],
    "history.viewDrafting": ["moderator", "drafter", "owner", "admin"],
    "site.admin": ["admin"],
    "organisation.manage": ["admin"],
    "organisation.invite": ["admin"],
  },
};

describe("can(actor, action, resource)", () => {
  for (const status of Object.keys(EXPECTED) as ConsultationStatus[]) {
    for (const action of ACTIONS) {
      for (const role of ROLES) {
        const expected = (EXPECTED[status][action] ?? []).includes(role);
        it(`${status}: ${role} ${expected ? "may" : "may not"} ${action}`, () => {
          expect(can(actor(role), action, { status, ...IN_WINDOW }, NOW)).toBe(expected);
        });
      }
    }
  }

  it("refuses comments outside the comment window even while open", () => {
    const before = { status: "open" as const, opensAt: "2026-12-01T00:00:00Z", closesAt: null };
    const after = { status: "open" as const, opensAt: null, closesAt: "2026-11-26T11:59:59Z" };
    for (const r of [before, after]) {
      expect(can(actor("participant"), "comment.create", r, NOW)).toBe(false);
      expect(can(actor("participant"), "position.take", r, NOW)).toBe(false);
    }
  });

  it("lets an organisation's representatives invite into it, and not its plain members or anyone else", () => {
    const withOrg = (organisationRole: "representative" | "member" | null): Actor => ({ kind: "user", userId: "o", siteRole: "member", role: null, organisationRole });
    expect(can(withOrg("representative"), "organisation.invite", null, NOW)).toBe(true);
    expect(can(withOrg("member"), "organisation.invite", null, NOW)).toBe(false);
    expect(can(withOrg(null), "organisation.invite", null, NOW)).toBe(false);
    // A representative is no site admin: managing organisations stays with admins.
    expect(can(withOrg("representative"), "organisation.manage", null, NOW)).toBe(false);
    // Being a consultation's owner gives nothing in an organisation.
    expect(can(actor("owner"), "organisation.invite", null, NOW)).toBe(false);
    expect(can(actor("admin"), "organisation.invite", null, NOW)).toBe(true);
  });

  it("holds an account with an unconfirmed address back from submitting, and from nothing else", () => {
    const open = { status: "open" as const, ...IN_WINDOW };
    for (const r of ["participant", "drafter", "moderator", "owner", "admin"] as const) {
      const confirmed = actor(r);
      const pending = { ...confirmed, mustVerify: "new@example.org" } as Actor;
      for (const a of ["comment.create", "position.take"] as const) {
        expect(can(confirmed, a, open, NOW), `${r} ${a}`).toBe(true);
        expect(can(pending, a, open, NOW), `${r} ${a} unconfirmed`).toBe(false);
      }
      const mine = { status: "published" as const, visibility: "public" as const, authorId: confirmed.kind === "user" ? confirmed.userId : "" };
      expect(can(pending, "comment.amend", { ...open, comment: mine }, NOW)).toBe(false);
      for (const a of ACTIONS.filter((x) => !["comment.create", "position.take", "comment.amend"].includes(x))) {
        expect(can(pending, a, open, NOW), `${r} ${a} unconfirmed`).toBe(can(confirmed, a, open, NOW));
      }
    }
  });

  it("denies an action it does not know", () => {
    expect(can(actor("admin"), "no.such.action" as Action, { status: "open", ...IN_WINDOW }, NOW)).toBe(false);
  });
});

describe("comment visibility (roles × consultation states × comment states × visibility)", () => {
  const AUTHOR = "author";
  const roles = ["anonymous", "participant", "author", "recipient", "recipient drafter", "drafter", "moderator", "owner", "admin"] as const;
  const who = (r: (typeof roles)[number]): Actor => {
    if (r === "author") return { kind: "user", userId: AUTHOR, siteRole: "member", role: null };
    // A member of a named recipient body, on the team or not (ADR 019).
    if (r === "recipient") return { kind: "user", userId: "r", siteRole: "member", role: null, readsConfidential: true };
    if (r === "recipient drafter") return { kind: "user", userId: "d", siteRole: "member", role: "drafter", readsConfidential: true };
    return actor(r as Role);
  };
  const team = new Set(["drafter", "moderator", "owner", "admin"]);
  for (const status of ["draft", "open", "closed", "final"] as const) {
    for (const commentStatus of ["pending", "published", "hidden", "deleted"] as const) {
      for (const visibility of ["public", "confidential"] as const) {
        for (const r of roles) {
          // Written out: the team sees every public item; authors their own; others public, non-pending items, and nothing of drafts.
          // A confidential item: its author and its recipients only, never the team as such.
          const expected =
            visibility === "public"
              ? team.has(r) || r === "recipient drafter" || (status !== "draft" && (r === "author" || commentStatus !== "pending"))
              : r === "recipient drafter" || (status !== "draft" && (r === "author" || r === "recipient"));
          it(`${status}/${commentStatus}/${visibility}: ${r} ${expected ? "sees" : "does not see"} it`, () => {
            const resource = { status, ...IN_WINDOW, comment: { status: commentStatus, visibility, authorId: AUTHOR } };
            expect(can(who(r), "comment.view", resource, NOW)).toBe(expected);
          });
        }
      }
    }
  }

  it("lets a confidential thread's submitter and its recipients read the replies in it, and no one else, moderators included", () => {
    const reply = { status: "open" as const, ...IN_WINDOW, comment: { status: "published" as const, visibility: "confidential" as const, authorId: "team-member", threadAuthorId: AUTHOR } };
    expect(can({ kind: "user", userId: AUTHOR, siteRole: "member", role: null }, "comment.view", reply, NOW)).toBe(true);
    expect(can(actor("participant"), "comment.view", reply, NOW)).toBe(false);
    expect(can(actor("anonymous"), "comment.view", reply, NOW)).toBe(false);
    expect(can(actor("moderator"), "comment.view", reply, NOW)).toBe(false);
    expect(can(who("recipient"), "comment.view", reply, NOW)).toBe(true);
    // A pending reply stays with its author and the team, even inside one's own thread.
    expect(can({ kind: "user", userId: AUTHOR, siteRole: "member", role: null }, "comment.view", { ...reply, comment: { ...reply.comment, status: "pending" } }, NOW)).toBe(false);
  });

  it("lets only recipients answer or moderate a confidential submission", () => {
    const secret = { status: "open" as const, ...IN_WINDOW, comment: { status: "published" as const, visibility: "confidential" as const, authorId: AUTHOR } };
    for (const r of ["drafter", "moderator", "owner", "admin", "participant"] as const) {
      expect(can(actor(r), "comment.respond", secret, NOW), r).toBe(false);
      expect(can(actor(r), "comment.moderate", secret, NOW), r).toBe(false);
    }
    expect(can(who("recipient"), "comment.respond", secret, NOW)).toBe(true);
    expect(can(who("recipient drafter"), "comment.respond", secret, NOW)).toBe(true);
    // Moderating needs both: being a moderator, and reading it.
    expect(can(who("recipient"), "comment.moderate", secret, NOW)).toBe(false);
    expect(can({ kind: "user", userId: "m", siteRole: "member", role: "moderator", readsConfidential: true }, "comment.moderate", secret, NOW)).toBe(true);
  });

  it("lets others report only published public comments, never their own", () => {
    const published = { status: "open" as const, ...IN_WINDOW, comment: { status: "published" as const, visibility: "public" as const, authorId: AUTHOR } };
    expect(can(actor("participant"), "comment.report", published, NOW)).toBe(true);
    expect(can(actor("anonymous"), "comment.report", published, NOW)).toBe(false);
    expect(can({ kind: "user", userId: AUTHOR, siteRole: "member", role: null }, "comment.report", published, NOW)).toBe(false);
    expect(can(actor("participant"), "comment.report", { ...published, comment: { ...published.comment, visibility: "confidential" } }, NOW)).toBe(false);
    expect(can(actor("participant"), "comment.report", { ...published, comment: { ...published.comment, status: "pending" } }, NOW)).toBe(false);
  });

  it("never lets the consultation's team report: it acts through moderation", () => {
    const published = { status: "open" as const, ...IN_WINDOW, comment: { status: "published" as const, visibility: "public" as const, authorId: AUTHOR } };
    for (const r of ["drafter", "moderator", "owner", "admin"] as const) expect(can(actor(r), "comment.report", published, NOW)).toBe(false);
    expect(can(actor("convener"), "comment.report", published, NOW)).toBe(true);
  });

  it("lets authors change or withdraw their submissions only while the comment window is open", () => {
    const mine = { status: "published" as const, visibility: "public" as const, authorId: AUTHOR };
    const author: Actor = { kind: "user", userId: AUTHOR, siteRole: "member", role: null };
    expect(can(author, "comment.amend", { status: "open", ...IN_WINDOW, comment: mine }, NOW)).toBe(true);
    expect(can(author, "comment.amend", { status: "open", opensAt: null, closesAt: "2026-11-26T11:59:59Z", comment: mine }, NOW)).toBe(false);
    for (const status of ["closed", "final"] as const) expect(can(author, "comment.amend", { status, ...IN_WINDOW, comment: mine }, NOW)).toBe(false);
    for (const r of ["participant", "drafter", "moderator", "owner", "admin"] as const) {
      expect(can(actor(r), "comment.amend", { status: "open", ...IN_WINDOW, comment: mine }, NOW)).toBe(false);
    }
  });
});
