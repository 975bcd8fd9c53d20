import { defineConfig } from "vitest/config";

// Three projects: unit tests sit next to their code; integration tests start the
// real server on port 0; e2e tests drive Debian's Chromium.
// In every project a console.error in the test process fails the test.
const setupFiles = ["tests/helpers/fail-on-console-error.ts"];
export default defineConfig({
  test: {
    // Two cores here: more workers only make the servers under test fight for CPU.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    projects: [
      {
        test: {
          name: "unit",
          setupFiles,
          include: ["common/**/*.test.ts", "server/**/*.test.ts", "db/**/*.test.ts", "app/**/*.test.ts", "tests/helpers/**/*.test.ts"],
          environment: "node",
          // Some unit tests do real work (a 45 MiB zip bomb, argon2): 5 s is not enough on a busy machine.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "integration",
          // Every /api/v1 response these tests receive is checked against the served OpenAPI document (ADR 038).
          setupFiles: [...setupFiles, "tests/helpers/check-api-responses.ts"],
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: "forks",
        },
      },
      {
        test: {
          name: "e2e",
          setupFiles,
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 90_000,
          hookTimeout: 90_000,
          pool: "forks",
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
