/** Events that other parts of a process, and other nodes, must hear about. */
export type BusEvent =
  | { type: "session.revoked"; sessionId: string }
  | { type: "user.sessions.revoked"; userId: string }
  | { type: "consultation.changed"; consultationId: string }
  /** Something viewers of the section should refetch: comments, replies, positions. */
  | { type: "section.activity"; sectionId: string }
  /** The section's public text changed (at most once per `textEventMs`): readers re-read it. */
  | { type: "section.text"; sectionId: string }
  /** A committed Yjs update (V1, base64) at its log position, from node `node`. */
  | { type: "doc.update"; node: string; sectionId: string; seq: number; update: string; copy?: "working" }
  /** A presence (awareness) update (base64) from node `node`'s connections. */
  | { type: "doc.awareness"; node: string; sectionId: string; payload: string; copy?: "working" }
  /** Local only: the shared bus was away and is back; whatever was missed must be read from the database. */
  | { type: "bus.resync" };

export interface Bus {
  /** True when events reach other processes (Redis); false for the in-process bus. */
  readonly shared: boolean;
  publish(event: BusEvent): void;
  /** Returns a function that unsubscribes. */
  subscribe(handler: (event: BusEvent) => void): () => void;
  close(): Promise<void>;
}

/** Synchronous fan-out to this process's subscribers. */
export function localFanOut(onError: (e: unknown) => void) {
  const handlers = new Set<(event: BusEvent) => void>();
  return {
    deliver(event: BusEvent) {
      for (const h of handlers) {
        try {
          h(event);
        } catch (e) {
          onError(e);
        }
      }
    },
    subscribe(handler: (event: BusEvent) => void) {
      handlers.add(handler);
      return () => {
        handlers.delete(handler);
      };
    },
  };
}

/** The single-process bus: synchronous fan-out to local subscribers. */
export function createInProcessBus(onError: (e: unknown) => void): Bus {
  const local = localFanOut(onError);
  return { shared: false, publish: local.deliver, subscribe: local.subscribe, close: async () => undefined };
}
