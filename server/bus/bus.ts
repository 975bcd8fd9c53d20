/** Events that other parts of a process (and, later, other nodes) must hear about. */
export type BusEvent =
  | { type: "session.revoked"; sessionId: string }
  | { type: "user.sessions.revoked"; userId: string }
  | { type: "consultation.changed"; consultationId: string }
  /** Something viewers of the section should refetch: comments, replies, positions. */
  | { type: "section.activity"; sectionId: string };

export interface Bus {
  publish(event: BusEvent): void;
  /** Returns a function that unsubscribes. */
  subscribe(handler: (event: BusEvent) => void): () => void;
}

/** The single-process bus: synchronous fan-out to local subscribers. */
export function createInProcessBus(onError: (e: unknown) => void): Bus {
  const handlers = new Set<(event: BusEvent) => void>();
  return {
    publish(event) {
      for (const h of handlers) {
        try {
          h(event);
        } catch (e) {
          onError(e);
        }
      }
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
  };
}
