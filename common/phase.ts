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

/** The phase changes that cannot be taken back, which the settings page asks to confirm: a draft made public, and a consultation made final. */
export function isIrreversiblePhaseChange(from: ConsultationStatus, to: ConsultationStatus): boolean {
  return to === "final" || (from === "draft" && to === "open");
}

/** When the comment window really opened and closed, as far as it has: a phase change's time where it differs from the plan. */
export interface ActualWindow {
  openedAt: string | null;
  closedAt: string | null;
}

/**
 * The moments the comment window actually opened and closed, from the planned times and the phase changes
 * (oldest first): opening with no start date opens it at the change; closing early closes it at the change; a
 * window left open closes at its planned end. Null for what has not happened by `now`.
 */
export function actualWindow(w: CommentWindow, changes: readonly { to: string; at: string }[], now: Date): ActualWindow {
  const lastOpening = [...changes].reverse().find((c) => c.to === "open");
  if (w.status === "draft" || !lastOpening) return { openedAt: null, closedAt: null };
  const t = now.getTime();
  const openedAt = w.opensAt && Date.parse(w.opensAt) > Date.parse(lastOpening.at) ? w.opensAt : lastOpening.at;
  if (Date.parse(openedAt) > t) return { openedAt: null, closedAt: null };
  const closing = changes.find((c) => c.to === "closed" && Date.parse(c.at) >= Date.parse(lastOpening.at));
  let closedAt: string | null = closing?.at ?? null;
  // The planned end, when it came first (and after the opening): the window closed then, whatever was clicked later.
  if (w.closesAt && Date.parse(w.closesAt) <= t && Date.parse(w.closesAt) >= Date.parse(openedAt) && (!closedAt || Date.parse(w.closesAt) < Date.parse(closedAt))) closedAt = w.closesAt;
  return { openedAt, closedAt };
}
