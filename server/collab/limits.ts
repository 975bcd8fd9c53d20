/** Every limit of the collaboration server, with the defaults of RELIABILITY.md (server/env.ts takes its COLLAB_* defaults from DEFAULT_COLLAB_LIMITS). */
export interface CollabLimits {
  /** Largest inbound WebSocket frame. */
  maxFrameBytes: number;
  /** Largest awareness state (JSON) one client may publish. */
  maxAwarenessBytes: number;
  awarenessPerSecond: number;
  messagesPerSecond: number;
  messageBurst: number;
  pingIntervalMs: number;
  /** A connection sent nothing for this long gets an empty presence update (the stock client reconnects after 30 s of silence). */
  keepAliveMs: number;
  /** A socket whose unsent data exceeds this is closed (slow reader). */
  maxBufferedBytes: number;
  /** Group commit: extra wait before a batch starts (0: the next event-loop turn). */
  groupCommitMs: number;
  groupCommitMaxRows: number;
  /** A change set closes after this long without an edit by its author… */
  changeSetIdleMs: number;
  /** …or after this many updates. */
  changeSetMaxUpdates: number;
  /** A checkpoint (full state) is written after this many updates. */
  checkpointEvery: number;
  /** With several nodes: how long a missing log position may stay missing before it is read from the database. */
  gapRepairMs: number;
  /** How often open connections re-check that their session is still valid. */
  sessionRecheckMs: number;
  /** Open WebSockets (and upgrades in progress) per client address; beyond it the upgrade gets 429. */
  maxConnectionsPerIp: number;
  /** Presence changes of a document are relayed at most once per this interval, together (ADR 043). */
  presenceFlushMs: number;
  /** A document shares readers' presence while it holds fewer presence states than this; writers' always (ADR 043). */
  maxPresenceStates: number;
  /** Readers are told a section's text changed at most once per this interval (they then re-read the page). */
  textEventMs: number;
  /** A fold whose input (checkpoint and updates) is at least this many bytes computes in the fold worker; smaller ones take a few ms here. */
  foldWorkerMinBytes: number;
  /** Estimated memory of the documents kept for reading while no socket holds them live (read-cache.ts); 0 keeps none. */
  readCacheBytes: number;
}

export const DEFAULT_COLLAB_LIMITS: CollabLimits = {
  maxFrameBytes: 2 * 1024 * 1024,
  maxAwarenessBytes: 1024,
  awarenessPerSecond: 10,
  messagesPerSecond: 50,
  messageBurst: 200,
  pingIntervalMs: 30_000,
  keepAliveMs: 15_000,
  maxBufferedBytes: 4 * 1024 * 1024,
  groupCommitMs: 0,
  groupCommitMaxRows: 500,
  changeSetIdleMs: 3_000,
  changeSetMaxUpdates: 500,
  checkpointEvery: 500,
  gapRepairMs: 500,
  sessionRecheckMs: 60_000,
  maxConnectionsPerIp: 50,
  textEventMs: 1_000,
  foldWorkerMinBytes: 32 * 1024,
  readCacheBytes: 64 * 1024 * 1024,
  presenceFlushMs: 100,
  maxPresenceStates: 100,
};

// The close codes are read by the browser too, so they live in common/; re-exported for server/collab's importers.
export { CLOSE } from "../../common/close-codes.js";

/** A token bucket: `rate` per second, holding at most `burst`. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Counts long-lived connections per client address, against a cap. */
export class PerAddressCount {
  private readonly counts = new Map<string, number>();
  constructor(private readonly max: number) {}
  /** Counts one more for `address`, unless it is at the cap (then false). */
  tryAcquire(address: string): boolean {
    const n = this.counts.get(address) ?? 0;
    if (n >= this.max) return false;
    this.counts.set(address, n + 1);
    return true;
  }
  release(address: string): void {
    const n = (this.counts.get(address) ?? 0) - 1;
    if (n > 0) this.counts.set(address, n);
    else this.counts.delete(address);
  }
}
