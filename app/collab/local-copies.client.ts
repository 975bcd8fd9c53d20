// Local (IndexedDB) copies of sections a drafter edits; see use-collab-doc.client.ts.
// Kept free of imports: the sign-out button in the root layout uses it on every page.

/** Local copies are stored under this prefix (cleared at sign-out). */
export const LOCAL_STORE_PREFIX = "margin-section-";
/** If the browser's store does not answer by then (private windows, quotas), connect without it. */
export const LOCAL_STORE_WAIT_MS = 1500;

/** Deletes every local copy this site stored (best effort: some browsers cannot list databases). */
export async function clearLocalCopies(): Promise<void> {
  if (typeof indexedDB === "undefined" || typeof indexedDB.databases !== "function") return;
  for (const db of await indexedDB.databases()) {
    if (db.name?.startsWith(LOCAL_STORE_PREFIX)) indexedDB.deleteDatabase(db.name);
  }
}

