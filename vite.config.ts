import { vitePlugin as remix } from "@remix-run/dev";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// The collaboration binding diffs text without knowing where the caret is, which
// credits a typed character to whoever wrote an equal one next to it; its
// `lib0/diff` is replaced by one that knows (app/collab/cursor-diff.ts).
const CARET_DIFF = fileURLToPath(new URL("./app/collab/cursor-diff.ts", import.meta.url));
const BINDING = /[\\/]@tiptap[\\/]y-tiptap[\\/]/;

function caretAwareDiff(): Plugin {
  return {
    name: "margin:caret-aware-diff",
    enforce: "pre",
    resolveId(source, importer) {
      return source === "lib0/diff" && importer && BINDING.test(importer) ? CARET_DIFF : null;
    },
  };
}

export default defineConfig({
  plugins: [caretAwareDiff(), remix(remixConfig)],
  optimizeDeps: {
    esbuildOptions: {
      plugins: [
        {
          name: "margin:caret-aware-diff",
          setup(build) {
            build.onResolve({ filter: /^lib0\/diff$/ }, (args) => (BINDING.test(args.importer) ? { path: CARET_DIFF } : undefined));
          },
        },
      ],
    },
  },
  server: { hmr: { port: 24678 } },
  build: {
    target: "es2022",
    // The editor's chunk (TipTap, ProseMirror, Yjs) is about 560 kB and only the section page loads it; Vite's
    // 500 kB warning told newcomers something was broken when it was not. A chunk beyond this limit still warns.
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      onwarn(warning, warn) {
        // Resource routes (CSV, JSON, feeds, POST-only forms) have no component, so their browser chunk is empty by
        // design: Remix makes a chunk per route. Every other warning is shown.
        if (warning.code === "EMPTY_BUNDLE") return;
        warn(warning);
      },
    },
  },
  ssr: { noExternal: [] },
});
