import { useEffect, useRef, useState } from "react";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { ACCESS_CLOSE_CODES, CLOSE } from "../../common/close-codes.js";
import { LOCAL_STORE_PREFIX, LOCAL_STORE_WAIT_MS } from "./local-copies.client.js";
import { RECONNECT_MAX_MS, reconnectDelay } from "./reconnect.js";

export type LinkStatus = "connecting" | "connected" | "disconnected";


export interface CollabDoc {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

/**
 * One Y.Doc and its WebSocket provider per document name, created in an effect
 * and destroyed on cleanup, so nothing outlives the page that needs it.
 */
export function useCollabDoc(docName: string, onAccessChange: (closeCode: number) => void, options: { keepLocalCopy: boolean } = { keepLocalCopy: false }) {
  const [collab, setCollab] = useState<CollabDoc | null>(null);
  // The page's latest callback (it may depend on state, such as whether a navigation is under way).
  const accessChanged = useRef(onAccessChange);
  accessChanged.current = onAccessChange;
  const [status, setStatus] = useState<LinkStatus>("connecting");
  const [synced, setSynced] = useState(false);
  /** Synced at least once: the editor holds the text, so it stays usable while reconnecting. */
  const [hadSync, setHadSync] = useState(false);

  useEffect(() => {
    const doc = new Y.Doc();
    const url = `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/collab`;
    // Editors keep a copy in the browser, so edits made offline survive closing the tab
    // and are sent with the first sync after the page is opened again.
    let local: IndexeddbPersistence | null = null;
    try {
      local = options.keepLocalCopy ? new IndexeddbPersistence(`${LOCAL_STORE_PREFIX}${docName}`, doc) : null;
    } catch {
      local = null;
    }
    const provider = new WebsocketProvider(url, docName, doc, { maxBackoffTime: RECONNECT_MAX_MS, connect: local === null });
    let stopped = false;
    if (local) {
      const go = () => {
        if (!stopped && !provider.wsconnected && !provider.wsconnecting && !provider.shouldConnect) provider.connect();
      };
      local.whenSynced.then(go, go);
      setTimeout(go, LOCAL_STORE_WAIT_MS);
    }
    let attempt = 0;
    let retry: ReturnType<typeof setTimeout> | null = null;
    const onStatus = ({ status: s }: { status: LinkStatus }) => setStatus(s);
    const onSync = (s: boolean) => {
      // Only a connection that got as far as syncing counts as a success.
      if (s) {
        attempt = 0;
        setHadSync(true);
      }
      setSynced(s);
    };
    const onClose = (event: CloseEvent | null) => {
      setSynced(false);
      if (event?.code === CLOSE.workingCopyClosed && local) {
        // The server refused the last edit (ADR 026): the browser's copy must not send it again if the team reopens the working copy.
        void local.clearData();
        local = null;
      }
      if (event && ACCESS_CLOSE_CODES.has(event.code)) accessChanged.current(event.code);
      // The stock provider retries on a fixed schedule; take over with a jittered one.
      // Signed out elsewhere (unauthenticated): carry on as an anonymous reader.
      // A closed working copy is not reconnected to: the page re-reads what the user may do and opens the public text.
      const resume = event?.code !== CLOSE.workingCopyClosed && (provider.shouldConnect || event?.code === CLOSE.unauthenticated);
      provider.shouldConnect = false;
      if (!resume) return;
      if (retry) clearTimeout(retry);
      retry = setTimeout(() => {
        retry = null;
        provider.connect();
      }, reconnectDelay(attempt++));
    };
    provider.on("status", onStatus);
    provider.on("sync", onSync);
    provider.on("connection-close", onClose);
    setCollab({ doc, provider });
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      void local?.destroy();
      provider.off("status", onStatus);
      provider.off("sync", onSync);
      provider.off("connection-close", onClose);
      provider.destroy();
      doc.destroy();
      setCollab(null);
      setSynced(false);
      setHadSync(false);
      setStatus("connecting");
    };
  }, [docName, options.keepLocalCopy]);

  return { collab, status, synced, hadSync };
}
