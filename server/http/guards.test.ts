import { describe, expect, it } from "vitest";
import { readEnv } from "../env.js";
import { hostAllowed, isLoopbackHost, originProblem } from "./guards.js";

describe("the site's host", () => {
  it("knows the loopback interface: 127.0.0.0/8, ::1 and localhost", () => {
    for (const h of ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST"]) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ["0.0.0.0", "::", "10.0.0.1", "128.0.0.1", "127.0.0.1.evil.example", "localhost.evil.example", "margin.example"]) expect(isLoopbackHost(h), h).toBe(false);
  });

  it("needs ORIGIN in production beyond the loopback interface, and nowhere else", () => {
    expect(originProblem(readEnv({ NODE_ENV: "production", HOST: "0.0.0.0" }))).toMatch(/^ORIGIN is required in production .*HOST=0\.0\.0\.0/);
    expect(originProblem(readEnv({ NODE_ENV: "production", HOST: "10.1.2.3" }))).toMatch(/ORIGIN/);
    expect(originProblem(readEnv({ NODE_ENV: "production", HOST: "0.0.0.0", ORIGIN: "https://margin.example" }))).toBeNull();
    expect(originProblem(readEnv({ NODE_ENV: "production", HOST: "127.0.0.1" }))).toBeNull();
    expect(originProblem(readEnv({ NODE_ENV: "production", HOST: "localhost" }))).toBeNull();
    expect(originProblem(readEnv({ NODE_ENV: "development", HOST: "0.0.0.0" }))).toBeNull();
  });

  it("answers for ORIGIN's host only when it is set", () => {
    const env = readEnv({ NODE_ENV: "production", ORIGIN: "https://margin.example" });
    expect(hostAllowed(env, "margin.example")).toBe(true);
    expect(hostAllowed(env, "MARGIN.example")).toBe(true);
    for (const h of [undefined, "", "evil.example", "margin.example:8443", "127.0.0.1:3000"]) expect(hostAllowed(env, h), String(h)).toBe(false);
    expect(hostAllowed(readEnv({ NODE_ENV: "production", ORIGIN: "http://localhost:3000" }), "localhost:3000")).toBe(true);
  });

  it("answers for loopback names only in production without ORIGIN; for any in development", () => {
    const env = readEnv({ NODE_ENV: "production" });
    for (const h of ["127.0.0.1:3000", "localhost:3000", "localhost", "[::1]:3000"]) expect(hostAllowed(env, h), h).toBe(true);
    for (const h of [undefined, "evil.example", "evil.example:3000", "127.0.0.1.evil.example", "localhost:3000@evil.example", "a b"]) expect(hostAllowed(env, h), String(h)).toBe(false);
    expect(hostAllowed(readEnv({ NODE_ENV: "development" }), "192.168.1.20:3000")).toBe(true);
  });
});
