import type { RecordCheck } from "./context.js";
import { checkPositions } from "./positions.js";
import { checkVersions } from "./versions.js";

/**
 * The checks of what readers are shown against the ledger, run by `margin verify`
 * after the chains and the text history check out. Each lives in its own file.
 */
export const RECORD_CHECKS: { name: string; run: RecordCheck }[] = [
  { name: "positions", run: checkPositions },
  { name: "versions", run: checkVersions },
];
