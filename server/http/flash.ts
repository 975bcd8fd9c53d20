export const FLASH_COOKIE = "margin_flash";
export const FLASH_MAX_LENGTH = 300;

/** A Set-Cookie value carrying a one-time message for the next page. */
export function flashCookie(message: string): string {
  return `${FLASH_COOKIE}=${encodeURIComponent(message.slice(0, FLASH_MAX_LENGTH))}; Path=/; HttpOnly; SameSite=Lax; Max-Age=60`;
}

export function clearFlashCookie(): string {
  return `${FLASH_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}
