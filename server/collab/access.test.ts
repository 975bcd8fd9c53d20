import { describe, expect, it } from "vitest";
import { verdictOf } from "./access.js";
import { CLOSE } from "./limits.js";
import { checkRequest } from "./upgrade.js";

describe("re-checking an open connection", () => {
  it("closes it when its session ended, its access went, or its rights changed either way", () => {
    const writer = { token: "t", writable: true };
    const reader = { token: null, writable: false };
    expect(verdictOf(writer, false, "write")).toMatchObject({ code: CLOSE.unauthenticated });
    expect(verdictOf(writer, true, "none")).toMatchObject({ code: CLOSE.forbidden });
    expect(verdictOf(writer, true, "read")).toMatchObject({ code: CLOSE.accessChanged });
    expect(verdictOf(reader, true, "write")).toMatchObject({ code: CLOSE.accessChanged });
    expect(verdictOf(writer, true, "write")).toBeNull();
    expect(verdictOf(reader, true, "read")).toBeNull();
    // No session to end: only access counts.
    expect(verdictOf(reader, false, "read")).toBeNull();
  });
});

describe("an upgrade request", () => {
  const site = "https://margin.example";
  const req = (url: string, headers: Record<string, string> = { origin: site }) => ({ url, headers });

  it("names a section, carries no query string, and comes from this site", () => {
    expect(checkRequest(req("/collab/abcdefghijklmnop", { origin: site, cookie: "margin_session=a.b" }), site)).toEqual({ sectionId: "abcdefghijklmnop", working: false, token: "a.b" });
    expect(checkRequest(req("/collab/abcdefghijklmnop"), site)).toEqual({ sectionId: "abcdefghijklmnop", working: false, token: null });
    expect(checkRequest(req("/collab/abcdefghijklmnop.working"), site)).toEqual({ sectionId: "abcdefghijklmnop", working: true, token: null });
    expect(checkRequest(req("/collab/abcdefghijklmnop.draft"), site)).toMatchObject({ status: 404 });
    expect(checkRequest(req("/collab/ABCDEFGHIJKLMNOP"), site)).toMatchObject({ status: 404 });
    expect(checkRequest(req("/collab/abcdefghijklmnop/x"), site)).toMatchObject({ status: 404 });
    expect(checkRequest(req("/collab/abcdefghijklmnop?token=x"), site)).toMatchObject({ status: 400 });
    expect(checkRequest(req("/collab/abcdefghijklmnop", {}), site)).toMatchObject({ status: 403 });
    expect(checkRequest(req("/collab/abcdefghijklmnop", { origin: "https://evil.example" }), site)).toMatchObject({ status: 403 });
  });
});
