import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

// y-websocket message types (first varuint of every frame).
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
// 2 is the auth message, which Margin never sends: permission is decided at the upgrade.
export const MESSAGE_QUERY_AWARENESS = 3;
// y-protocols sync sub-types.
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/** Nesting limit for lib0 "any" values inside updates. */
export const MAX_ANY_DEPTH = 32;

export class MalformedMessage extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MalformedMessage";
  }
}

function count(d: decoding.Decoder, minBytesEach: number, what: string): number {
  const n = decoding.readVarUint(d);
  const remaining = d.arr.length - d.pos;
  // A count that its remaining bytes cannot hold is a lie meant to make a decoder allocate.
  if (n * minBytesEach > remaining) throw new MalformedMessage(`${what} declares ${n} entries in ${remaining} bytes`);
  return n;
}

function skipString(d: decoding.Decoder): void {
  const len = count(d, 1, "string");
  d.pos += len;
}

function skipAny(d: decoding.Decoder, depth: number): void {
  if (depth > MAX_ANY_DEPTH) throw new MalformedMessage("value nested too deeply");
  const type = decoding.readUint8(d);
  switch (type) {
    case 127: // undefined
    case 126: // null
    case 121: // false
    case 120: // true
      return;
    case 125:
      decoding.readVarInt(d);
      return;
    case 124:
      d.pos += 4;
      return;
    case 123:
    case 122:
      d.pos += 8;
      return;
    case 119:
      skipString(d);
      return;
    case 118: {
      const n = count(d, 2, "object");
      for (let i = 0; i < n; i++) {
        skipString(d);
        skipAny(d, depth + 1);
      }
      return;
    }
    case 117: {
      const n = count(d, 1, "array");
      for (let i = 0; i < n; i++) skipAny(d, depth + 1);
      return;
    }
    case 116:
      skipString(d);
      return;
    default:
      throw new MalformedMessage(`unknown value type ${type}`);
  }
}

const BIT6 = 32;
const BIT7 = 64;
const BIT8 = 128;
const BITS5 = 31;

function skipContent(d: decoding.Decoder, ref: number): void {
  switch (ref) {
    case 1: // deleted: a length only
      decoding.readVarUint(d);
      return;
    case 2: {
      // JSON: strings
      const n = count(d, 1, "JSON content");
      for (let i = 0; i < n; i++) skipString(d);
      return;
    }
    case 3: // binary
    case 4: // string
    case 5: // embed (JSON string)
      skipString(d);
      return;
    case 6: // format: key and JSON value
      skipString(d);
      skipString(d);
      return;
    case 7: {
      const typeRef = decoding.readVarUint(d);
      if (typeRef > 6) throw new MalformedMessage(`unknown type ref ${typeRef}`);
      if (typeRef === 3 || typeRef === 5) skipString(d);
      return;
    }
    case 8: {
      const n = count(d, 1, "any content");
      for (let i = 0; i < n; i++) skipAny(d, 0);
      return;
    }
    case 9: // sub-document
      skipString(d);
      skipAny(d, 0);
      return;
    default:
      throw new MalformedMessage(`unknown content type ${ref}`);
  }
}

/**
 * Walks a Yjs update in format V1 without building anything, checking that every
 * declared count fits in the bytes that follow and that nothing trails it. Only
 * updates that pass are handed to Yjs. Throws MalformedMessage otherwise.
 */
export function checkUpdateV1(update: Uint8Array): void {
  const d = decoding.createDecoder(update);
  try {
    const clients = count(d, 3, "update");
    for (let c = 0; c < clients; c++) {
      const structs = count(d, 2, "struct list");
      decoding.readVarUint(d); // client
      decoding.readVarUint(d); // clock
      for (let s = 0; s < structs; s++) {
        const info = decoding.readUint8(d);
        const ref = info & BITS5;
        if (ref === 0 || ref === 10) {
          decoding.readVarUint(d); // GC or skip length
          continue;
        }
        if (info & BIT8) {
          decoding.readVarUint(d);
          decoding.readVarUint(d);
        }
        if (info & BIT7) {
          decoding.readVarUint(d);
          decoding.readVarUint(d);
        }
        const ownParent = (info & (BIT7 | BIT8)) === 0;
        if (ownParent) {
          if (decoding.readVarUint(d) === 1) skipString(d);
          else {
            decoding.readVarUint(d);
            decoding.readVarUint(d);
          }
          if (info & BIT6) skipString(d);
        }
        skipContent(d, ref);
      }
    }
    const deleteClients = count(d, 2, "delete set");
    for (let c = 0; c < deleteClients; c++) {
      decoding.readVarUint(d);
      const ranges = count(d, 2, "delete ranges");
      for (let r = 0; r < ranges; r++) {
        decoding.readVarUint(d);
        decoding.readVarUint(d);
      }
    }
  } catch (e) {
    if (e instanceof MalformedMessage) throw e;
    throw new MalformedMessage(`update cannot be decoded: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (d.pos !== update.length) throw new MalformedMessage(`update has ${update.length - d.pos} bytes left over`);
}

/** Checks a state vector (SyncStep1 payload) the same way. */
export function checkStateVector(sv: Uint8Array): void {
  const d = decoding.createDecoder(sv);
  try {
    const n = count(d, 2, "state vector");
    for (let i = 0; i < n; i++) {
      decoding.readVarUint(d);
      decoding.readVarUint(d);
    }
  } catch (e) {
    if (e instanceof MalformedMessage) throw e;
    throw new MalformedMessage("state vector cannot be decoded");
  }
  if (d.pos !== sv.length) throw new MalformedMessage("state vector has bytes left over");
}

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** Parsed JSON state; null means the client left. */
  state: Record<string, unknown> | null;
  bytes: number;
}

/**
 * Decodes an awareness update; throws MalformedMessage on anything odd. With
 * `wanted`, only the entries it picks (given their client id and the update's
 * entry count) are decoded and returned; the others' states are stepped over
 * unread, which keeps the stock client's echoes of everyone else's presence cheap.
 */
export function readAwarenessUpdate(payload: Uint8Array, wanted: (clientId: number, count: number) => boolean = () => true): AwarenessEntry[] {
  const d = decoding.createDecoder(payload);
  const entries: AwarenessEntry[] = [];
  try {
    const n = count(d, 3, "awareness update");
    for (let i = 0; i < n; i++) {
      const clientId = decoding.readVarUint(d);
      const clock = decoding.readVarUint(d);
      if (!wanted(clientId, n)) {
        decoding.readVarUint8Array(d);
        continue;
      }
      const json = decoding.readVarString(d);
      const state: unknown = JSON.parse(json);
      if (state !== null && (typeof state !== "object" || Array.isArray(state))) throw new MalformedMessage("awareness state is not an object");
      entries.push({ clientId, clock, state: state as Record<string, unknown> | null, bytes: json.length });
    }
  } catch (e) {
    if (e instanceof MalformedMessage) throw e;
    throw new MalformedMessage("awareness update cannot be decoded");
  }
  if (d.pos !== payload.length) throw new MalformedMessage("awareness update has bytes left over");
  return entries;
}

export function encodeAwarenessUpdate(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(e, entry.clientId);
    encoding.writeVarUint(e, entry.clock);
    encoding.writeVarString(e, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(e);
}

/** A sync message (step 1, step 2 or update) around its payload. */
export function syncMessage(sub: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, sub);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/** An awareness message around an encoded awareness update. */
export function awarenessMessage(payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/**
 * lib0's decoders throw plain Errors on truncated input, told apart only by
 * their text ("Unexpected end of array", "Integer out of Range"). Such an
 * error is the sender's fault, not ours: this is the one place that knows the
 * texts (protocol.test.ts checks them against lib0 itself).
 */
export function isLib0DecodeError(e: unknown): e is Error {
  return e instanceof Error && /Unexpected end of array|Integer out of Range/i.test(e.message);
}
