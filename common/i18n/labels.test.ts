import { describe, expect, it } from "vitest";
import { translator } from "./intl.js";
import { labelIn } from "./labels.js";
import { STANCE_LABEL, STAKEHOLDER_LABEL } from "../labels.js";

describe("labels in the reader's language", () => {
  it("keeps English identical to the export tables and gives Japanese its own words", () => {
    for (const [value, text] of Object.entries(STAKEHOLDER_LABEL)) expect(labelIn(translator("en"), "group", value)).toBe(text);
    expect(labelIn(translator("en"), "stance", "support_with_changes")).toBe(STANCE_LABEL.support_with_changes);
    expect(labelIn(translator("ja"), "stance", "support")).toBe("賛成");
    expect(labelIn(translator("ja"), "phase", "open")).toBe("意見募集中");
  });

  it("shows a value it does not know as it is, never a key", () => {
    expect(labelIn(translator("ja"), "group", "guild")).toBe("guild");
    expect(labelIn(translator("ja"), "group", "toString")).toBe("toString");
  });
});
