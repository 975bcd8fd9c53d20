import type { MasterKeyring } from "./sealed.js";

/**
 * The process's data encryption keyring, installed once at start (server or CLI)
 * so the data boundary can seal and open without threading it through every call.
 */
// Kept on globalThis: the server and the Remix build are separate bundles, each with its own copy of this module.
const SLOT = Symbol.for("margin.dataKeyring");
const holder = globalThis as { [SLOT]?: MasterKeyring };

export function installDataKeyring(ring: MasterKeyring): void {
  holder[SLOT] = ring;
}

export function dataKeyring(): MasterKeyring {
  const installed = holder[SLOT];
  if (!installed) throw new Error("No data encryption keyring is loaded (the server loads it at start; set DATA_ENCRYPTION_KEY or DATA_ENCRYPTION_KEY_FILE).");
  return installed;
}
