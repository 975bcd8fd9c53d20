import type { ServedSettings } from "../served.js";
import { isTeamChain, sha256Hex } from "../chain.js";
import { RecordMismatch, entryName, type CheckContext, type RecordCheck } from "./context.js";

type WireEntry = CheckContext["entries"][number];

/** The recorded settings a reader is shown, how each is read from what is served, and how a message names it. */
const CHECKED: { key: string; label: string; served: (s: ServedSettings) => unknown }[] = [
  { key: "title", label: "title", served: (s) => s.title },
  { key: "summarySha256", label: "summary's SHA-256", served: (s) => sha256Hex(s.summary) },
  { key: "opensAt", label: "opening date", served: (s) => s.opensAt },
  { key: "closesAt", label: "closing date", served: (s) => s.closesAt },
  { key: "moderationMode", label: "moderation mode", served: (s) => s.moderationMode },
  // Recorded since issue 15 (entries before it lack them and are not compared on them).
  { key: "contentLanguage", label: "content language", served: (s) => s.contentLanguage },
  { key: "timeZone", label: "time zone", served: (s) => s.timeZone },
  // Recorded and served since issue 17 (ADR 026).
  { key: "draftingMode", label: "drafting mode", served: (s) => s.draftingMode },
  // Not served by the API; the database source reads them (a server leaves them undefined, and they are skipped).
  { key: "premoderateFirstPosts", label: "holding of first posts", served: (s) => s.premoderateFirstPosts },
  { key: "showModeratorNames", label: "showing of moderators' names", served: (s) => s.showModeratorNames },
];

interface Known {
  slug: string;
  values: Record<string, unknown>;
  /** The entry each value comes from. */
  from: Record<string, WireEntry>;
}

/**
 * The title, summary, dates, moderation mode, content language and time zone a consultation is served with must be what its
 * latest settings entries say: a deadline moved in the database, with no entry,
 * shows. Consultations whose record starts before settings were recorded (no
 * settings entry at all) are noted, not failed.
 */
export const checkSettings: RecordCheck = async (ctx) => {
  const read = ctx.source.served.consultationSettings;
  if (!read) {
    ctx.note("consultation settings were not compared: this source does not serve them");
    return;
  }
  // A draft's entries are on its team chain and come before its public ones.
  const entries = [...ctx.byKind("settings")].sort((a, b) => Number(isTeamChain(b.chain)) - Number(isTeamChain(a.chain)));
  const known = new Map<string, Known>();
  for (const e of entries) {
    if (!e.consultationId) continue;
    const k = known.get(e.consultationId) ?? { slug: String(e.payload.slug), values: {}, from: {} };
    known.set(e.consultationId, k);
    const snapshot = e.payload.settings as Record<string, unknown> | undefined;
    const changes = e.payload.changes as Record<string, { to: unknown }> | undefined;
    for (const { key } of CHECKED) {
      if (snapshot && key in snapshot) setKnown(k, key, snapshot[key], e);
      else if (changes?.[key]) setKnown(k, key, changes[key].to, e);
    }
  }
  for (const [consultationId, k] of known) {
    const served = await read({ consultationId, slug: k.slug });
    if (!served) throw new RecordMismatch(`consultation ${k.slug}: the ledger records its settings, but it is not served`);
    for (const { key, label, served: read } of CHECKED) {
      if (!(key in k.values)) continue;
      const shown = read(served);
      if (shown === undefined) continue;
      if (shown !== k.values[key]) {
        throw new RecordMismatch(
          `consultation ${k.slug}: its ${label} is served as ${show(shown)}, but the ledger's latest settings (${entryName(k.from[key]!)}) say ${show(k.values[key])}`,
        );
      }
    }
  }
  await checkStatus(ctx, read);
  const predating = new Set(ctx.entries.filter((e) => e.consultationId && !known.has(e.consultationId)).map((e) => e.consultationId));
  if (predating.size > 0) ctx.note(`${predating.size} consultation(s) have no settings entries (their record predates them); their settings were not compared`);
};

function setKnown(k: Known, key: string, value: unknown, e: WireEntry): void {
  k.values[key] = value;
  k.from[key] = e;
}

function show(v: unknown): string {
  return v === null || v === undefined ? "not set" : JSON.stringify(v);
}

/**
 * A consultation's status (draft, open, closed, final) is what its latest phase
 * change says: closing commenting or declaring the result final in the database,
 * with no entry, shows.
 */
async function checkStatus(ctx: CheckContext, read: NonNullable<CheckContext["source"]["served"]["consultationSettings"]>): Promise<void> {
  const latest = new Map<string, WireEntry>();
  for (const e of ctx.byKind("phase_change")) if (e.consultationId) latest.set(e.consultationId, e);
  const slugs = new Map<string, string>();
  for (const e of ctx.byKind("settings")) if (e.consultationId && typeof e.payload.slug === "string") slugs.set(e.consultationId, e.payload.slug);
  for (const [consultationId, e] of latest) {
    const slug = slugs.get(consultationId);
    if (!slug) continue; // a record from before settings entries: the slug is unknown over HTTP
    const served = await read({ consultationId, slug });
    if (!served) throw new RecordMismatch(`consultation ${slug}: the ledger records its phases (${entryName(e)}), but it is not served`);
    if (served.status !== e.payload.to) {
      throw new RecordMismatch(`consultation ${slug}: it is served as ${show(served.status)}, but its latest phase change (${entryName(e)}) made it ${show(e.payload.to)}`);
    }
  }
}
