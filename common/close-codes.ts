/**
 * WebSocket close codes of the collaboration server (4000–4999 are ours), read
 * by the server (server/collab) and the browser hook (app/collab). 44xx mirror
 * HTTP errors and tell the stock y-websocket client not to reconnect; 41xx mean "reconnect".
 */
export const CLOSE = {
  goingAway: 1001,
  /** What the user may do changed (role, phase); a new connection gets the new rights. */
  accessChanged: 4100,
  /** The socket fell too far behind; a fresh connection resyncs. */
  tooSlow: 4101,
  badMessage: 4400,
  unauthenticated: 4401,
  forbidden: 4403,
  notFound: 4404,
  /** A newer connection of the same person's client took its Yjs client id over (a reconnect the server saw first). */
  replaced: 4409,
  tooLarge: 4413,
  /** The update holds content the editor cannot show (another binding's nodes, marks or roots); nothing of it was stored. */
  unsupportedContent: 4422,
  rateLimited: 4429,
  /** The working copy closed under the user's typing ("back to live", "final"): the last edit was refused, not stored (ADR 026). */
  workingCopyClosed: 4410,
  internal: 4500,
  unavailable: 4503,
} as const;

/** Close codes after which the page should re-read what the user may do. */
export const ACCESS_CLOSE_CODES: ReadonlySet<number> = new Set<number>([CLOSE.accessChanged, CLOSE.unauthenticated, CLOSE.forbidden, CLOSE.workingCopyClosed]);
