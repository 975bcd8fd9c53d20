import { describe, expect, it } from "vitest";
import { translator } from "../../common/i18n/intl.js";
import { FLASH_COOKIE, FLASH_COOKIE_BYTES_MAX, FLASH_MAX_LENGTH, clearFlashCookie, fitsFlash, flashCookie, readFlash } from "./flash.js";

/** What the browser sends back: the cookie's value, as the request's cookie reader decodes it. */
function roundTrip(setCookie: string): string {
  const [pair = ""] = setCookie.split(";");
  expect(pair.startsWith(`${FLASH_COOKIE}=`)).toBe(true);
  return decodeURIComponent(pair.slice(FLASH_COOKIE.length + 1));
}

describe("flash messages across a redirect", () => {
  it("carries an English phrase, shown in the next page's language", () => {
    const back = readFlash(roundTrip(flashCookie("You are signed out.")));
    expect(back).toBe("You are signed out.");
    expect(translator("ja").msg(back)).toBe("ログアウトしました。");
    expect(translator("en").msg(back)).toBe("You are signed out.");
  });

  it("carries a catalog message with its values, worded by the next page", () => {
    const back = readFlash(roundTrip(flashCookie({ id: "auth.signedIn", values: { name: "山田 花子" } })));
    expect(back).toEqual({ id: "auth.signedIn", values: { name: "山田 花子" } });
    expect(translator("ja").msg(back)).toBe("山田 花子さんとしてログインしました。");
    expect(translator("en").msg(back)).toBe("Signed in as 山田 花子.");
  });

  it("keeps text that only looks like JSON, and unknown ids, as plain text", () => {
    expect(readFlash('{"id":"no.such.message"}')).toBe('{"id":"no.such.message"}');
    expect(readFlash("{not json")).toBe("{not json");
    expect(readFlash('{"id":"auth.signedIn","values":{"name":{"nested":1}}}')).toEqual({ id: "auth.signedIn", values: {} });
  });

  it("cuts long messages and values to the limit", () => {
    const long = "x".repeat(FLASH_MAX_LENGTH * 2);
    expect(readFlash(roundTrip(flashCookie(long)))).toHaveLength(FLASH_MAX_LENGTH);
    const back = readFlash(roundTrip(flashCookie({ id: "auth.signedIn", values: { name: "y".repeat(FLASH_MAX_LENGTH - 50) } })));
    expect(typeof back === "object" && String(back.values?.name).length).toBe(FLASH_MAX_LENGTH - 50);
  });

  it("is a one-minute, HttpOnly cookie, and clearing it expires it", () => {
    expect(flashCookie("Hi there.")).toMatch(/; Path=\/; HttpOnly; SameSite=Lax; Max-Age=60$/);
    expect(clearFlashCookie()).toMatch(/^margin_flash=; .*Max-Age=0$/);
  });
});

describe("what fits a flash cookie", () => {
  it("reaches the next page whole exactly when fitsFlash says so", () => {
    const report = (n: number, alt: string) => ({
      id: "create.importedWithoutImages" as const,
      values: { title: "指針", count: n, images: Array.from({ length: n }, (_, i) => `“${alt}${i}” (見出し)`).join("; ") },
    });
    const small = report(2, "図");
    expect(fitsFlash(small)).toBe(true);
    expect(readFlash(roundTrip(flashCookie(small)))).toEqual(small);
    // Ten Japanese descriptions of 80 characters: past what readFlash keeps of a value, and past a cookie's size.
    const large = report(10, "画".repeat(80));
    expect(fitsFlash(large)).toBe(false);
    expect(encodeURIComponent(JSON.stringify(large)).length).toBeGreaterThan(FLASH_COOKIE_BYTES_MAX);
    expect(readFlash(roundTrip(flashCookie(large)))).not.toEqual(large);
    expect(fitsFlash("x".repeat(FLASH_MAX_LENGTH))).toBe(true);
    expect(fitsFlash("x".repeat(FLASH_MAX_LENGTH + 1))).toBe(false);
  });
});
