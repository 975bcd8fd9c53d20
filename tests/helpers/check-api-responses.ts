import { afterEach } from "vitest";
import { createResponseChecker } from "./openapi-check.js";

/**
 * Every /api/v1 response an integration test receives through fetch is checked against
 * the OpenAPI document the same server serves (ADR 038); a mismatch fails the test that
 * made the request, listing each one. So the document cannot say less than the API does.
 */
const realFetch = globalThis.fetch;
const checkers = new Map<string, Promise<ReturnType<typeof createResponseChecker> | null>>();
const mismatches: string[] = [];

function checkerFor(origin: string) {
  let c = checkers.get(origin);
  if (!c) {
    c = realFetch(`${origin}/api/v1/openapi.json`).then(async (res) => {
      if (!res.ok) {
        mismatches.push(`${origin}/api/v1/openapi.json answered ${res.status}`);
        return null;
      }
      return createResponseChecker((await res.json()) as Record<string, unknown>);
    });
    checkers.set(origin, c);
  }
  return c;
}

globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
  const res = await realFetch(input, init);
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (!url.pathname.startsWith("/api/v1/")) return res;
  const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
  const text = method === "HEAD" ? "" : await res.clone().text();
  const contentType = res.headers.get("content-type");
  let body: unknown = text;
  if ((contentType ?? "").includes("json") && text !== "") {
    try {
      body = JSON.parse(text);
    } catch {
      mismatches.push(`${method} ${url.pathname} → ${res.status}: the body is not JSON`);
      return res;
    }
  }
  const check = await checkerFor(url.origin).catch(() => null);
  if (check) mismatches.push(...check({ method, path: url.pathname, status: res.status, contentType, body }));
  return res;
};

afterEach(() => {
  if (mismatches.length === 0) return;
  const found = mismatches.splice(0);
  throw new Error(`Responses that do not match /api/v1/openapi.json:\n${found.join("\n")}`);
});
