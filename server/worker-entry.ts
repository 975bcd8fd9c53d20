// Where a worker thread's body is, for `new Worker(source, { eval })`.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * The worker `name` (e.g. "./fold-worker") next to the module at `here`
 * (its import.meta.url). Workers run TypeScript like the rest of the server:
 * under tsx (the main thread's loader hooks do not reach workers), or as
 * compiled JavaScript. Null when the file is not there (a bundle that left it out).
 */
export function workerEntry(here: string, name: string): { source: string; eval: boolean } | null {
  if (!here.endsWith(".ts")) {
    const path = fileURLToPath(new URL(`${name}.js`, here));
    return existsSync(path) ? { source: path, eval: false } : null;
  }
  const target = new URL(`${name}.ts`, here);
  if (!existsSync(fileURLToPath(target))) return null;
  const tsx = tsxEsmApi(here);
  return { source: `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(target.href)}); });`, eval: true };
}

/** tsx's ESM API module. Vitest has no import.meta.resolve, and require would find its CommonJS build, so its package says where. */
function tsxEsmApi(here: string): string {
  const require = createRequire(here);
  const manifest = require.resolve("tsx/package.json");
  const { exports } = JSON.parse(readFileSync(manifest, "utf8")) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(manifest), exports["./esm/api"]!.import.default)).href;
}
