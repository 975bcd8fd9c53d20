import { describe, expect, it } from "vitest";
import type { PositionRow } from "../../db/schema.js";
import type { LedgerEvent } from "./append.js";
import { GENESIS_HASH, PUBLIC_CHAIN, entryHash, saltedDigest, sha256Hex } from "./chain.js";
import { positionEvent } from "./participation.js";
import { RECEIPT_FORMAT, RECEIPT_REFERENCE_SYMBOLS, checkReceipt, newReceiptReference, normaliseReference, submissionDigest, type ReceiptDocument, type ReceiptLedgerReader } from "./receipts.js";
import type { WireEntry } from "./wire.js";

/** A public chain held in memory, built the way appendToChain hashes. */
function chainOf(events: LedgerEvent[]): WireEntry[] {
  const out: WireEntry[] = [];
  for (const ev of events) {
    const prev = out.at(-1);
    const fields = {
      chain: PUBLIC_CHAIN,
      seq: out.length + 1,
      kind: ev.kind,
      consultationId: ev.consultationId,
      sectionId: ev.sectionId ?? null,
      subjectId: ev.subjectId ?? null,
      createdAt: ev.createdAt,
      payload: ev.payload,
      prevHash: prev?.hash ?? GENESIS_HASH,
    };
    out.push({ ...fields, hash: entryHash(fields) });
  }
  return out;
}

function reader(entries: WireEntry[], served?: Record<string, string>): ReceiptLedgerReader {
  return {
    describe: "memory",
    ...(served ? { servedComment: async (_section: string, id: string) => served[id] ?? null } : {}),
    entryAt: async (seq) => entries.find((e) => e.seq === seq) ?? null,
    async *entriesAfter(seq) {
      yield entries.filter((e) => e.seq > seq);
    },
  };
}

const position: PositionRow = {
  id: "pppppppppppppppp",
  section_id: "ssssssssssssssss",
  consultation_id: "cccccccccccccccc",
  user_id: "uuuuuuuuuuuuuuuu",
  stance: "support_with_changes",
  rationale: "Keep the sector regulators in charge.",
  quote_exact: null,
  stakeholder_group: "academia",
  created_at: "2026-12-06T05:00:00.000Z",
  superseded_at: null,
};

function receiptFor(entry: WireEntry): ReceiptDocument {
  const digest = submissionDigest(entry.payload);
  return {
    format: RECEIPT_FORMAT,
    reference: newReceiptReference(),
    server: "http://x",
    consultation: { slug: "c", title: "C" },
    section: null,
    subject: { kind: "position", id: String(entry.subjectId) },
    submittedAt: entry.createdAt,
    ledger: { chain: entry.chain, seq: entry.seq, hash: entry.hash },
    digest: { alg: digest.salted ? "salted-sha256" : "sha256", value: digest.value },
  };
}

describe("receipt references", () => {
  it("are M- and ten Crockford symbols in groups of four, and differ each time", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const r = newReceiptReference();
      expect(r).toMatch(/^M-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/);
      expect(r.replace(/^M-|-/g, "")).toHaveLength(RECEIPT_REFERENCE_SYMBOLS);
      seen.add(r);
    }
    expect(seen.size).toBe(500);
  });

  it("read back as heard or typed: any case, with or without dashes and prefix, I and L as 1, O as 0", () => {
    expect(normaliseReference("m-7k3q-9x2d-4b")).toBe("M-7K3Q-9X2D-4B");
    expect(normaliseReference("7K3Q 9X2D 4B")).toBe("M-7K3Q-9X2D-4B");
    expect(normaliseReference("M-OI2L-0000-00")).toBe("M-0121-0000-00");
    expect(normaliseReference("M-7K3Q-9X2D-4U")).toBeNull();
    expect(normaliseReference("M-7K3Q-9X2D")).toBeNull();
    expect(normaliseReference("../../etc/passwd")).toBeNull();
  });
});

describe("checkReceipt (a position entry from positionEvent)", () => {
  const first = positionEvent(position, null);
  const later = positionEvent({ ...position, id: "qqqqqqqqqqqqqqqq", stance: "oppose", created_at: "2026-12-06T05:10:00.000Z" }, position.id);

  it("keeps the author and the rationale out of the public payload: both only as salted digests", () => {
    expect(first.payload).toMatchObject({ positionId: position.id, stance: "support_with_changes", group: "academia", rationaleDigest: saltedDigest(first.salt!, position.rationale), supersedes: null });
    expect(JSON.stringify(first.payload)).not.toContain(position.user_id);
    expect(JSON.stringify(first.payload)).not.toContain(position.rationale);
  });

  it("proves inclusion, and names a later position that replaced it", async () => {
    const entries = chainOf([first]);
    expect(await checkReceipt(receiptFor(entries[0]!), reader(entries))).toMatchObject({ ok: true, state: "unaltered", head: { seq: 1 } });
    const grown = chainOf([first, later]);
    const changed = await checkReceipt(receiptFor(grown[0]!), reader(grown));
    expect(changed).toMatchObject({ ok: true, state: "changed", later: [{ seq: 2, kind: "position" }] });
  });

  it("fails when a later entry no longer links (a rewritten tail)", async () => {
    const entries = chainOf([first, later]);
    const receipt = receiptFor(entries[0]!);
    const forkedTail = { ...entries[1]!, prevHash: "f".repeat(64) };
    const tampered = [entries[0]!, { ...forkedTail, hash: entryHash(forkedTail) }];
    expect(await checkReceipt(receipt, reader(tampered))).toMatchObject({ ok: false, state: "different", findings: ["entry #2 does not link to entry #1: the chain after your submission was rewritten"] });
  });

  it("cannot be checked from outside when it names a team chain", async () => {
    const entries = chainOf([first]);
    const receipt = { ...receiptFor(entries[0]!), ledger: { ...receiptFor(entries[0]!).ledger, chain: "team:abc" } };
    expect(await checkReceipt(receipt, reader(entries))).toMatchObject({ ok: false, state: "unverifiable" });
  });
});

describe("checkReceipt (what the site serves of a public comment)", () => {
  const text = "Define the regulators.";
  const at = "2026-12-06T05:00:00.000Z";
  const submission: LedgerEvent = {
    kind: "submission",
    consultationId: "cccccccccccccccc",
    sectionId: "ssssssssssssssss",
    subjectId: "kkkkkkkkkkkkkkkk",
    createdAt: at,
    payload: { commentId: "kkkkkkkkkkkkkkkk", bodySha256: sha256Hex(text), bodyDigest: "0".repeat(64) },
  };
  const moderation = (action: string): LedgerEvent => ({ kind: "moderation", consultationId: "cccccccccccccccc", subjectId: `m-${action}`, createdAt: at, payload: { commentId: "kkkkkkkkkkkkkkkk", action, reasonCode: action === "hide" ? "spam" : null } });
  const receiptOf = (e: WireEntry): ReceiptDocument => ({ ...receiptFor(e), subject: { kind: "comment", id: "kkkkkkkkkkkkkkkk" } });

  it("expects the text back once a hidden comment is restored, and not while it is hidden", async () => {
    const hidden = chainOf([submission, moderation("hide")]);
    expect(await checkReceipt(receiptOf(hidden[0]!), reader(hidden, {}))).toMatchObject({ ok: true, state: "changed" });
    const restored = chainOf([submission, moderation("hide"), moderation("restore")]);
    expect(await checkReceipt(receiptOf(restored[0]!), reader(restored, {}))).toMatchObject({ ok: false, state: "missing" });
    const served = await checkReceipt(receiptOf(restored[0]!), reader(restored, { kkkkkkkkkkkkkkkk: text }));
    expect(served).toMatchObject({ ok: true, state: "changed" });
    expect(served.findings.at(-1)).toBe("the site serves your comment with the text the record holds");
  });
});
