import { describe, expect, expectTypeOf, it } from "vitest";
// The one place common/ reads db/: a test, holding the two copies of each value list together.
import * as db from "../db/schema.js";
import * as common from "./enums.js";
import { DISCLOSURE_LABEL, DISCLOSURE_READERS, DISPOSITION_LABEL, ORGANISATION_KIND_LABEL, PHASE_LABEL, QUESTION_KIND_LABEL, REASON_LABEL, STAKEHOLDER_LABEL, STANCE_LABEL, labelOf } from "./labels.js";
import { PHASES } from "./phase.js";

describe("common/enums.ts", () => {
  it("lists the same values, in the same order, as db/schema.ts", () => {
    expect(common.CONSULTATION_STATUSES).toEqual(db.CONSULTATION_STATUSES);
    expect(common.STAKEHOLDER_GROUPS).toEqual(db.STAKEHOLDER_GROUPS);
    expect(common.STANCES).toEqual(db.STANCES);
    expect(common.DISPOSITION_OUTCOMES).toEqual(db.DISPOSITION_OUTCOMES);
    expect(common.MODERATION_REASONS).toEqual(db.MODERATION_REASONS);
    expect(common.ORGANISATION_KINDS).toEqual(db.ORGANISATION_KINDS);
    expect(common.DISCLOSURE_LEVELS).toEqual(db.DISCLOSURE_LEVELS);
    expect(common.QUESTION_KINDS).toEqual(db.QUESTION_KINDS);
    expect(common.SEARCH_KINDS).toEqual(db.SEARCH_KINDS);
  });

  it("has the same types as db/schema.ts (checked by tsc)", () => {
    expectTypeOf<common.ConsultationStatus>().toEqualTypeOf<db.ConsultationStatus>();
    expectTypeOf<common.StakeholderGroup>().toEqualTypeOf<db.StakeholderGroup>();
    expectTypeOf<common.Stance>().toEqualTypeOf<db.Stance>();
    expectTypeOf<common.DispositionOutcome>().toEqualTypeOf<db.DispositionOutcome>();
    expectTypeOf<common.ModerationReason>().toEqualTypeOf<db.ModerationReason>();
    expectTypeOf<common.OrganisationKind>().toEqualTypeOf<db.OrganisationKind>();
    expectTypeOf<common.DisclosureLevel>().toEqualTypeOf<db.DisclosureLevel>();
    expectTypeOf<common.QuestionKind>().toEqualTypeOf<db.QuestionKind>();
  });
});

describe("common/labels.ts", () => {
  it("labels every value and nothing else", () => {
    expect(Object.keys(STANCE_LABEL).sort()).toEqual([...common.STANCES].sort());
    expect(Object.keys(DISPOSITION_LABEL).sort()).toEqual([...common.DISPOSITION_OUTCOMES].sort());
    expect(Object.keys(STAKEHOLDER_LABEL)).toEqual([...common.STAKEHOLDER_GROUPS]);
    expect(Object.keys(REASON_LABEL).sort()).toEqual([...common.MODERATION_REASONS, "reported"].sort());
    expect(Object.keys(PHASE_LABEL).sort()).toEqual([...PHASES].sort());
    expect(Object.keys(ORGANISATION_KIND_LABEL)).toEqual([...common.ORGANISATION_KINDS]);
    expect(Object.keys(DISCLOSURE_LABEL)).toEqual([...common.DISCLOSURE_LEVELS]);
    expect(Object.keys(DISCLOSURE_READERS)).toEqual([...common.DISCLOSURE_LEVELS]);
    expect(Object.keys(QUESTION_KIND_LABEL)).toEqual([...common.QUESTION_KINDS]);
  });

  it("labelOf falls back to the value itself for an unknown one", () => {
    expect(labelOf(STANCE_LABEL, "oppose")).toBe("Oppose");
    expect(labelOf(STANCE_LABEL, "toString")).toBe("toString");
    expect(labelOf(STANCE_LABEL, "")).toBe("");
  });
});
