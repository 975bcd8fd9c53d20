import { describe, expect, it } from "vitest";
import { ellipsize, headByGraphemes, tailByGraphemes } from "./graphemes.js";

const FAMILY = "👨‍👩‍👧"; // 8 UTF-16 units, one grapheme
const FLAG = "🇫🇷"; // 4 units

describe("grapheme cutters", () => {
  it("keep text that fits as it is", () => {
    expect(headByGraphemes("abc", 3)).toBe("abc");
    expect(tailByGraphemes("abc", 3)).toBe("abc");
    expect(ellipsize("abc", 3)).toBe("abc");
  });

  it("cut between characters, never inside an emoji or a flag", () => {
    expect(headByGraphemes(`ab${FAMILY}cd`, 5)).toBe("ab");
    expect(headByGraphemes(`ab${FAMILY}cd`, 10)).toBe(`ab${FAMILY}`);
    expect(tailByGraphemes(`ab${FLAG}cd`, 5)).toBe("cd");
    expect(tailByGraphemes(`ab${FLAG}cd`, 6)).toBe(`${FLAG}cd`);
    expect(headByGraphemes("e\u0301e\u0301", 3)).toBe("e\u0301");
  });

  it("ellipsize stays within max, ellipsis included", () => {
    expect(ellipsize("abcdef", 4)).toBe("abc…");
    expect(ellipsize(`a${FLAG}bcdef`, 4)).toBe("a…");
    expect(ellipsize("abcdef", 4).length).toBeLessThanOrEqual(4);
  });
});
