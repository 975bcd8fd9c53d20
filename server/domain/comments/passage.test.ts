import { describe, expect, it } from "vitest";
import { PASSAGE_MIN_CHARS } from "../../../common/limits.js";
import { isPassage, locatePassage, showsAsPassage } from "./passage.js";

const TEXT = "The deployer must assess the system. The deployer must keep records. 生成AIの利用者は記録を残す。";

describe("passages a position may be about", () => {
  it("refuses a letter, half a word and anything shorter than the minimum", () => {
    expect(PASSAGE_MIN_CHARS).toBeGreaterThan(1);
    expect(locatePassage(TEXT, { exact: "e" })).toBeNull();
    expect(showsAsPassage(TEXT, "e")).toBe(false);
    expect(locatePassage(TEXT, { exact: "ploye" })).toBeNull();
    expect(locatePassage(TEXT, { exact: "assess the sys" })).toBeNull();
    expect(locatePassage(TEXT, { exact: "  " })).toBeNull();
    expect(locatePassage(TEXT, { exact: "" })).toBeNull();
  });

  it("takes whole words, in spaced scripts and in Japanese", () => {
    expect(locatePassage(TEXT, { exact: "assess the system" })).toBe(TEXT.indexOf("assess"));
    expect(locatePassage(TEXT, { exact: "利用者は記録" })).toBe(TEXT.indexOf("利用者"));
    expect(isPassage(TEXT, TEXT.indexOf("system."), "system.")).toBe(true);
  });

  it("needs prefix and suffix to tell repeated words apart, or the start where the author saw them", () => {
    const second = TEXT.lastIndexOf("The deployer must");
    expect(locatePassage(TEXT, { exact: "The deployer must" })).toBeNull();
    expect(locatePassage(TEXT, { exact: "The deployer must", prefix: "system. ", suffix: " keep" })).toBe(second);
    expect(locatePassage(TEXT, { exact: "The deployer must", suffix: " assess" })).toBe(0);
    expect(locatePassage(TEXT, { exact: "The deployer must", start: second })).toBe(second);
    expect(locatePassage(TEXT, { exact: "The deployer must", prefix: "nowhere " })).toBeNull();
  });

  it("never finds words that are not in the text", () => {
    expect(locatePassage(TEXT, { exact: "words nobody wrote" })).toBeNull();
    expect(showsAsPassage(TEXT, "words nobody wrote")).toBe(false);
  });
});
