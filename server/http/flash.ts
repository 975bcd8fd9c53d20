import { isMsg, type Translatable } from "../../common/i18n/intl.js";

export const FLASH_COOKIE = "margin_flash";
export const FLASH_MAX_LENGTH = 300;

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
