import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { MalformedMessage, checkStateVector, checkUpdateV1, encodeAwarenessUpdate, isLib0DecodeError, readAwarenessUpdate } from "./protocol.js";

function realUpdates(): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const frag = doc.getXmlFragment("default");
  const p = new Y.XmlElement("paragraph");
  frag.insert(0, [p]);
  const t = new Y.XmlText();
  p.insert(0, [t]);
  t.insert(0, "Hello world", { bold: {} });
  t.delete(0, 3);
  doc.getMap("m").set("k", { nested: [1, 2.5, "x", null, true, { deep: new Uint8Array([1, 2]) }] });
  doc.getArray("a").insert(0, [1, "s", new Uint8Array([9])]);
  doc.getText("t").insert(0, "plain");
  doc.getText("t").format(0, 2, { italic: true });
  updates.push(Y.encodeStateAsUpdate(doc));
  return updates;
}

describe("checkUpdateV1", () => {
  it("accepts every update Yjs itself produces", () => {
    for (const u of realUpdates()) expect(() => checkUpdateV1(u)).not.toThrow();
  });

  it("rejects counts that the bytes cannot hold", () => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 0x3fffffff); // a billion structs in a few bytes
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 0);
    expect(() => checkUpdateV1(encoding.toUint8Array(e))).toThrow(MalformedMessage);
  });

  it("rejects truncated, padded and random updates", () => {
    const good = realUpdates().at(-1)!;
    expect(() => checkUpdateV1(good.subarray(0, good.length - 3))).toThrow(MalformedMessage);
    expect(() => checkUpdateV1(new Uint8Array([...good, 0]))).toThrow(MalformedMessage);
    expect(() => checkUpdateV1(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]))).toThrow(MalformedMessage);
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    for (let i = 0; i < 500; i++) {
      const bytes = new Uint8Array(1 + (rand() % 64)).map(rand);
      try {
        checkUpdateV1(bytes);
        // If the walker accepts it, Yjs must be able to read it without blowing up.
        Y.decodeUpdate(bytes);
      } catch (e) {
        expect(e).toBeInstanceOf(Error);
      }
    }
  });
});

describe("state vectors and awareness", () => {
  it("checks state vectors", () => {
    const doc = new Y.Doc();
    doc.getText("t").insert(0, "x");
    expect(() => checkStateVector(Y.encodeStateVector(doc))).not.toThrow();
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1_000_000);
    expect(() => checkStateVector(encoding.toUint8Array(e))).toThrow(MalformedMessage);
  });

  it("round-trips awareness and refuses non-object states", () => {
    const bytes = encodeAwarenessUpdate([{ clientId: 5, clock: 2, state: { cursor: null } }]);
    expect(readAwarenessUpdate(bytes)).toEqual([{ clientId: 5, clock: 2, state: { cursor: null }, bytes: 15 }]);
    expect(() => readAwarenessUpdate(encodeAwarenessUpdate([{ clientId: 5, clock: 2, state: [1] }]))).toThrow(MalformedMessage);
    expect(() => readAwarenessUpdate(new Uint8Array([1, 5, 2, 3, 0x7b, 0x7b, 0x7b]))).toThrow(MalformedMessage);
    // Entries not asked for are stepped over undecoded (an echo of others' presence), but the framing is still checked.
    const two = encodeAwarenessUpdate([{ clientId: 5, clock: 2, state: { cursor: null } }, { clientId: 6, clock: 1, state: { cursor: 1 } }]);
    expect(readAwarenessUpdate(two, (id) => id === 6)).toEqual([{ clientId: 6, clock: 1, state: { cursor: 1 }, bytes: 12 }]);
    expect(() => readAwarenessUpdate(two.subarray(0, two.length - 1), (id) => id === 7)).toThrow(MalformedMessage);
  });
});

describe("isLib0DecodeError", () => {
  it("recognises what lib0's decoders throw on truncated input, and nothing else", () => {
    const caught: unknown[] = [];
    for (const bytes of [new Uint8Array([]), new Uint8Array([0x80]), new Uint8Array([5, 1])]) {
      try {
        const d = decoding.createDecoder(bytes);
        decoding.readVarUint8Array(d);
        decoding.readVarUint(d);
      } catch (e) {
        caught.push(e);
      }
    }
    expect(caught.length).toBe(3);
    for (const e of caught) expect(isLib0DecodeError(e)).toBe(true);
    expect(isLib0DecodeError(new Error("something else broke"))).toBe(false);
    expect(isLib0DecodeError("Unexpected end of array")).toBe(false);
  });
});
