import * as Y from "yjs";

// A checkpoint is a section's whole Yjs state at a log position (ADR 041). It
// keeps every item ever typed — deleted text as runs of deleted structs — because
// a client reconnecting with an old state vector may place its edits next to any
// of them; so what a checkpoint costs to load grows with the history, and the
// encoding and the way it is applied are what keep that cost down.

/** Yjs's first update encoding: every checkpoint stored before ADR 041. */
export const CHECKPOINT_FORMAT_V1 = 1;
/** Yjs's column-wise update encoding: about a third of V1's bytes for a long-edited section. */
const CHECKPOINT_FORMAT_V2 = 2;
/** The encoding new checkpoints are written in. */
export const CHECKPOINT_FORMAT = CHECKPOINT_FORMAT_V2;

export interface EncodedCheckpoint {
  format: number;
  data: Uint8Array;
}

/** The document's whole state, as a new checkpoint stores it. */
export function encodeCheckpoint(doc: Y.Doc): EncodedCheckpoint {
  return { format: CHECKPOINT_FORMAT, data: Y.encodeStateAsUpdateV2(doc) };
}

/**
 * Applies a stored checkpoint to an empty document, in a transaction of its own.
 *
 * Garbage collection is off while it applies: every checkpoint was written from a
 * collecting document, so its deleted items are already bare lengths, and Yjs
 * would otherwise visit each of them once more to collect nothing (a tenth of the
 * load). The document collects again from the next transaction on.
 */
export function applyCheckpoint(doc: Y.Doc, checkpoint: EncodedCheckpoint): void {
  const gc = doc.gc;
  doc.gc = false;
  try {
    if (checkpoint.format === CHECKPOINT_FORMAT_V2) Y.applyUpdateV2(doc, checkpoint.data);
    else if (checkpoint.format === CHECKPOINT_FORMAT_V1) Y.applyUpdate(doc, checkpoint.data);
    else throw new Error(`unknown checkpoint format ${checkpoint.format}`);
  } finally {
    doc.gc = gc;
  }
}
