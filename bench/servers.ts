// The two servers the collaboration benchmarks compare, each its own process:
// the bare y-websocket relay (bench/relay.ts) and Margin with its demo seeded.
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { Browser } from "../tests/helpers/client.js";
import { createTestDatabase } from "../tests/helpers/databases.js";
import { ROOT, startServer, type TestServer } from "../tests/helpers/server.js";
import { raiseFileLimit } from "./ws-clients.js";

export const DEMO_PASSWORD = "bench-password";

export interface Relay {
  url: string;
  pid: number;
  /** Sockets open on the relay now. */
  connections(): Promise<number>;
  stop(): void;
}

/** Starts bench/relay.ts; with `cpu`, pinned to that core (taskset). */
export function startRelay(cpu?: number): Promise<Relay> {
  const node = [process.execPath, "--import", "tsx", resolve(ROOT, "bench/relay.ts")];
  const [cmd, ...args] = cpu === undefined ? node : ["taskset", "-c", String(cpu), ...node];
  const child = spawn(cmd!, args, { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolveRelay, reject) => {
    child.once("exit", (code) => reject(new Error(`the relay exited (${code}) before listening`)));
    child.stdout.on("data", (d: Buffer) => {
      const m = /listening on (\S+)/.exec(d.toString());
      if (!m) return;
      const url = m[1]!;
      raiseFileLimit(child.pid!);
      resolveRelay({
        url,
        pid: child.pid!,
        connections: async () => (await (await fetch(url)).json()).connections as number,
        stop: () => child.kill(),
      });
    });
  });
}

export interface MarginUnderTest {
  server: TestServer;
  /** The demo consultation's section ids. */
  sections: string[];
  /** Session cookies of the demo's drafters (who may edit) and of its other people (who read), signed in once each. */
  cookies(): Promise<{ writers: string[]; readers: string[] }>;
  /** Open collaboration sockets. */
  connections(): Promise<number>;
  stop(): Promise<void>;
}

const DEMO_WRITERS = ["owner@example.org", "drafter@example.org"];
const DEMO_READERS = ["civil@example.org", "industry@example.org", "moderator@example.org"];

/** Margin on a fresh SQLite database with the demo seeded, its per-address caps lifted for one machine's many clients. */
export async function startMargin(env: Record<string, string> = {}): Promise<MarginUnderTest> {
  const tdb = await createTestDatabase("sqlite");
  const server = await startServer(tdb.url, {
    SEED_DEMO: "1",
    DEMO_PASSWORD,
    LOG_LEVEL: "error",
    COLLAB_MAX_CONNECTIONS_PER_IP: "100000",
    ...env,
  });
  raiseFileLimit(server.process.pid!);
  const c = await (await fetch(`${server.url}/api/v1/consultations/ai-guideline`)).json();
  return {
    server,
    sections: c.sections.map((s: { id: string }) => s.id),
    async cookies() {
      const signIn = async (email: string) => {
        const b = new Browser(server.url);
        await b.signIn(email, DEMO_PASSWORD);
        return `margin_session=${b.cookie("margin_session")}`;
      };
      return { writers: await Promise.all(DEMO_WRITERS.map(signIn)), readers: await Promise.all(DEMO_READERS.map(signIn)) };
    },
    connections: async () => (await (await fetch(`${server.url}/healthz`)).json()).collab.connections as number,
    async stop() {
      await server.stop();
      await tdb.drop();
    },
  };
}
