// Many stock y-websocket clients in child processes, so that the clients of a
// 10,000-connection benchmark do not share one event loop with each other or the
// parent (bench/idle.ts, bench/reconnect-storm.ts). Each child takes its share,
// opens them all when told, and reports over IPC when every one has synced.
import { fork, spawnSync, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { socketClass } from "../tests/helpers/collab.js";

/** What one child is asked to open: `count` clients of `docNames` (round robin), signed in with `cookies` (round robin; none: anonymous). */
export interface ClientShare {
  base: string;
  docNames: string[];
  count: number;
  cookies: string[];
  /** False: the clients publish no presence (their awareness state is null), as for memory at rest. */
  presence?: boolean;
}

type ToChild = { type: "open"; share: ClientShare } | { type: "close" };
type FromChild = { type: "ready" } | { type: "synced"; at: number; closes: number } | { type: "closed" };

/** Open file descriptors a process of a 10,000-socket run may need (sockets, plus the database and modules). */
export const FILE_LIMIT = 65_536;

/**
 * Lifts a process's open-file limit to FILE_LIMIT, where this machine allows it
 * (root, or a hard limit already that high); else the run is left to fail with
 * EMFILE, which it then reports.
 */
export function raiseFileLimit(pid: number): void {
  spawnSync("prlimit", [`--pid=${pid}`, `--nofile=${FILE_LIMIT}:${FILE_LIMIT}`]);
}

export interface ClientPool {
  /** Opens every share at once; resolves with the time (ms since the epoch) the last client synced. */
  open(shares: ClientShare[]): Promise<number>;
  /** Closes every client and waits until each child has done so. */
  close(): Promise<void>;
  stop(): void;
}

/** Starts `workers` child processes, each ready to open its share of clients. */
export async function startClientPool(workers: number): Promise<ClientPool> {
  const children: ChildProcess[] = [];
  for (let i = 0; i < workers; i++) {
    const child = fork(fileURLToPath(import.meta.url), ["--child"], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    raiseFileLimit(child.pid!);
    children.push(child);
  }
  await Promise.all(children.map((c) => next(c, "ready")));
  return {
    async open(shares) {
      if (shares.length !== children.length) throw new Error(`${shares.length} shares for ${children.length} workers`);
      const synced = children.map((c) => next(c, "synced"));
      children.forEach((c, i) => c.send({ type: "open", share: shares[i]! } satisfies ToChild));
      const reports = await Promise.all(synced);
      return Math.max(...reports.map((r) => (r.type === "synced" ? r.at : 0)));
    },
    async close() {
      const closed = children.map((c) => next(c, "closed"));
      for (const c of children) c.send({ type: "close" } satisfies ToChild);
      await Promise.all(closed);
    },
    stop() {
      for (const c of children) c.kill();
    },
  };
}

/** Splits `total` clients over `workers` shares that differ by at most one. */
export function split(total: number, workers: number): number[] {
  return Array.from({ length: workers }, (_, i) => Math.floor(total / workers) + (i < total % workers ? 1 : 0));
}

function next(child: ChildProcess, type: FromChild["type"]): Promise<FromChild> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: FromChild) => {
      if (m.type !== type) return;
      child.off("message", onMessage);
      child.off("exit", onExit);
      resolve(m);
    };
    const onExit = (code: number | null) => reject(new Error(`a client worker exited (${code}) before reporting ${type}`));
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

function runChild(): void {
  // Thousands of providers each add an exit listener; that is expected here.
  process.setMaxListeners(0);
  let clients: { doc: Y.Doc; provider: WebsocketProvider }[] = [];
  const send = (m: FromChild) => process.send!(m);
  process.on("message", (m: ToChild) => {
    if (m.type === "open") {
      const { base, docNames, count, cookies } = m.share;
      const origin = new URL(base).origin;
      let closes = 0;
      let waiting = count;
      const classes = (cookies.length > 0 ? cookies : [undefined]).map((cookie) => socketClass(origin, cookie) as unknown as typeof WebSocket);
      for (let i = 0; i < count; i++) {
        const doc = new Y.Doc();
        const provider = new WebsocketProvider(`${base.replace(/^http/, "ws")}/collab`, docNames[i % docNames.length]!, doc, {
          WebSocketPolyfill: classes[i % classes.length]!,
          disableBc: true,
          connect: false,
        });
        if (m.share.presence === false) provider.awareness.setLocalState(null);
        provider.connect();
        provider.on("connection-close", (e: CloseEvent | null) => {
          closes++;
          if (process.env.BENCH_VERBOSE) process.stderr.write(`close ${e?.code ?? "none"} ${e?.reason ?? ""}\n`);
        });
        provider.once("sync", () => {
          if (--waiting === 0) send({ type: "synced", at: Date.now(), closes });
        });
        clients.push({ doc, provider });
      }
      if (count === 0) send({ type: "synced", at: Date.now(), closes });
    } else {
      for (const { doc, provider } of clients) {
        provider.destroy();
        doc.destroy();
      }
      clients = [];
      send({ type: "closed" });
    }
  });
  send({ type: "ready" });
}

if (process.argv.includes("--child")) runChild();
