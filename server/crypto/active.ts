import { installTextSealer } from "../../db/queries/sealed-text.js";
import { open, seal, type MasterKeyring } from "./sealed.js";

/**
 * Installs the process's data encryption keyring (server or CLI, once at start) as the
 * data layer's text sealer, so db/queries seals and opens without threading it through every call.
 */
export function installDataKeyring(ring: MasterKeyring): void {
  installTextSealer({ seal: (plaintext, context) => seal(ring, plaintext, context), open: (sealed, context) => open(ring, sealed, context) });
}
