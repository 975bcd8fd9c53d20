import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [remix(remixConfig)],
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
