import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { PUBLIC_CHAIN, entryHash } from "./chain.js";
import type { WireCheckpoint } from "./checkpoints.js";
import { LEDGER_KEY_PATH, publicKeyFrom, publicKeyInfo, signStatement, statementSignedBy, type PublicKeyInfo, type SigningKey } from "./signing.js";
import type { WireEntry } from "./wire.js";

/**
 * `margin witness`: what a third party runs on a schedule. It keeps, in its
 * state directory, the server's key (pinned on the first run) and the last
 * checkpoint it accepted; each run accepts a new checkpoint only when the
 * server signed it and the chain it names extends the stored one entry by
 * entry. A server that cut its chain short, rewrote it, or shows this witness
 * a different history than it showed before, is caught here.
 */

/** Entries fetched per request while checking that a checkpoint extends the last one. */
const WITNESS_PAGE = 1000;

/** Thrown with a message for the witness's operator; the run exits 1. */
export class WitnessFailure extends Error {}

const PinnedKeySchema = z.object({ alg: z.literal("Ed25519"), keyId: z.string(), publicKey: z.string(), spki: z.string() });
const StoredCheckpointSchema = z.object({
  chain: z.string(),
  seq: z.number().int(),
  hash: z.string(),
  time: z.string(),
  keyId: z.string(),
  signature: z.string(),
});
type StoredCheckpoint = z.infer<typeof StoredCheckpointSchema>;

export interface WitnessOptions {
  url: string;
  stateDir: string;
  /** The witness's own key: co-sign the checkpoint with it. */
  key?: SigningKey | null;
  name: string;
  acceptNewKey: boolean;
  fetchImpl?: typeof fetch;
}

export interface WitnessResult {
  checkpoint: StoredCheckpoint;
  previous: StoredCheckpoint | null;
  keyPinned: boolean;
  coSigned: boolean;
}

function readJson<T>(path: string, schema: z.ZodType<T>): T | null {
  if (!existsSync(path)) return null;
  const parsed = schema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new WitnessFailure(`${path} is not a file this witness wrote; move it away to start over.`);
  return parsed.data;
}

/** Replaces a state file in one step, so a crash never leaves half a file. */
function writeAtomically(path: string, value: unknown): void {
  const temp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o644 });
  renameSync(temp, path);
}

const short = (hash: string) => `${hash.slice(0, 16)}…`;

export async function runWitness(opts: WitnessOptions): Promise<WitnessResult> {
  const root = opts.url.replace(/\/+$/, "");
  const fetchImpl = opts.fetchImpl ?? fetch;
  const call = async (path: string, init?: RequestInit): Promise<Response> => {
    try {
      return await fetchImpl(`${root}${path}`, { ...init, headers: { accept: "application/json", ...(init?.headers ?? {}) } });
    } catch (e) {
      throw new WitnessFailure(`could not reach ${root}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const get = async (path: string) => {
    const res = await call(path);
    if (!res.ok) throw new WitnessFailure(`${root}${path} answered ${res.status}${await errorText(res)}`);
    return res.json() as Promise<any>;
  };

  mkdirSync(opts.stateDir, { recursive: true });
  const keyFile = join(opts.stateDir, "server-key.json");
  const checkpointFile = join(opts.stateDir, "checkpoint.json");

  // The key: pinned on the first run; a changed key is an error unless the operator accepts it.
  const served = PinnedKeySchema.safeParse(await get(LEDGER_KEY_PATH));
  if (!served.success) throw new WitnessFailure(`${root}${LEDGER_KEY_PATH} does not describe an Ed25519 key`);
  let serverKey;
  try {
    serverKey = publicKeyFrom(served.data.publicKey);
  } catch (e) {
    throw new WitnessFailure(`${root}${LEDGER_KEY_PATH}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const info: PublicKeyInfo = publicKeyInfo(serverKey);
  const pinned = readJson(keyFile, PinnedKeySchema);
  let keyPinned = false;
  if (pinned && pinned.publicKey !== info.publicKey) {
    if (!opts.acceptNewKey) {
      throw new WitnessFailure(
        `the server's key changed: this witness pinned key ${pinned.keyId}, the server now publishes ${info.keyId}. If the operator announced a new key, run again with --accept-new-key; otherwise treat the server's history as suspect.`,
      );
    }
  }
  if (!pinned || pinned.publicKey !== info.publicKey) {
    writeAtomically(keyFile, info);
    keyPinned = true;
  }

  const res = await call("/api/v1/ledger/checkpoints/latest");
  if (res.status === 404) throw new WitnessFailure(`${root} has not signed any checkpoint yet (its public ledger is empty); nothing to witness.`);
  if (!res.ok) throw new WitnessFailure(`${root}/api/v1/ledger/checkpoints/latest answered ${res.status}${await errorText(res)}`);
  const parsed = StoredCheckpointSchema.safeParse(await res.json());
  if (!parsed.success) throw new WitnessFailure(`${root}/api/v1/ledger/checkpoints/latest did not answer with a checkpoint`);
  const latest = parsed.data;
  const label = `checkpoint #${latest.seq} signed ${latest.time}`;
  if (latest.chain !== PUBLIC_CHAIN) throw new WitnessFailure(`${label} is of chain ${latest.chain}; only the public chain is witnessed`);
  if (latest.keyId !== info.keyId || !statementSignedBy(serverKey, latest, latest.signature)) {
    throw new WitnessFailure(`${label}: bad signature — it does not check out under the server's key ${info.keyId}`);
  }

  const previous = readJson(checkpointFile, StoredCheckpointSchema);
  const page = (after: number, limit: number) => get(`/api/v1/ledger?after=${after}&limit=${limit}`).then((b) => b.items as WireEntry[]);
  if (previous) await checkExtends(previous, latest, page);
  else await checkServed(latest, page);
  writeAtomically(checkpointFile, latest);

  let coSigned = false;
  if (opts.key) {
    const body = { publicKey: opts.key.info.publicKey, name: opts.name, signature: signStatement(opts.key.privateKey, latest) };
    const posted = await call(`/api/v1/ledger/checkpoints/${latest.seq}/witnesses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!posted.ok) throw new WitnessFailure(`the checkpoint checks out, but the server refused the co-signature (${posted.status}${await errorText(posted)})`);
    coSigned = true;
  }
  return { checkpoint: latest, previous, keyPinned, coSigned };
}

async function errorText(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    return body.error?.message ? `: ${body.error.message}` : "";
  } catch {
    return "";
  }
}

/** On a first run there is nothing to extend: the server must at least serve the entry it signed. */
async function checkServed(latest: StoredCheckpoint, page: (after: number, limit: number) => Promise<WireEntry[]>): Promise<void> {
  const [entry] = await page(latest.seq - 1, 1);
  if (!entry || entry.seq !== latest.seq) throw new WitnessFailure(`the server signed checkpoint #${latest.seq} but does not serve entry #${latest.seq}.`);
  if (entryHash(entry) !== entry.hash || entry.hash !== latest.hash) {
    throw new WitnessFailure(`the server signed checkpoint #${latest.seq} with hash ${short(latest.hash)}, but serves entry #${latest.seq} with another content or hash.`);
  }
}

/**
 * The new checkpoint must extend the stored one: the chain still holds the
 * stored entry with the stored hash, and every entry from there to the new
 * head links and hashes correctly, ending at the hash the server signed.
 */
async function checkExtends(stored: StoredCheckpoint, latest: WireCheckpoint | StoredCheckpoint, page: (after: number, limit: number) => Promise<WireEntry[]>): Promise<void> {
  const seen = `the checkpoint #${stored.seq} this witness stored (signed ${stored.time}, hash ${short(stored.hash)})`;
  if (latest.seq < stored.seq) {
    throw new WitnessFailure(`truncation: the server's latest checkpoint is #${latest.seq}, behind ${seen}; entries were removed from the ledger.`);
  }
  if (latest.seq === stored.seq && latest.hash !== stored.hash) {
    throw new WitnessFailure(`rewritten or forked: the server signed two different heads at #${stored.seq}: ${short(latest.hash)} now, and earlier ${seen}.`);
  }
  let prev: WireEntry | null = null;
  for (let after = stored.seq - 1; after < latest.seq; ) {
    const items = await page(after, Math.min(WITNESS_PAGE, latest.seq - after));
    if (items.length === 0) {
      throw new WitnessFailure(
        prev === null
          ? `truncation: the ledger no longer has entry #${stored.seq}, which ${seen} signed; entries were removed.`
          : `the server signed checkpoint #${latest.seq} but its ledger ends at #${prev.seq}; entries were removed.`,
      );
    }
    for (const e of items) {
      const expected = (prev?.seq ?? stored.seq - 1) + 1;
      if (e.seq !== expected) throw new WitnessFailure(`the ledger skips from #${expected - 1} to #${e.seq}; entries are missing.`);
      if (entryHash(e) !== e.hash) throw new WitnessFailure(`entry #${e.seq}: its content does not match its hash.`);
      if (prev === null) {
        if (e.hash !== stored.hash) {
          throw new WitnessFailure(`rewritten or forked: entry #${e.seq} now has hash ${short(e.hash)}, not the one in ${seen}; the history this witness saw was replaced.`);
        }
      } else if (e.prevHash !== prev.hash) {
        throw new WitnessFailure(`entry #${e.seq} does not link to entry #${prev.seq}.`);
      }
      prev = e;
    }
    after = prev!.seq;
  }
  if (prev && prev.seq === latest.seq && prev.hash !== latest.hash) {
    throw new WitnessFailure(`the server signed checkpoint #${latest.seq} with hash ${short(latest.hash)}, but serves entry #${latest.seq} with hash ${short(prev.hash)}.`);
  }
}
