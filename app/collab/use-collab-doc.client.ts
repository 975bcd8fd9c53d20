import { useEffect, useState } from "react";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

export type LinkStatus = "connecting" | "connected" | "disconnected";

/** Close codes after which the page should re-read what the user may do (server/collab/limits.ts). */
export const ACCESS_CLOSE_CODES = new Set([4401, 4403, 4409]);
/** Upper bound of the provider's reconnect back-off. */
export const MAX_BACKOFF_MS = 10_000;

export interface CollabDoc {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

/**
 * One Y.Doc and its WebSocket provider per document name, created in an effect
 * and destroyed on cleanup, so nothing outlives the page that needs it.
 */
export function useCollabDoc(docName: string, onAccessChange: () => void) {
  const [collab, setCollab] = useState<CollabDoc | null>(null);
  const [status, setStatus] = useState<LinkStatus>("connecting");
  const [synced, setSynced] = useState(false);

  useEffect(() => {
    const doc = new Y.Doc();
    const url = `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/collab`;
    const provider = new WebsocketProvider(url, docName, doc, { maxBackoffTime: MAX_BACKOFF_MS });
    const onStatus = ({ status: s }: { status: LinkStatus }) => setStatus(s);
    const onSync = (s: boolean) => setSynced(s);
    const onClose = (event: CloseEvent | null) => {
      setSynced(false);
      if (event && ACCESS_CLOSE_CODES.has(event.code)) onAccessChange();
    };
    provider.on("status", onStatus);
    provider.on("sync", onSync);
    provider.on("connection-close", onClose);
    setCollab({ doc, provider });
    return () => {
      provider.off("status", onStatus);
      provider.off("sync", onSync);
      provider.off("connection-close", onClose);
      provider.destroy();
      doc.destroy();
      setCollab(null);
      setSynced(false);
      setStatus("connecting");
    };
    // onAccessChange is a callback from the page; reconnecting when it changes identity would be wrong.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [docName]);

  return { collab, status, synced };
}
