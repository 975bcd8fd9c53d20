import { PHASE_LABEL } from "../../common/labels.js";
import type { Phase } from "../../common/phase.js";

/**
 * How the feed words the settings and final-report entries (issue 13), so that
 * a deadline moved or a report frozen reaches the people following a consultation.
 */

const FIELD_LABEL: Record<string, string> = {
  title: "Title",
  summarySha256: "Summary",
  opensAt: "Opening time",
  closesAt: "Closing time",
  moderationMode: "Moderation",
  premoderateFirstPosts: "Holding first posts for a moderator",
  showModeratorNames: "Showing moderators' names",
  draftingMode: "Drafting",
};

const phaseText = (p: string) => (Object.hasOwn(PHASE_LABEL, p) ? PHASE_LABEL[p as Phase].toLowerCase() : p);

const MODE_LABEL: Record<string, string> = { pre: "pre-moderation", post: "post-moderation" };
const DRAFTING_LABEL: Record<string, string> = { live: "live (public as the team types)", working: "in a working copy (public when the team publishes)" };

function valueText(field: string, v: unknown): string {
  if (v === null || v === undefined) return "not set";
  if (typeof v === "boolean") return v ? "on" : "off";
  if (field === "moderationMode") return MODE_LABEL[String(v)] ?? String(v);
  if (field === "draftingMode") return DRAFTING_LABEL[String(v)] ?? String(v);
  return String(v);
}

/** A settings change as a feed item; null for the full snapshots written at creation and opening. */
export function settingsFeedItem(p: Record<string, any>): { title: string; content: string } | null {
  if (p.reason === "recipients") return recipientsFeedItem(p.recipients?.to ?? []);
  if (p.reason !== "changed" || !p.changes) return null;
  const fields = Object.keys(p.changes as object);
  const lines = fields.map((f) =>
    f === "summarySha256" ? "The summary was rewritten." : `${FIELD_LABEL[f] ?? f}: ${valueText(f, p.changes[f].from)} → ${valueText(f, p.changes[f].to)}.`,
  );
  const phase = p.phase as { from: Phase; to: Phase } | undefined;
  if (phase) lines.push(`The consultation is now ${phaseText(phase.to)} (it was ${phaseText(phase.from)}).`);
  const title = `Settings changed: ${fields.map((f) => (FIELD_LABEL[f] ?? f).toLowerCase()).join(", ")}${phase ? ` (now ${phaseText(phase.to)})` : ""}`;
  return { title, content: lines.join(" ") };
}

/** A change of who reads the confidential submissions (ADR 019). */
function recipientsFeedItem(to: { name: string }[]): { title: string; content: string } {
  const readers = to.length > 0 ? `the members of ${to.map((b) => b.name).join(", ")}` : "the consultation's owners and drafters";
  return { title: "Readers of confidential submissions changed", content: `Confidential submissions are now read by ${readers}.` };
}

/** A frozen final report as a feed item. */
export function reportFrozenFeedItem(p: Record<string, any>): { title: string; content: string } {
  return {
    title: `Final report on version ${p.versionNumber} frozen`,
    content: `The response to comments on version ${p.versionNumber} (${p.items} comment(s)) is final. Its SHA-256 fingerprint is ${p.reportSha256}; later corrections are listed with the report.`,
  };
}
