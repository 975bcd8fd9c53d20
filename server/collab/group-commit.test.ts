import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { COMMIT_LATENCY_WINDOW, GroupCommitter } from "./group-commit.js";
import { SECTION, createTestDb, type TestDb } from "./test-support.js";

describe("the group committer's commit times (for /healthz)", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb("Hello world");
  });
  afterEach(async () => {
    await t.drop();
  });

  const append = (committer: GroupCommitter) =>
    committer.append({ section_id: SECTION, user_id: t.user.id, created_at: new Date().toISOString(), data: new Uint8Array([0, 0]) });

  it("says nothing before the first commit, then summarises one per batch, up to the window", async () => {
    const committer = new GroupCommitter(t.db, 0, 500);
    expect(committer.stats()).toEqual({ recent: 0, p50Ms: null, p99Ms: null });
    // Three appends in one turn make one batch, so one commit.
    await Promise.all([append(committer), append(committer), append(committer)]);
    const one = committer.stats();
    expect(one.recent).toBe(1);
    expect(one.p50Ms).toBeGreaterThan(0);
    expect(one.p99Ms).toBe(one.p50Ms);
    for (let i = 0; i < COMMIT_LATENCY_WINDOW + 5; i++) await append(committer);
    const full = committer.stats();
    expect(full.recent).toBe(COMMIT_LATENCY_WINDOW);
    expect(full.p99Ms!).toBeGreaterThanOrEqual(full.p50Ms!);
  });

  it("does not count a commit that failed", async () => {
    const committer = new GroupCommitter(t.db, 0, 500);
    await expect(committer.append({ section_id: "no-such-section", user_id: t.user.id, created_at: new Date().toISOString(), data: new Uint8Array([0, 0]) })).rejects.toThrow();
    expect(committer.stats().recent).toBe(0);
  });
});
