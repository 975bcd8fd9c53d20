import type { KeyObject } from "node:crypto";
import * as Y from "yjs";
import type { Db } from "../../db/client.js";
import { findPublicBaseSeq, listChangeSetsForReplay } from "../../db/queries/collab.js";
import { listChains, listLedgerEntries, toWireEntry } from "../../db/queries/ledger.js";
import { contentHash, docToText } from "../collab/content.js";
import { loadSectionState } from "../collab/persistence.js";
import { databaseParticipation, httpParticipation } from "./served-participation.js";
import { publicCheckpoints, type WireCheckpoint } from "./checkpoints.js";
import { LEDGER_KEY_PATH, publicKeyFrom } from "./signing.js";
import type { LedgerSource, WireEntry, WireSectionHistory } from "./wire.js";
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
}

export function databaseSource(db: Db, options: SourceOptions = {}): LedgerSource {
  return {
    describe: db.describe,
    chains: () => listChains(db.kysely),
    async *entries(chain) {
      for (let after = 0; ; ) {
        const rows = await listLedgerEntries(db.kysely, chain, after, VERIFY_PAGE);
        if (rows.length === 0) return;
        yield rows.map(toWireEntry);
        after = rows[rows.length - 1]!.seq;
      }
    },
    served: {
      ...settingsAndReportsFromDatabase(db),
      ...databaseParticipation(db),
      checkpoints: () => allCheckpoints((after) => publicCheckpoints(db, after, CHECKPOINT_PAGE + 1).then((rows) => page(rows))),
      ledgerKey: async () => options.ledgerKey ?? null,
    },
    async sectionHistory(sectionId) {
      const rows = await listChangeSetsForReplay(db.kysely, sectionId);
      const state = await loadSectionState(db, sectionId);
      try {
        return {
          baseline: null,
          changeSets: rows.map((r) => ({ id: r.id, seqFrom: r.seq_from, seqTo: r.seq_to, stateHash: r.state_hash, data: r.data })),
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
  const rows = await listChangeSetsForReplay(db.kysely, sectionId);
  let baseline: WireSectionHistory["baseline"] = null;
  if (base > 0) {
    const doc = new Y.Doc();
    for (const r of rows) if (r.seq_to <= base) Y.applyUpdate(doc, r.data);
    baseline = { seq: base, update: Y.encodeStateAsUpdate(doc) };
    doc.destroy();
  }
  return {
    baseline,
    changeSets: rows.filter((r) => r.seq_to > base).map((r) => ({ id: r.id, seqFrom: r.seq_from, seqTo: r.seq_to, stateHash: r.state_hash, data: r.data })),
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
