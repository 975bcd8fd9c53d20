import type { Dialect, Executor } from "../../../db/client.js";
import type { CommentRow } from "../../../db/schema.js";

/** What campaign detection computed of a text: kept in `comment_signature`. */
interface CampaignSignature {
  /** MinHash signature, little-endian uint32 per hash function. */
  minhash: Uint8Array;
  /** Distinct shingles in the text (0: too short to compare). */
  shingles: number;
}

/** Places a new comment in the campaign whose texts it nearly repeats (ADR 030). Filled in by the campaigns work. */
export async function assignCampaign(_tx: Executor, _dialect: Dialect, _comment: CommentRow): Promise<CampaignSignature> {
  return { minhash: new Uint8Array(0), shingles: 0 };
}
