import { randomBytes } from "node:crypto";
import type { LedgerHead } from "./append.js";
import { PUBLIC_CHAIN, entryHash, saltedDigest, sha256Hex, type LedgerPayload } from "./chain.js";
import { VERIFY_PAGE } from "./sources.js";
import type { WireEntry } from "./wire.js";

/**
 * Submitters' receipts (issue 13): a reference number to quote, and the means
 * to prove later, from outside, that the public ledger still holds what they
 * submitted. These are pure functions plus the HTTP reader `margin verify
 * --receipt` uses; storing receipts is server/domain/receipts.ts.
 */

/*
 * Reference numbers, like the 受付番号 Japan's e-Gov gives for an online filing:
 * short enough to read out on the phone, and unambiguous when heard or typed.
 * They are random (not a counter), so a reference says nothing about how many
 * submissions came before it and cannot be guessed to find someone else's.
 *
 * The symbols are Crockford's base 32: digits and letters without I, L, O and U,
 * so "one", "el" and "oh" never need telling apart, and no word is spelled by
 * accident. Ten symbols carry 50 random bits: even at a million submissions the
 * chance that a new one collides is about one in a billion, and a collision is
 * retried anyway. Written as `M-7K3Q-9X2D-4B`: the M says "Margin" in an inbox,
 * and groups of four are how people read numbers aloud. Reading back is lenient:
 * lower case, missing dashes, and I/L for 1 and O for 0 are all understood.
 */
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** Random symbols in a receipt reference (5 bits each). */
export const RECEIPT_REFERENCE_SYMBOLS = 10;
const REFERENCE_PREFIX = "M";
const GROUP = 4;

/** A fresh reference number, such as `M-7K3Q-9X2D-4B`. */
export function newReceiptReference(): string {
  let bits = BigInt(`0x${randomBytes(Math.ceil((RECEIPT_REFERENCE_SYMBOLS * 5) / 8)).toString("hex")}`);
  let symbols = "";
  for (let i = 0; i < RECEIPT_REFERENCE_SYMBOLS; i++) {
    symbols += CROCKFORD[Number(bits & 31n)];
    bits >>= 5n;
  }
  return formatReference(symbols);
}

function formatReference(symbols: string): string {
  const groups: string[] = [];
  for (let i = 0; i < symbols.length; i += GROUP) groups.push(symbols.slice(i, i + GROUP));
  return [REFERENCE_PREFIX, ...groups].join("-");
}

/** A reference as someone typed or read it, in its one written form; null when it cannot be one. */
export function normaliseReference(input: string): string | null {
  let s = input.toUpperCase().replace(/[\s-]/g, "");
  if (s.length === RECEIPT_REFERENCE_SYMBOLS + REFERENCE_PREFIX.length && s.startsWith(REFERENCE_PREFIX)) s = s.slice(REFERENCE_PREFIX.length);
  s = s.replace(/[IL]/g, "1").replace(/O/g, "0");
  if (s.length !== RECEIPT_REFERENCE_SYMBOLS || [...s].some((ch) => !CROCKFORD.includes(ch))) return null;
  return formatReference(s);
}

/** The digest a receipt holds: the public SHA-256 of the text when the public may read it, else the entry's salted digest. */
export interface ReceiptDigest {
  value: string;
  salted: boolean;
}

/** What a receipt commits to, taken from the ledger entry just appended. */
export interface ReceiptAnchor {
  head: LedgerHead;
  digest: ReceiptDigest;
}

/** A submission or position entry's digest for its receipt. */
export function submissionDigest(payload: LedgerPayload): ReceiptDigest {
  if (typeof payload.bodySha256 === "string") return { value: payload.bodySha256, salted: false };
  if (typeof payload.bodyDigest === "string") return { value: payload.bodyDigest, salted: true };
  // A position's rationale is shown only to its author: its receipt holds the salted digest.
  if (typeof payload.rationaleDigest === "string") return { value: payload.rationaleDigest, salted: true };
  throw new Error("a submission entry without a body digest");
}

export const RECEIPT_FORMAT = "margin-receipt/1";

/** The downloadable receipt (its file form is checked by `ReceiptFileSchema` in server/domain/schemas.ts). */
export interface ReceiptDocument {
  format: typeof RECEIPT_FORMAT;
  reference: string;
  server: string;
  consultation: { slug: string; title: string };
  section: { id: string; title: string } | null;
  subject: { kind: string; id: string };
  submittedAt: string;
  ledger: { chain: string; seq: number; hash: string };
  digest: { alg: "sha256" | "salted-sha256"; value: string };
  /** Salted receipts only: with it and the text, the owner can show what the digest commits to. */
  salt?: string;
  /** The submitted text, for the owner's convenience; null when it was deleted. */
  text?: string | null;
}

/** How the record stands for a receipt. Included states exit 0, the others 1. */
export type ReceiptState = "unaltered" | "changed" | "missing" | "different" | "unverifiable";

export interface ReceiptLaterEvent {
  seq: number;
  kind: string;
  at: string;
  /** A sentence for people: "edited on …", "hidden by moderation (reason: spam) on …". */
  description: string;
}

export interface ReceiptCheck {
  ok: boolean;
  state: ReceiptState;
  reference: string;
  entry: { seq: number; hash: string };
  head: { seq: number; hash: string } | null;
  later: ReceiptLaterEvent[];
  /** Sentences for people, in order; they never contain the submitted text. */
  findings: string[];
}

/** What checking a receipt reads of the public record. */
export interface ReceiptLedgerReader {
  describe: string;
  /** The public entry at `seq`, or null when the chain is shorter. */
  entryAt(seq: number): Promise<WireEntry | null>;
  /** The public entries after `seq`, oldest first, in pages. */
  entriesAfter(seq: number): AsyncIterable<WireEntry[]>;
  /** The text the public API serves for a comment now, or null when it serves none. */
  servedComment?(sectionId: string, commentId: string): Promise<string | null>;
}

const describeEntry = (e: WireEntry) => `a ${e.kind} entry of ${e.createdAt} (hash ${e.hash.slice(0, 16)}…)`;

function recomputes(e: WireEntry): boolean {
  return entryHash(e) === e.hash;
}

/** The receipt's own consistency: a salted receipt's text and salt must give its digest. */
function selfCheck(r: ReceiptDocument): string | null {
  if (r.text === undefined || r.text === null) return null;
  const expected = r.digest.alg === "sha256" ? sha256Hex(r.text) : r.salt ? saltedDigest(r.salt, r.text) : null;
  if (expected === null) return null;
  return expected === r.digest.value ? null : "the text in this receipt does not give the receipt's digest: the file was altered";
}

/** The digest the entry holds for the kind of digest the receipt carries. */
function entryDigest(r: ReceiptDocument, e: WireEntry): unknown {
  if (r.subject.kind === "position") return r.digest.alg === "sha256" ? e.payload.rationaleSha256 : e.payload.rationaleDigest;
  return r.digest.alg === "sha256" ? e.payload.bodySha256 : e.payload.bodyDigest;
}

function subjectOf(e: WireEntry): unknown {
  return e.payload.commentId ?? e.payload.positionId ?? e.subjectId;
}

/** A later entry that changes the receipt's submission, as a sentence; null for entries about something else. */
function laterEvent(subjectId: string, e: WireEntry): ReceiptLaterEvent | null {
  const p = e.payload;
  const about = p.commentId === subjectId || p.positionId === subjectId || p.supersedes === subjectId;
  if (!about) return null;
  const at = e.createdAt;
  const base = { seq: e.seq, kind: e.kind, at };
  switch (e.kind) {
    case "edit":
      return { ...base, description: `edited by its author on ${at} (entry #${e.seq})` };
    case "withdrawal":
      return { ...base, description: `withdrawn by its author on ${at} (entry #${e.seq})` };
    case "moderation": {
      const reason = typeof p.reasonCode === "string" ? ` (reason: ${p.reasonCode})` : "";
      const what =
        p.action === "hide" ? `hidden by moderation${reason}` : p.action === "reject" ? `rejected by moderation${reason}` : p.action === "restore" ? "restored by moderation" : p.action === "approve" ? "approved by moderation" : `moderation: ${String(p.action)}${reason}`;
      return { ...base, description: `${what} on ${at} (entry #${e.seq})` };
    }
    case "position":
      return { ...base, description: `replaced by a later position on ${at} (entry #${e.seq})` };
    default:
      return { ...base, description: `named by a later ${e.kind} entry on ${at} (entry #${e.seq})` };
  }
}

/**
 * Checks a receipt against the public ledger: the entry it names is still
 * there with the same hash and holds the receipt's digest; the chain from it
 * to the head links; and any later entry about the same submission (edits,
 * moderation, withdrawal) is named. Never reads or reports the text itself.
 */
export async function checkReceipt(receipt: ReceiptDocument, reader: ReceiptLedgerReader): Promise<ReceiptCheck> {
  const { seq, hash, chain } = receipt.ledger;
  const result = (state: ReceiptState, findings: string[], head: ReceiptCheck["head"] = null, later: ReceiptLaterEvent[] = []): ReceiptCheck => ({
    ok: state === "unaltered" || state === "changed",
    state,
    reference: receipt.reference,
    entry: { seq, hash },
    head,
    later,
    findings,
  });
  if (chain !== PUBLIC_CHAIN) {
    return result("unverifiable", [`this receipt names the ${chain} chain, which records a draft before it opens and is not public; it can be checked only from the database`]);
  }
  const broken = selfCheck(receipt);
  if (broken) return result("different", [broken]);

  const entry = await reader.entryAt(seq);
  if (!entry) {
    const head = await walkToHead(reader, 0, null);
    const length = head.head?.seq ?? 0;
    return result("missing", [`the record no longer holds your submission: the public chain ends at entry #${length}, before entry #${seq}`], head.head);
  }
  if (!recomputes(entry)) return result("different", [`entry #${seq} as served does not match its own hash: the server changed it`]);
  if (entry.hash !== hash) {
    // The same submission under another hash was rewritten; anything else in its place means it is gone.
    if (subjectOf(entry) === receipt.subject.id) {
      return result("different", [`the record no longer holds your submission as submitted: entry #${seq} still names it but is now ${describeEntry(entry)}, not hash ${hash.slice(0, 16)}…`]);
    }
    return result("missing", [`the record no longer holds your submission: entry #${seq} is now ${describeEntry(entry)}`]);
  }
  if (subjectOf(entry) !== receipt.subject.id) return result("different", [`entry #${seq} is about ${String(subjectOf(entry))}, not ${receipt.subject.id}: the receipt was altered`]);
  if (entryDigest(receipt, entry) !== receipt.digest.value) {
    return result("different", [`entry #${seq} holds a different digest from the receipt's ${receipt.digest.alg} ${receipt.digest.value.slice(0, 16)}…: the receipt was altered, or is not for this record`]);
  }

  const walk = await walkToHead(reader, seq, entry);
  if (walk.problem) return result("different", [walk.problem], walk.head);
  const later = walk.entries.map((e) => laterEvent(receipt.subject.id, e)).filter((e): e is ReceiptLaterEvent => e !== null);
  const digestWord = receipt.digest.alg === "sha256" ? "the SHA-256 of your text" : "the salted digest of your text (the text itself is not public)";
  const findings = [`entry #${seq} (${entry.createdAt}) holds your submission ${receipt.subject.id} with ${digestWord}, and its hash matches the receipt`];
  findings.push(walk.head ? `the chain links from entry #${seq} to the current head #${walk.head.seq} ${walk.head.hash}` : `entry #${seq} is the current head`);
  for (const e of later) findings.push(`later: ${e.description}`);
  const served = await checkServed(receipt, entry, walk.entries, reader);
  if (served.problem) return result(served.problem.state, [...findings, served.problem.finding], walk.head, later);
  if (served.finding) findings.push(served.finding);
  return result(later.length === 0 ? "unaltered" : "changed", findings, walk.head, later);
}

/**
 * The public SHA-256 of a comment's text as the record last left it, or null
 * when the public may not read it now (salted, hidden, withdrawn, deleted).
 */
function recordedPublicSha(receipt: ReceiptDocument, entry: WireEntry, later: WireEntry[]): string | null {
  let sha = typeof entry.payload.bodySha256 === "string" ? entry.payload.bodySha256 : null;
  let hidden = false;
  for (const e of later) {
    if (e.payload.commentId !== receipt.subject.id) continue;
    if (e.kind === "edit") sha = typeof e.payload.bodySha256 === "string" ? e.payload.bodySha256 : null;
    if (e.kind === "withdrawal") return null;
    if (e.kind === "moderation") hidden = e.payload.action === "hide" || e.payload.action === "reject" ? true : e.payload.action === "restore" || e.payload.action === "approve" ? false : hidden;
  }
  return hidden ? null : sha;
}

/**
 * Whether the API serves the public text the record holds: a comment quietly
 * rewritten or dropped from the pages, with nothing in the record to say so,
 * is caught here.
 */
async function checkServed(receipt: ReceiptDocument, entry: WireEntry, later: WireEntry[], reader: ReceiptLedgerReader) {
  const sha = receipt.subject.kind === "comment" ? recordedPublicSha(receipt, entry, later) : null;
  if (sha === null || !reader.servedComment || !entry.sectionId) return { problem: null, finding: null };
  const text = await reader.servedComment(entry.sectionId, receipt.subject.id);
  if (text === null) {
    return { problem: { state: "missing" as const, finding: "the site no longer serves your comment, and no entry in the record says why" }, finding: null };
  }
  if (sha256Hex(text) !== sha) {
    return { problem: { state: "different" as const, finding: "the site serves your comment with a text that is not the one the record holds" }, finding: null };
  }
  return { problem: null, finding: "the site serves your comment with the text the record holds" };
}

/** Walks from `from` to the head, checking every link; returns the entries after `from`. */
async function walkToHead(reader: ReceiptLedgerReader, from: number, start: WireEntry | null) {
  let prev = start;
  const entries: WireEntry[] = [];
  for await (const page of reader.entriesAfter(from)) {
    for (const e of page) {
      if (!recomputes(e)) return { entries, head: prev && { seq: prev.seq, hash: prev.hash }, problem: `entry #${e.seq} does not match its own hash: the chain after your submission was altered` };
      if (prev && (e.seq !== prev.seq + 1 || e.prevHash !== prev.hash)) {
        return { entries, head: { seq: prev.seq, hash: prev.hash }, problem: `entry #${e.seq} does not link to entry #${prev.seq}: the chain after your submission was rewritten` };
      }
      entries.push(e);
      prev = e;
    }
  }
  return { entries, head: prev && { seq: prev.seq, hash: prev.hash }, problem: null };
}

/** Reads the public ledger of a running server. */
export function httpLedgerReader(baseUrl: string, fetchImpl: typeof fetch = fetch): ReceiptLedgerReader {
  const root = baseUrl.replace(/\/+$/, "");
  const get = async <T>(path: string): Promise<T> => {
    let res: Response;
    try {
      res = await fetchImpl(`${root}${path}`, { headers: { accept: "application/json" } });
    } catch (e) {
      throw new ReceiptFetchError(`could not reach ${root}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!res.ok) throw new ReceiptFetchError(`${root}${path} answered ${res.status}`);
    return (await res.json()) as T;
  };
  type LedgerPage = { items: WireEntry[]; nextAfter: number | null };
  return {
    describe: root,
    async entryAt(seq) {
      const page = await get<LedgerPage>(`/api/v1/ledger?after=${seq - 1}&limit=1`);
      const e = page.items[0];
      return e && e.seq === seq ? e : null;
    },
    async *entriesAfter(seq) {
      for (let after: number | null = seq; after !== null; ) {
        const page: LedgerPage = await get<LedgerPage>(`/api/v1/ledger?after=${after}&limit=${VERIFY_PAGE}`);
        if (page.items.length > 0) yield page.items;
        after = page.nextAfter;
      }
    },
    async servedComment(sectionId, commentId) {
      // A section's published comments come whole in one answer (server/http/api/comments.ts).
      const list = await get<{ items: { id: string; body: string; withdrawn: boolean }[] }>(`/api/v1/sections/${encodeURIComponent(sectionId)}/comments`);
      const found = list.items.find((c) => c.id === commentId && !c.withdrawn);
      return found ? found.body : null;
    },
  };
}

export class ReceiptFetchError extends Error {}
