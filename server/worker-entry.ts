import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

/**
 * How to start a worker thread on one of our modules. The server runs TypeScript
 * under tsx (the main thread's loader hooks do not reach workers), or as compiled
 * JavaScript next to the module that starts the worker. `here` is that module's
 * import.meta.url; `name` the worker's file name without its extension.
 */
export function workerEntry(here: string, name: string): { source: string; eval: boolean } {
  if (!here.endsWith(".ts")) return { source: new URL(`./${name}.js`, here).pathname, eval: false };
  const target = new URL(`./${name}.ts`, here).href;
  return { source: `import(${JSON.stringify(tsxApi(here))}).then((m) => { m.register(); return import(${JSON.stringify(target)}); });`, eval: true };
}

/** tsx's ESM API. Vitest runs modules without import.meta.resolve, so it is found the CommonJS way there, and its ESM build named. */
function tsxApi(here: string): string {
  if (typeof import.meta.resolve === "function") return import.meta.resolve("tsx/esm/api");
  return pathToFileURL(createRequire(here).resolve("tsx/esm/api")).href.replace(/\.cjs$/, ".mjs");
}
