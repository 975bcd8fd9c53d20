import { describe, expect, it } from "vitest";
import { FORMER_PARTICIPANT, shownAuthor, shownAuthorWithBadge } from "./shown-author.js";

const row = (publication: "name" | "organisation" | "anonymous") => ({
  publication,
  author_name: "Ines Industry",
  author_organisation: "Federation of Software Companies",
  author_group: "industry" as const,
});
const ministry = { slug: "digital-agency", name: "Digital Agency", kind: "government" as const };
const company = { slug: "acme", name: "Acme", kind: "company" as const };

describe("shownAuthorWithBadge", () => {
  it("keeps a self-declared organisation as plain text, with no badge", () => {
    expect(shownAuthorWithBadge(row("name"), false, undefined)).toEqual({
      name: "Ines Industry",
      organisation: "Federation of Software Companies",
      group: "industry",
      verifiedOrganisation: null,
    });
  });

  it("names the verified organisation in place of the profile's text, with the badge", () => {
    expect(shownAuthorWithBadge(row("name"), false, ministry)).toMatchObject({
      name: "Ines Industry",
      organisation: "Digital Agency",
      verifiedOrganisation: { name: "Digital Agency", label: "Verified government body" },
    });
    expect(shownAuthorWithBadge(row("organisation"), false, company)).toMatchObject({
      name: "Acme",
      organisation: "",
      verifiedOrganisation: { label: "Verified organisation" },
    });
  });

  it("shows no organisation at all to the public when the author chose to be anonymous", () => {
    expect(shownAuthorWithBadge(row("anonymous"), false, ministry)).toEqual({ name: "Anonymous", organisation: "", group: "industry", verifiedOrganisation: null });
  });

  it("names no one and shows no badge on a confidential submission's public version, whatever was chosen", () => {
    for (const publication of ["name", "organisation"] as const) {
      expect(shownAuthorWithBadge({ ...row(publication), redacted_of: "aaaaaaaaaaaaaaaa" }, false, ministry)).toEqual({ name: "Anonymous", organisation: "", group: "industry", verifiedOrganisation: null });
    }
    // Its recipients (and its author) still see who it is.
    expect(shownAuthorWithBadge({ ...row("name"), redacted_of: "aaaaaaaaaaaaaaaa" }, true, ministry)).toMatchObject({ name: "Ines Industry" });
  });

  it("shows the author and the team who it is, whatever the choice", () => {
    expect(shownAuthorWithBadge(row("anonymous"), true, ministry)).toMatchObject({ name: "Ines Industry", organisation: "Digital Agency", verifiedOrganisation: { slug: "digital-agency" } });
  });
});

describe("a deleted account's author", () => {
  const deleted = (publication: "name" | "organisation" | "anonymous", name: string, organisation: string) => ({ publication, author_name: name, author_organisation: organisation, author_group: "industry" as const });

  it("is a former participant whatever each submission chose, except that anonymous stays anonymous", () => {
    for (const p of ["name", "organisation"] as const) {
      expect(shownAuthor(deleted(p, FORMER_PARTICIPANT, ""), false)).toEqual({ name: FORMER_PARTICIPANT, organisation: "", group: "industry" });
    }
    expect(shownAuthor(deleted("anonymous", FORMER_PARTICIPANT, ""), false).name).toBe("Anonymous");
  });

  it("is its organisation, named once, when it chose to be shown so", () => {
    for (const p of ["name", "organisation"] as const) {
      expect(shownAuthor(deleted(p, "Mail Works", "Mail Works"), false)).toEqual({ name: "Mail Works", organisation: "", group: "industry" });
    }
  });
});
