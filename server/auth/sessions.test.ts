import { describe, expect, it } from "vitest";
import { hashSecret, readCookie, secretMatches } from "./sessions.js";

describe("session secrets", () => {
  it("matches only the secret that was hashed", () => {
    const stored = hashSecret("abcdefghijklmnopqrstuvwx");
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(secretMatches("abcdefghijklmnopqrstuvwx", stored)).toBe(true);
    expect(secretMatches("abcdefghijklmnopqrstuvwy", stored)).toBe(false);
    expect(secretMatches("abcdefghijklmnopqrstuvwx", "not-hex")).toBe(false);
  });
});

describe("readCookie", () => {
  it("reads one cookie and survives malformed headers", () => {
    expect(readCookie("a=1; margin_session=x.y; b=2", "margin_session")).toBe("x.y");
    expect(readCookie("margin_session=%E0%A4%A", "margin_session")).toBe("%E0%A4%A");
    expect(readCookie(";;;=;", "margin_session")).toBeNull();
    expect(readCookie(undefined, "margin_session")).toBeNull();
  });
});
