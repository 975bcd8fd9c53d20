import { z } from "zod";

/**
 * Every kind of notification (issue 16). Each can be switched on or off per
 * person, in the app and by e-mail separately; `defaults` is what a person who
 * never touched the setting gets.
 */
export const NOTIFICATION_KINDS = [
  "reply",
  "response",
  "suggestion_decision",
  "moderation",
  "version",
  "consultation_opened",
  "closing_soon",
  "consultation_closed",
  "results",
  "request_addressed",
  "request_deadline",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface Channels {
  app: boolean;
  email: boolean;
}

const ON: Channels = { app: true, email: true };
/** Everything is on by default: a participant who submitted a response hears back without setting anything. */
export const DEFAULT_CHANNELS: Record<NotificationKind, Channels> = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, ON])) as Record<NotificationKind, Channels>;

const ChannelsSchema = z.object({ app: z.boolean(), email: z.boolean() }).strict();
const PrefsSchema = z.record(z.string(), ChannelsSchema);

/** A person's settings (the JSON stored on their account), with the defaults for kinds not stored; a corrupt value reads as the defaults. */
export function channelsOf(stored: string | null | undefined): Record<NotificationKind, Channels> {
  let parsed: Record<string, Channels> = {};
  try {
    const r = PrefsSchema.safeParse(JSON.parse(stored ?? "{}"));
    if (r.success) parsed = r.data;
  } catch {
    // keep the defaults
  }
  const out = { ...DEFAULT_CHANNELS };
  for (const k of NOTIFICATION_KINDS) if (parsed[k]) out[k] = parsed[k]!;
  return out;
}

export function isNotificationKind(v: unknown): v is NotificationKind {
  return typeof v === "string" && (NOTIFICATION_KINDS as readonly string[]).includes(v);
}
