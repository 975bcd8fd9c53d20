import type { ConsultationStatus } from "./enums.js";

/**
 * The comment window: when a consultation takes comments. The server's policy
 * (may this person comment now?) and every page that shows the phase read it here.
 */


/** The phase people see: the status, with "open" split by the window's opening and closing times. */
export const PHASES = ["draft", "upcoming", "open", "closed", "final"] as const;
export type Phase = (typeof PHASES)[number];

export interface CommentWindow {
  status: ConsultationStatus;
  /** ISO times, or null when not set. */
  opensAt: string | null;
  closesAt: string | null;
}

/** The effective phase at `now`: an open consultation is "upcoming" before opens_at and "closed" from closes_at. */
export function phaseAt(w: CommentWindow, now: Date): Phase {
  if (w.status !== "open") return w.status;
  const t = now.getTime();
  if (w.opensAt && t < Date.parse(w.opensAt)) return "upcoming";
  if (w.closesAt && t >= Date.parse(w.closesAt)) return "closed";
  return "open";
}

/** Whether the comment window is open at `now`: status open and inside opens_at/closes_at. */
export function isCommentWindowOpen(w: CommentWindow, now: Date = new Date()): boolean {
  return phaseAt(w, now) === "open";
}
