import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { creditIds } from "./authorship.js";

/** A document as one Yjs client; `clientID` may be forced, as any stock client can. */
function client(id: number): { doc: Y.Doc; text: Y.Text } {
  const doc = new Y.Doc();
  doc.clientID = id;
  return { doc, text: doc.getText("t") };
}

/** The update `edit` makes on `doc`. */
function edit(doc: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  change();
  return Y.encodeStateAsUpdate(doc, before);
}

describe("creditIds", () => {
  it("credits each id range to the sender that made it new, not a whole client id to its first sender", () => {
    const owner = client(424242);
    const first = edit(owner.doc, () => owner.text.insert(0, "OwnerThree "));
    // The drafter takes the synced state, then continues the owner's client id.
    const drafter = client(7);
    Y.applyUpdate(drafter.doc, first);
    drafter.doc.clientID = 424242;
    const forged = edit(drafter.doc, () => drafter.text.insert(0, "FORGEDTHIRD "));
    const credits = creditIds([
      { userId: "owner", data: first },
      { userId: "drafter", data: forged },
    ]);
    expect(credits.authorOf(424242, 0)).toBe("owner");
    expect(credits.authorOf(424242, 10)).toBe("owner");
    expect(credits.authorOf(424242, 11)).toBe("drafter");
    expect(credits.authorOf(424242, 22)).toBe("drafter");
    expect(credits.authorOf(424242, 23)).toBeUndefined();
    expect(credits.split(424242, 5, 20, "nobody")).toEqual([
      { from: 5, to: 11, author: "owner" },
      { from: 11, to: 20, author: "drafter" },
    ]);
  });

  it("gives nobody ids an update merely carries again, and none that were known before the run", () => {
    const alice = client(1);
    const a1 = edit(alice.doc, () => alice.text.insert(0, "abc"));
    const bob = client(2);
    Y.applyUpdate(bob.doc, a1);
    const b1 = edit(bob.doc, () => bob.text.insert(3, "def"));
    const a2 = edit(alice.doc, () => alice.text.insert(0, "xy"));
    // Carol re-sends all she holds (alice's and bob's ids) with nothing of her own.
    const carol = client(3);
    for (const u of [a1, b1, a2]) Y.applyUpdate(carol.doc, u);
    const resync = Y.encodeStateAsUpdate(carol.doc);
    const credits = creditIds(
      [
        { userId: "carol", data: resync },
        { userId: "alice", data: a2 },
      ],
      new Map([[1, 3]]),
    );
    expect(credits.authorOf(1, 0)).toBeUndefined();
    // The resync arrived first with alice's later ids, so carol is their first sender (the log's order rules).
    expect(credits.authorOf(1, 3)).toBe("carol");
    expect(credits.authorOf(2, 0)).toBe("carol");
    expect(credits.split(2, 0, 3, "fallback")).toEqual([{ from: 0, to: 3, author: "carol" }]);
    expect(credits.split(9, 0, 2, "fallback")).toEqual([{ from: 0, to: 2, author: "fallback" }]);
  });

  it("credits ids that fill an earlier gap to the update that brought them", () => {
    const a = client(5);
    const u1 = edit(a.doc, () => a.text.insert(0, "one "));
    const u2 = edit(a.doc, () => a.text.insert(4, "two "));
    const u3 = edit(a.doc, () => a.text.insert(8, "three"));
    // Ids 4..8 arrive last (after 8..13), from someone else.
    const credits = creditIds([
      { userId: "p", data: u1 },
      { userId: "p", data: u3 },
      { userId: "q", data: u2 },
    ]);
    expect(credits.split(5, 0, 13, "?")).toEqual([
      { from: 0, to: 4, author: "p" },
      { from: 4, to: 8, author: "q" },
      { from: 8, to: 13, author: "p" },
    ]);
  });
});
