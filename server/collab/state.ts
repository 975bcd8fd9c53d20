import type { WebSocket } from "ws";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import type { InFlight } from "./in-flight.js";
import type { UserProfile } from "../../db/queries/user.js";
import type { TokenBucket } from "./limits.js";
import type { SchemaGuard } from "./schema-guard.js";

// The two shapes every part of the collaboration server shares. They live apart
// from the parts (types only) so that no two parts import each other.

/** A section's live document on this node, between load and unload. */
export interface LoadedDoc {
  sectionId: string;
  consultationId: string;
  doc: Y.Doc;
  awareness: Awareness;
  conns: Set<Conn>;
  /** The highest log position up to which every update is applied. */
  seq: number;
  /** Positions applied out of order (another node's update overtook a gap). */
  ahead: Set<number>;
  gapTimer: NodeJS.Timeout | null;
  /** Commits of accepted updates not yet applied. */
  inflight: InFlight;
  failed: boolean;
  /** Checks drafters' updates against the editor's schema; made at the first update. */
  guard: SchemaGuard | null;
}

interface ConnBase {
  id: string;
  ws: WebSocket;
  sessionId: string | null;
  token: string | null;
  sectionId: string;
  consultationId: string;
  /** Connected to the section's team-only working copy rather than its public document (ADR 026). */
  working: boolean;
  doc: LoadedDoc | null;
  clientId: number | null;
  messages: TokenBucket;
  awarenessBucket: TokenBucket;
  pendingAwareness: Uint8Array | null;
  awarenessTimer: NodeJS.Timeout | null;
  alive: boolean;
  /** When this node last sent the connection a message (ms, monotonic): a quiet one gets a keep-alive. */
  lastSentAt: number;
  /** Inbound messages, handled one after another once the document has loaded. */
  chain: Promise<void>;
  closed: boolean;
}

/** A connection that may edit: only signed-in users get one, so the user is always there. */
export interface WritableConn extends ConnBase {
  writable: true;
  user: UserProfile;
}

/** A read-only connection: a signed-in reader, or anyone when the section is public. */
export interface ReadOnlyConn extends ConnBase {
  writable: false;
  user: UserProfile | null;
}

export type Conn = WritableConn | ReadOnlyConn;
