import { describe, expect, it } from "vitest";
import { compareTexts } from "./persistence.js";

describe("a change set's summary", () => {
  it("quotes what two people typed at once as whole passages, not character splices", () => {
    const before = "Codes that industry bodies already maintain.\n\nReviewed by a team independent of its developers.";
    const after =
      "Codes that industry bodies already maintain. Sector law applies whether or not the system learns.\n\nReviewed by a team of owners who decide the application of these rules independent of its developers.";
    const s = compareTexts(before, after);
    expect(s.summary).toBe("added “Sector law applies whether or not the system learns. … of owners who decide the application of these rules”");
    expect(s.deleted).toBe(0);
  });

  it("quotes a replaced word and keeps single edits as before", () => {
    expect(compareTexts("The cat sat.", "The dog sat.").summary).toBe("added “dog”; removed “cat”");
    expect(compareTexts("", "Hello world").summary).toBe("added “Hello world”");
    expect(compareTexts("Same", "Same").summary).toBe("no text change");
  });
});
