/** Base of the reconnect back-off, and its ceiling. */
export const RECONNECT_BASE_MS = 200;
export const RECONNECT_MAX_MS = 10_000;

/**
 * How long to wait before reconnect attempt `attempt` (0-based): exponential
 * back-off with "full jitter", a random point between half and all of it, so
 * that many clients cut off together do not return together.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
