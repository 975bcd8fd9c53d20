import { parseArgs } from "node:util";
import type { Env } from "../../env.js";
import { startServer } from "../../index.js";
import type { Out } from "../io.js";
import { demoAccountLines } from "../demo-accounts.js";

export async function serve(env: Env, args: string[], io: Out): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      dev: { type: "boolean", default: false },
      demo: { type: "boolean", default: false },
      "no-migrate": { type: "boolean", default: false },
      "no-seed": { type: "boolean", default: false },
    },
  });
  const production = env.NODE_ENV === "production";
  const seedDemo = !values["no-seed"] && (values.demo || (env.SEED_DEMO ?? !production));
  const running = await startServer(env, {
    mode: values.dev ? "development" : "production",
    migrate: !values["no-migrate"] && env.MIGRATE_ON_START,
    seedDemo,
  });
  let signalled = false;
  const shutdown = (signal: string) => {
    if (signalled) return;
    signalled = true;
    running.services.logger.info("shutting down", { signal });
    const force = setTimeout(() => {
      running.services.logger.warn("shutdown timed out; closing connections");
      running.server.closeAllConnections();
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    running.stop().then(
      () => process.exit(0),
      (e) => {
        running.services.logger.error("shutdown failed", { error: e });
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  // Announced only once the signal handlers are in place, so whoever waits for
  // this line may stop the server at once.
  io.out(`Margin listening on ${running.url}`);
  if (running.demo) {
    io.out(io.tr.t("cli.serve.demo", { url: `${running.url}/c/ai-guideline` }));
    if (env.DEMO_JAPANESE) io.out(io.tr.t("cli.serve.demoJa", { url: `${running.url}/c/ai-jigyosha-guideline` }));
    io.out(io.tr.t("cli.serve.signIn", { url: `${running.url}/login` }));
    for (const line of demoAccountLines(io.tr, running.demo.accounts)) io.out(line);
    io.out(env.DEMO_PASSWORD ? io.tr.t("cli.serve.passwordEnv") : io.tr.t("cli.serve.password", { password: running.demo.password }));
  }
  return await new Promise<number>(() => {});
}
