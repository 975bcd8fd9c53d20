// Lint for Margin: the layer boundaries and the logger rule, kept small on purpose
// (docs/decisions/014-lint-and-test-rules.md). Style is left to review; what is here
// is what a reviewer cannot be trusted to notice every time.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

// Relative imports that reach a top-level folder, from any depth: "../../server/x.js".
const to = (...folders) => `^(\\.\\./)+(${folders.join("|")})(/|$)`;

/** `@typescript-eslint/no-restricted-imports` with one regex pattern per boundary. */
function boundary(patterns) {
  return { "@typescript-eslint/no-restricted-imports": ["error", { patterns }] };
}

const serverOnly = "server/ and db/ are server-only: import them from a *.server.ts module (type-only imports are erased and allowed).";

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", "node_modules/**", ".cache/**", "data/**", "test-results/**"] },

  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // TypeScript knows which globals exist (Node, DOM) better than a list here would.
      "no-undef": "off",
      // `_`-prefixed names are deliberately unused (callback positions, destructured-away fields).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
      // The `any`s here are the libraries' own idioms (`Kysely<any>` in frozen migrations,
      // `Y.AbstractType<any>`); tsc's strict mode is the type check.
      "@typescript-eslint/no-explicit-any": "off",
      // Input validation rejects control characters on purpose (guards, schemas).
      "no-control-regex": "off",
      // Only the logger writes diagnostics (server/logger.ts writes to stderr itself).
      "no-console": "error",
    },
  },

  // ── Layer boundaries: app → server → db; common/ is a leaf both app and server may use. ──
  {
    name: "db imports nothing of ours",
    files: ["db/**/*.{ts,tsx,js}"],
    rules: boundary([{ regex: to("app", "server", "common", "tests", "bench", "scripts"), message: "db/ is the bottom layer: it imports nothing of ours." }]),
  },
  {
    name: "server never imports app",
    files: ["server/**/*.{ts,tsx,js}"],
    rules: boundary([{ regex: to("app"), message: "server/ never imports app/ (the Remix build is loaded by path at run time)." }]),
  },
  {
    name: "common is isomorphic: it imports none of app, server, db",
    files: ["common/**/*.{ts,tsx,js}"],
    // Tests run in Node only; one checks that common's enums match db/schema's.
    ignores: ["common/**/*.test.{ts,tsx}"],
    rules: boundary([
      { regex: to("app", "server"), message: "common/ is shared by app and server: it imports neither." },
      // Labels typed by the database's enums may name db/schema's types; nothing of db runs in common.
      { regex: to("db"), allowTypeImports: true, message: "common/ may only `import type` from db/." },
    ]),
  },
  {
    name: "browser-reachable app modules never import server or db at run time",
    files: ["app/**/*.{ts,tsx,js}"],
    ignores: ["app/**/*.server.{ts,tsx}", "app/**/.server/**", "app/**/*.test.{ts,tsx}"],
    rules: boundary([{ regex: to("server", "db"), allowTypeImports: true, message: serverOnly }]),
  },

  // ── Where console is the user interface: commands, benchmarks, scripts, tests. ──
  {
    files: ["bin/**", "bench/**", "scripts/**", "tests/**", "**/*.test.{ts,tsx}"],
    rules: { "no-console": "off" },
  },
);
