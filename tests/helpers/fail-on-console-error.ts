// A setup file for every vitest project (vitest.config.ts): a `console.error` in the
// test process fails the test it happened in — or, from a hook, the file. The e2e tests
// do the same for the browser's console (watchErrors in ./browser.ts). Code reports
// errors through its logger; a test that expects an error asserts on it.
import { format } from "node:util";
import { afterAll, afterEach } from "vitest";

const original = console.error.bind(console);
const seen: string[] = [];

console.error = (...args: unknown[]) => {
  seen.push(format(...args));
  original(...args);
};

function failIfAny(): void {
  if (seen.length === 0) return;
  const calls = seen.splice(0);
  throw new Error(`console.error was called ${calls.length} time(s):\n${calls.join("\n---\n")}`);
}

afterEach(failIfAny);
afterAll(failIfAny);
