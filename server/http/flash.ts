import { isMsg, type Translatable } from "../../common/i18n/intl.js";

export const FLASH_COOKIE = "margin_flash";
export const FLASH_MAX_LENGTH = 300;
/** The most a flash cookie's value may take once encoded (browsers keep about 4 KB per cookie, name and attributes included). */
export const FLASH_COOKIE_BYTES_MAX = 3000;

/**
 * Whether `message` reaches the next page whole: readFlash reads back at most
 * 4 × FLASH_MAX_LENGTH characters of JSON and FLASH_MAX_LENGTH of each value, and
 * the encoded cookie must fit a browser's (Japanese text takes 9 bytes a character).
 */
export function fitsFlash(message: Translatable): boolean {
  const text = typeof message === "string" ? message : JSON.stringify(message);
  if (encodeURIComponent(text).length > FLASH_COOKIE_BYTES_MAX) return false;
  if (typeof message === "string") return text.length <= FLASH_MAX_LENGTH;
  return text.length <= 4 * FLASH_MAX_LENGTH && Object.values(message.values ?? {}).every((v) => typeof v !== "string" || v.length <= FLASH_MAX_LENGTH);
}

/**
 * A Set-Cookie value carrying a one-time message for the next page: an English
 * phrase, or a catalog message (as JSON) that the next page words in its language.
 */
export function flashCookie(message: Translatable): string {
  const text = typeof message === "string" ? message.slice(0, FLASH_MAX_LENGTH) : JSON.stringify(message);
  return `${FLASH_COOKIE}=${encodeURIComponent(text)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=60`;
}

/** The cookie's message back: a catalog message when it is one, else the phrase (cut to the limit). */
export function readFlash(raw: string): Translatable {
  if (raw.startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(raw.slice(0, 4 * FLASH_MAX_LENGTH));
      if (isMsg(parsed)) {
        const values: Record<string, string | number> = {};
        for (const [k, v] of Object.entries(parsed.values ?? {})) if (typeof v === "string" || typeof v === "number") values[k] = typeof v === "string" ? v.slice(0, FLASH_MAX_LENGTH) : v;
        return { id: parsed.id, values };
      }
    } catch {
      // Not ours: shown as text below.
    }
  }
  return raw.slice(0, FLASH_MAX_LENGTH);
}

export function clearFlashCookie(): string {
  return `${FLASH_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}
