// Runs several Margin nodes on one PostgreSQL and one Redis behind a small
// round-robin proxy, for trying multi-node Margin on one machine. For the demo
// only: in production put nginx (or any load balancer) in front.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/margin REDIS_URL=redis://127.0.0.1:6379 npm run cluster
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, request, type IncomingMessage } from "node:http";
import { connect } from "node:net";
import { resolve } from "node:path";

const NODES = Number(process.env.NODES ?? 2);
const PORT = Number(process.env.PORT ?? 3000);
const DATABASE_URL = process.env.DATABASE_URL ?? "";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const CLI = resolve(import.meta.dirname, "../bin/margin.js");

if (!/^postgres(ql)?:\/\//.test(DATABASE_URL)) {
  console.error("npm run cluster: set DATABASE_URL to a PostgreSQL database (several nodes cannot share a SQLite file).");
  process.exit(1);
}

function run(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NODE_ENV: "production", DATABASE_URL, REDIS_URL, ...env }, stdio: ["ignore", "inherit", "inherit"] });
}

async function once(args: string[]): Promise<void> {
  const child = run(args, {});
  const code = await new Promise<number | null>((r) => child.once("exit", r));
  if (code !== 0) throw new Error(`margin ${args.join(" ")} exited with ${code}`);
}

// Migrate and seed once, then start the nodes without either (as in production).
await once(["migrate"]);
await once(["seed"]);
const backends = Array.from({ length: NODES }, (_, i) => PORT + 1 + i);
const children = backends.map((port) => run(["serve", "--no-migrate", "--no-seed"], { PORT: String(port), ORIGIN: `http://localhost:${PORT}` }));

let next = 0;
/** Backends in round-robin order, starting with the next one. */
function order(): number[] {
  const start = next++ % backends.length;
  return [...backends.slice(start), ...backends.slice(0, start)];
}

const proxy = createServer((req, res) => {
  const attempt = (ports: number[]) => {
    const port = ports[0];
    if (port === undefined) {
      res.writeHead(502, { "content-type": "text/plain" }).end("No Margin node is answering.\n");
      return;
    }
    const upstream = request({ host: "127.0.0.1", port, method: req.method, path: req.url, headers: req.headers }, (up: IncomingMessage) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    // A node that is down: try the next one (only safe before any body was sent).
    upstream.on("error", () => (req.method === "GET" || req.method === "HEAD" ? attempt(ports.slice(1)) : res.headersSent || res.writeHead(502).end()));
    req.pipe(upstream);
  };
  attempt(order());
});

// WebSockets: pass the upgrade request and then the raw bytes both ways.
proxy.on("upgrade", (req, socket, head) => {
  const tryPort = (ports: number[]) => {
    const port = ports[0];
    if (port === undefined) return socket.destroy();
    const upstream = connect(port, "127.0.0.1", () => {
      const headers = Object.entries(req.headers).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : v}`).join("\r\n");
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers}\r\n\r\n`);
      if (head.length) upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    upstream.on("error", () => (upstream.bytesWritten === 0 ? tryPort(ports.slice(1)) : socket.destroy()));
    socket.on("error", () => upstream.destroy());
  };
  tryPort(order());
});

proxy.listen(PORT, "127.0.0.1", () => console.log(`Proxy on http://localhost:${PORT} → nodes on ports ${backends.join(", ")}`));
const stop = () => {
  for (const c of children) c.kill("SIGTERM");
  proxy.close();
  setTimeout(() => process.exit(0), 1500).unref();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
