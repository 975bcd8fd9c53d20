import type { KeyObject } from "node:crypto";
import * as Y from "yjs";
import type { Db } from "../../db/client.js";
import { findPublicBaseSeq, listChangeSetUpdates } from "../../db/queries/collab.js";
import { countPositions, listCurrentPositionsWithSalt } from "../../db/queries/comment.js";
import { listSectionVersions } from "../../db/queries/history.js";
import { listChains, listLedgerEntries, toWireEntry, type PublicLedgerRow } from "../../db/queries/ledger.js";
import { contentHash, docToText } from "../collab/content.js";
import { loadSectionState } from "../collab/persistence.js";
import { listOrganisationRows } from "../../db/queries/organisation.js";
import { databaseParticipation, httpParticipation } from "./served-participation.js";
import { publicCheckpoints, type WireCheckpoint } from "./checkpoints.js";
import { LEDGER_KEY_PATH, publicKeyFrom } from "./signing.js";
import type { LedgerSource, WireEntry, WireSectionHistory } from "./wire.js";
import { listAllConsultationRecipients } from "../../db/queries/consultation-recipient.js";
import { settingsAndReportsFromDatabase, settingsAndReportsFromHttp } from "./served-results.js";

/** Entries read per query or request while verifying. */
export const VERIFY_PAGE = 5000;

export interface SourceOptions {
  /**
   * The key checkpoints must verify under. From the database it is the operator's
   * key (LEDGER_SIGNING_KEY or the key file), never anything the database holds;
   * from a server it pins the key instead of trusting the one it publishes.
   */
  ledgerKey?: KeyObject | null;
  /** The database's URL, so that verify can open it again in a worker thread (the Db does not keep its password). */
  databaseUrl?: string;
}

/**
 * An entry read from the database, with its payload's stored text: the chain
 * walk hashes that text as it is instead of serialising the payload again.
 * (Parsing on first use instead was slower: an accessor per entry costs more
 * than the parse.)
 */
function storedEntry(r: PublicLedgerRow): WireEntry {
  return { ...toWireEntry(r), payloadJson: r.payload };
}

export function databaseSource(db: Db, options: SourceOptions = {}): LedgerSource {
  const url = options.databaseUrl;
  return {
    describe: db.describe,
    // An in-memory database exists only on the connection that made it.
    ...(url && !url.includes(":memory:") ? { address: { kind: "database" as const, url } } : {}),
    chains: () => listChains(db.kysely),
    async *entries(chain) {
      for (let after = 0; ; ) {
        const rows = await listLedgerEntries(db.kysely, chain, after, VERIFY_PAGE);
        if (rows.length === 0) return;
        yield rows.map(storedEntry);
        after = rows[rows.length - 1]!.seq;
      }
    },
    served: {
      ...settingsAndReportsFromDatabase(db),
      ...databaseParticipation(db),
      checkpoints: () => allCheckpoints((after) => publicCheckpoints(db, after, CHECKPOINT_PAGE + 1).then((rows) => page(rows))),
      ledgerKey: async () => options.ledgerKey ?? null,
      positionCounts: async (sectionId) => (await countPositions(db.kysely, { sectionId })).map((c) => ({ group: c.stakeholder_group, stance: c.stance, n: c.n })),
      currentPositions: async () =>
        (await listCurrentPositionsWithSalt(db.kysely)).map((p) => ({ id: p.id, sectionId: p.section_id, userId: p.user_id, stance: p.stance, group: p.stakeholder_group, rationale: p.rationale, salt: p.salt })),
      versionSections: async (sectionId) => (await listSectionVersions(db.kysely, sectionId, false)).map((v) => ({ number: v.number, seq: v.seq, stateHash: v.state_hash, text: v.text })),
      organisations: async () =>
        (await listOrganisationRows(db.kysely)).map((o) => ({ id: o.id, slug: o.slug, name: o.name, kind: o.kind, verified: o.verified_at !== null, evidence: o.verification_evidence })),
      consultationRecipients: () => listAllConsultationRecipients(db.kysely),
    },
    async sectionHistory(sectionId) {
      const changeSets = await listChangeSetUpdates(db.kysely, sectionId);
      const state = await loadSectionState(db, sectionId);
      try {
        return {
          baseline: null,
          changeSets,
          current: { seq: state.seq, contentHash: contentHash(state.doc), text: docToText(state.doc) },
        };
      } finally {
        state.doc.destroy();
      }
    },
  };
}

/**
 * What the public may check of a section: the state at opening as one Yjs
 * update, then every public change set, then the current text.
 */
export async function publicSectionHistory(db: Db, sectionId: string, current: { seq: number; contentHash: string; text: string }): Promise<WireSectionHistory> {
  const base = await findPublicBaseSeq(db.kysely, sectionId);
  const rows = await listChangeSetUpdates(db.kysely, sectionId);
  let baseline: WireSectionHistory["baseline"] = null;
  if (base > 0) {
    const doc = new Y.Doc();
    for (const r of rows) if (r.seqTo <= base) Y.applyUpdate(doc, r.data);
    baseline = { seq: base, update: Y.encodeStateAsUpdate(doc) };
    doc.destroy();
  }
  return {
    baseline,
    changeSets: rows.filter((r) => r.seqTo > base),
    current,
  };
}

export class HttpError extends Error {}

/** Checkpoints read per query or request while verifying (the API's page limit). */
const CHECKPOINT_PAGE = 100;

function page(rows: WireCheckpoint[]): { items: WireCheckpoint[]; next: number | null } {
  const items = rows.slice(0, CHECKPOINT_PAGE);
  return { items, next: rows.length > CHECKPOINT_PAGE ? items[items.length - 1]!.seq : null };
}

async function allCheckpoints(read: (after: number) => Promise<{ items: WireCheckpoint[]; next: number | null }>): Promise<WireCheckpoint[]> {
  const all: WireCheckpoint[] = [];
  for (let after: number | null = 0; after !== null; ) {
    const p = await read(after);
    all.push(...p.items);
    after = p.next;
  }
  return all;
}

export function httpSource(baseUrl: string, fetchImpl: typeof fetch = fetch, options: SourceOptions = {}): LedgerSource {
  const root = baseUrl.replace(/\/+$/, "");
  const get = async (path: string) => {
    let res: Response;
    try {
      res = await fetchImpl(`${root}${path}`, { headers: { accept: "application/json" } });
    } catch (e) {
      throw new HttpError(`could not reach ${root}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!res.ok) throw new HttpError(`${root}${path} answered ${res.status}`);
    return res.json() as Promise<any>;
  };
  /** Like get, but a part the server does not publish (404) is null. */
  const find = async (path: string) => {
    try {
      return await get(path);
    } catch (e) {
      if (e instanceof HttpError && e.message.endsWith(" answered 404")) return null;
      throw e;
    }
  };
  return {
    describe: root,
    // A worker thread fetches with its own global fetch, so only a source that uses that one can be opened there.
    ...(fetchImpl === globalThis.fetch ? { address: { kind: "http" as const, url: root } } : {}),
    async chains() {
      return ["public"];
    },
    async *entries(_chain) {
      let after = 0;
      for (;;) {
        const page = await get(`/api/v1/ledger?after=${after}&limit=${VERIFY_PAGE}`);
        const items = page.items as WireEntry[];
        if (items.length > 0) yield items;
        if (page.nextAfter == null) return;
        after = page.nextAfter;
      }
    },
    served: {
      ...settingsAndReportsFromHttp(root, fetchImpl, (m) => new HttpError(m)),
      ...httpParticipation(find),
      checkpoints: () =>
        allCheckpoints(async (after) => {
          const body = await get(`/api/v1/ledger/checkpoints?after=${after}&limit=${CHECKPOINT_PAGE}`);
          return { items: body.items as WireCheckpoint[], next: body.nextAfter as number | null };
        }),
      async ledgerKey() {
        if (options.ledgerKey) return options.ledgerKey;
        const body = await get(LEDGER_KEY_PATH);
        try {
          return publicKeyFrom(String(body.publicKey));
        } catch (e) {
          throw new HttpError(`${root}${LEDGER_KEY_PATH} does not hold an Ed25519 public key (${e instanceof Error ? e.message : String(e)})`);
        }
      },
      async positionCounts(sectionId) {
        const body = await get(`/api/v1/sections/${encodeURIComponent(sectionId)}/positions`);
        return (body.counts as { stakeholder_group: string; stance: string; n: number }[]).map((c) => ({ group: c.stakeholder_group, stance: c.stance, n: c.n }));
      },
      async versionSections(sectionId) {
        const body = await get(`/api/v1/sections/${encodeURIComponent(sectionId)}/versions`);
        return (body.items as { number: number; seq: number; stateHash: string; text: string }[]).map((v) => ({ number: v.number, seq: v.seq, stateHash: v.stateHash, text: v.text }));
      },
    },
    async sectionHistory(sectionId) {
      const body = await get(`/api/v1/sections/${encodeURIComponent(sectionId)}/changes`);
      const b64 = (s: string) => new Uint8Array(Buffer.from(s, "base64"));
      return {
        baseline: body.baseline ? { seq: body.baseline.seq, update: b64(body.baseline.update) } : null,
        changeSets: (body.changeSets as { id: string; seqFrom: number; seqTo: number; stateHash: string; data: string }[]).map((c) => ({ ...c, data: b64(c.data) })),
        current: body.current,
      };
    },
  };
}
