import type { MasterKeyring } from "./sealed.js";

/**
 * The process's data encryption keyring, installed once at start (server or CLI)
 * so the data boundary can seal and open without threading it through every call.
 */
let installed: MasterKeyring | null = null;

export function installDataKeyring(ring: MasterKeyring): void {
  installed = ring;
}

export function dataKeyring(): MasterKeyring {
  if (!installed) throw new Error("No data encryption keyring is loaded (the server loads it at start; set DATA_ENCRYPTION_KEY or DATA_ENCRYPTION_KEY_FILE).");
  return installed;
}
