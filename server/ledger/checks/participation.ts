import { PUBLIC_CHAIN, isTeamChain } from "../chain.js";
import type { ServedComment } from "../served.js";
import type { WireEntry } from "../wire.js";
import type { CheckContext } from "./context.js";

/**
 * The ledger's latest word on each comment, replayed from its submission, edits,
 * moderation decisions and withdrawal, and the served comments read once for all
 * the participation checks (comments, responses, moderation).
 */

export interface LedgerComment {
  id: string;
  consultationId: string;
  sectionId: string;
  submission: WireEntry;
  visibility: string;
  status: string;
  /** SHA-256 of the text the public may read now, and the entry that says so; null while the public may not read it. */
  bodySha256: string | null;
  replacementSha256: string | null;
  /** The entry that gave the current text (submission, edit or the moderation that published it). */
  textEntry: WireEntry;
  /** Whether an entry since the submission changed the text without the public hash (written before these entries carried it). */
  textUnknown: boolean;
  /** The last entry that changed what the public is shown of it. */
  lastWord: WireEntry;
  /** Withdrawn with a response: stays listed as withdrawn. */
  answeredWithdrawal: boolean;
}

/** Whether the ledger says the public is shown this comment now. */
export function shownPublicly(c: LedgerComment): boolean {
  return c.visibility === "public" && (c.status === "published" || (c.status === "deleted" && c.answeredWithdrawal));
}

/** How a message names a comment and the entry that speaks for it: "comment 01J… (public #57 submission)". */
export function commentName(id: string, e: WireEntry): string {
  return `comment ${id} (${e.chain} #${e.seq} ${e.kind})`;
}

/** Entries in the order things happened to one comment: drafting (team chains) before the public chain. */
export function inHistoryOrder(entries: WireEntry[]): WireEntry[] {
  return [...entries.filter((e) => e.chain !== PUBLIC_CHAIN), ...entries.filter((e) => e.chain === PUBLIC_CHAIN)];
}

const replays = new WeakMap<CheckContext, Map<string, LedgerComment>>();

export function ledgerComments(ctx: CheckContext): Map<string, LedgerComment> {
  const cached = replays.get(ctx);
  if (cached) return cached;
  const out = new Map<string, LedgerComment>();
  const relevant = new Set(["submission", "edit", "moderation", "withdrawal"]);
  for (const e of inHistoryOrder(ctx.entries)) {
    if (!relevant.has(e.kind)) continue;
    const p = e.payload;
    const id = String(p.commentId ?? "");
    if (e.kind === "submission") {
      out.set(id, {
        id,
        consultationId: e.consultationId ?? "",
        sectionId: e.sectionId ?? "",
        submission: e,
        visibility: String(p.visibility),
        status: String(p.status),
        bodySha256: (p.bodySha256 as string | null) ?? null,
        replacementSha256: (p.replacementSha256 as string | null) ?? null,
        textEntry: e,
        textUnknown: false,
        lastWord: e,
        answeredWithdrawal: false,
      });
      continue;
    }
    const c = out.get(id);
    if (!c) continue; // a comment from before the participation record
    if (e.kind === "edit") {
      c.bodySha256 = (p.bodySha256 as string | null) ?? null;
      c.textEntry = e;
      c.lastWord = e;
    } else if (e.kind === "withdrawal") {
      c.status = "deleted";
      c.answeredWithdrawal = p.dispositionId != null;
      c.lastWord = e;
    } else if (p.action === "hide" || p.action === "reject") {
      c.status = "hidden";
      c.lastWord = e;
    } else if ((p.action === "approve" || p.action === "restore") && c.status !== "published") {
      c.status = "published";
      c.lastWord = e;
      if ("bodySha256" in p) {
        c.bodySha256 = (p.bodySha256 as string | null) ?? null;
        c.replacementSha256 = (p.replacementSha256 as string | null) ?? null;
        c.textEntry = e;
      } else c.textUnknown = true;
    }
  }
  replays.set(ctx, out);
  return out;
}

/** The first submission entry's time: comments written before it predate the participation record. */
export function participationStart(ctx: CheckContext): string | null {
  let first: string | null = null;
  for (const e of ctx.byKind("submission")) if (first === null || e.createdAt < first) first = e.createdAt;
  return first;
}

/**
 * Whether something of this consultation at this time is recorded on its team chain and
 * the source does not publish that chain (a server): written while it was a draft.
 */
export function onUnreadTeamChain(ctx: CheckContext, consultationId: string | null, at: string): boolean {
  if (!consultationId) return false;
  const opening = unreadDraftingEnds(ctx).get(consultationId);
  return opening !== undefined && at <= opening;
}

const draftingEnds = new WeakMap<CheckContext, Map<string, string>>();

/** When each consultation whose team chain this source did not give opened. */
function unreadDraftingEnds(ctx: CheckContext): Map<string, string> {
  let ends = draftingEnds.get(ctx);
  if (!ends) {
    const read = new Set(ctx.entries.filter((e) => isTeamChain(e.chain)).map((e) => e.consultationId));
    ends = new Map();
    for (const e of ctx.byKind("phase_change")) {
      if (e.consultationId && e.payload.from === "draft" && !read.has(e.consultationId) && !ends.has(e.consultationId)) ends.set(e.consultationId, e.createdAt);
    }
    draftingEnds.set(ctx, ends);
  }
  return ends;
}

export interface ServedSection {
  sectionId: string;
  consultationId: string | null;
  /** Null when the source does not publish the section. */
  comments: ServedComment[] | null;
}

const servedReads = new WeakMap<CheckContext, Promise<ServedSection[] | null>>();

/** Every section's served comments, read once per verify; null when the source cannot read comments. */
export function servedComments(ctx: CheckContext): Promise<ServedSection[] | null> {
  let read = servedReads.get(ctx);
  if (!read) {
    read = readServedComments(ctx);
    servedReads.set(ctx, read);
  }
  return read;
}

async function readServedComments(ctx: CheckContext): Promise<ServedSection[] | null> {
  const served = ctx.source.served;
  if (!served.publicComments) return null;
  const consultationOf = new Map<string, string | null>();
  for (const e of ctx.entries) if (e.sectionId && !consultationOf.has(e.sectionId)) consultationOf.set(e.sectionId, e.consultationId);
  const sections = new Set<string>();
  for (const e of ctx.entries) if (e.sectionId && ["submission", "edit", "withdrawal", "disposition", "moderation"].includes(e.kind)) sections.add(e.sectionId);
  for (const s of (await served.commentSections?.()) ?? []) sections.add(s);
  const out: ServedSection[] = [];
  for (const sectionId of [...sections].sort()) {
    out.push({ sectionId, consultationId: consultationOf.get(sectionId) ?? null, comments: await served.publicComments(sectionId) });
  }
  return out;
}
