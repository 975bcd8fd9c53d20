import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
export const CLI = resolve(ROOT, "bin/margin.js");

/**
 * The budget of a test that runs the CLI: each run is a fresh Node process that loads
 * the server through tsx, which takes seconds on an idle machine and many more on a
 * busy one. A run that outlives its share is killed (see runCli), so a hang still fails.
 */
export const CLI_TEST_TIMEOUT_MS = 180_000;
const CLI_RUN_TIMEOUT_MS = 120_000;

export interface TestServer {
  url: string;
  origin: string;
  process: ChildProcess;
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<number | null>;
  kill9(): Promise<void>;
}

/** Starts the real server (`margin serve`) on a random port and waits until it listens. */
export async function startServer(databaseUrl: string, env: Record<string, string> = {}, args: string[] = []): Promise<TestServer> {
  const child = spawn(process.execPath, [CLI, "serve", ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: "warn",
      SEED_DEMO: "0",
      DEMO_HISTORY: "0",
      DEMO_REQUESTS: "0",
      DEMO_JAPANESE: "0",
      // Most tests sign up and post at once; the verification tests turn this on.
      REQUIRE_VERIFIED_EMAIL: "0",
      // Mails go to a folder of this run unless a test gives SMTP_URL, and are looked for often.
      MAIL_OUTBOX_DIR: mkdtempSync(join(tmpdir(), "margin-outbox-")),
      MAIL_POLL_MS: "200",
      ...env,
    } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const onData = () => {
      const m = /Margin listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        child.stdout!.off("data", onData);
        resolveUrl(m[1]!);
      }
    };
    child.stdout!.on("data", onData);
    exited.then((code) => reject(new Error(`server exited with ${code} before listening:\n${out}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    process: child,
    output: () => out,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill("SIGTERM");
      return exited;
    },
    async kill9() {
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** Runs the CLI to completion (killed after CLI_RUN_TIMEOUT_MS; its code is then null). */
export function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", LOG_LEVEL: "warn", ...env } as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
      timeout: CLI_RUN_TIMEOUT_MS,
      killSignal: "SIGKILL",
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolveRun({ code, stdout, stderr }));
  });
}
