import { phaseAt, type Phase } from "../../common/phase.js";
import type { ConsultationRole, ConsultationRow } from "../../db/schema.js";
import type { LedgerEvent } from "./append.js";
import { newSalt, saltedDigest, sha256Hex } from "./chain.js";

/**
 * How a consultation's settings and team are written to the ledger (issue 13).
 * Settings are public once the consultation is (its pages show the dates, the
 * moderation mode and the title), so they are recorded in clear; the summary,
 * which can be long, by its SHA-256. The team list is shown only to the owners,
 * so a member is recorded by a salted digest of their account id, with the role.
 */

/** The settings the ledger records, in the names its entries use. */
export interface RecordedSettings {
  title: string;
  summarySha256: string;
  opensAt: string | null;
  closesAt: string | null;
  moderationMode: ConsultationRow["moderation_mode"];
  premoderateFirstPosts: boolean;
  showModeratorNames: boolean;
  /** Since issue 15: the language its content is written in and the time zone its dates are read and shown in. */
  contentLanguage: string;
  timeZone: string;
  /** Since issue 17: whether drafters edit the public text live or a working copy they publish (ADR 026). */
  draftingMode: ConsultationRow["drafting_mode"];
}

type SettingsColumns = Pick<
  ConsultationRow,
  "title" | "summary" | "opens_at" | "closes_at" | "moderation_mode" | "premoderate_first_posts" | "show_moderator_names" | "content_language" | "time_zone" | "drafting_mode"
>;

export function recordedSettings(c: SettingsColumns): RecordedSettings {
  return {
    title: c.title,
    summarySha256: sha256Hex(c.summary),
    opensAt: c.opens_at,
    closesAt: c.closes_at,
    moderationMode: c.moderation_mode,
    premoderateFirstPosts: c.premoderate_first_posts === 1,
    showModeratorNames: c.show_moderator_names === 1,
    contentLanguage: c.content_language,
    timeZone: c.time_zone,
    draftingMode: c.drafting_mode,
  };
}

/**
 * The full settings at a point that starts a record: creation (on the team's
 * chain) and opening (the first public word on them). `slug` lets a verifier
 * reading a server find the consultation the entry is about.
 */
export function settingsSnapshotEvent(c: ConsultationRow, reason: "created" | "opened", at: string): LedgerEvent {
  return {
    kind: "settings",
    consultationId: c.id,
    subjectId: c.id,
    createdAt: at,
    payload: { slug: c.slug, reason, settings: recordedSettings(c) },
  };
}

type Changes = Partial<{ [K in keyof RecordedSettings]: { from: RecordedSettings[K]; to: RecordedSettings[K] } }>;

/**
 * A change of settings: each changed field with its value before and after.
 * When the change moves the comment window (a deadline moved into the past
 * closes commenting at once), the entry says so in `phase`.
 */
export function settingsChangeEvent(before: ConsultationRow, after: ConsultationRow, at: string): LedgerEvent | null {
  const from = recordedSettings(before);
  const to = recordedSettings(after);
  const changes: Changes = {};
  for (const key of Object.keys(from) as (keyof RecordedSettings)[]) {
    if (from[key] !== to[key]) (changes as Record<string, unknown>)[key] = { from: from[key], to: to[key] };
  }
  if (Object.keys(changes).length === 0) return null;
  const now = new Date(at);
  const phaseBefore = phaseOfRow(before, now);
  const phaseAfter = phaseOfRow(after, now);
  return {
    kind: "settings",
    consultationId: after.id,
    subjectId: after.id,
    createdAt: at,
    payload: {
      slug: after.slug,
      reason: "changed",
      changes,
      ...(phaseBefore !== phaseAfter ? { phase: { from: phaseBefore, to: phaseAfter } } : {}),
    },
  };
}

function phaseOfRow(c: Pick<ConsultationRow, "status" | "opens_at" | "closes_at">, now: Date): Phase {
  return phaseAt({ status: c.status, opensAt: c.opens_at, closesAt: c.closes_at }, now);
}

/** A member added, given another role, or removed (`to` null). */
export function membershipEvent(consultationId: string, userId: string, from: ConsultationRole | null, to: ConsultationRole | null, at: string): LedgerEvent {
  const salt = newSalt();
  return {
    kind: "membership",
    consultationId,
    createdAt: at,
    salt,
    payload: { memberDigest: saltedDigest(salt, userId), role: { from, to } },
  };
}
