// Colours with enough contrast for white label text.
const PRESENCE_COLOURS = ["#1d4f91", "#b3261e", "#1e7a3c", "#8a4baf", "#b35c00", "#00747a", "#a3195b", "#4a5a00"];

/** A stable colour per user, so a person keeps their colour across sessions. */
export function presenceColour(userId: string): string {
  let h = 0;
  for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return PRESENCE_COLOURS[h % PRESENCE_COLOURS.length]!;
}

