import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docText } from "../../common/text-blocks.js";
import { docToJson } from "./content.js";
import { GroupCommitter } from "./group-commit.js";
import { loadSectionState } from "./persistence.js";
import { createReadCache } from "./read-cache.js";
import { SECTION, createTestDb, type TestDb } from "./test-support.js";

describe("documents kept for reading", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb("Hello world");
  });
  afterEach(async () => {
    await t.drop();
  });

  const textOf = (doc: Y.Doc) => docText(docToJson(doc));

  /** Appends a typed word to the log, as another node (or this one's sockets) would. */
  async function type(word: string): Promise<void> {
    const { doc } = await loadSectionState(t.db, SECTION);
    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => updates.push(u));
    const text = (doc.getXmlFragment("default").get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(text.length, word);
    const committer = new GroupCommitter(t.db, 0, 500);
    await Promise.all(updates.map((data) => committer.append({ section_id: SECTION, user_id: t.user.id, created_at: new Date().toISOString(), data })));
    doc.destroy();
  }

  it("loads a section once while its log stands still, and brings it up to date with what is appended", async () => {
    const cache = createReadCache(t.db, 1024 * 1024, 10);
    expect(await cache.read(SECTION, textOf)).toContain("Hello world");
    expect(await cache.read(SECTION, (doc, seq) => `${textOf(doc)}@${seq}`)).toContain("Hello world@1");
    expect(cache.stats()).toMatchObject({ docs: 1, hits: 1, catchUps: 0, loads: 1 });
    const before = cache.stats().bytes;
    await type(" again");
    expect(await cache.read(SECTION, (doc, seq) => `${textOf(doc)}@${seq}`)).toContain("Hello world again@2");
    expect(cache.stats()).toMatchObject({ docs: 1, hits: 1, catchUps: 1, loads: 1 });
    expect(cache.stats().bytes).toBeGreaterThan(before);
    // The same as a fresh load, item for item.
    const fresh = await loadSectionState(t.db, SECTION);
    expect(await cache.read(SECTION, (doc) => Buffer.from(Y.encodeStateAsUpdate(doc)).equals(Buffer.from(Y.encodeStateAsUpdate(fresh.doc))))).toBe(true);
    fresh.doc.destroy();
    cache.clear();
    expect(cache.stats()).toMatchObject({ docs: 0, bytes: 0 });
  });

  it("loads a copy again when it is further behind than the catch-up allows", async () => {
    const cache = createReadCache(t.db, 1024 * 1024, 1);
    await cache.read(SECTION, textOf);
    await type(" one");
    await type(" two");
    expect(await cache.read(SECTION, textOf)).toContain("Hello world one two");
    expect(cache.stats()).toMatchObject({ docs: 1, catchUps: 0, loads: 2 });
  });

  it("keeps no more stored bytes than its budget, and nothing with a budget of 0 or for a section that does not exist", async () => {
    const bytes = (await loadSectionState(t.db, SECTION)).bytes;
    expect(bytes).toBeGreaterThan(0);
    const tooSmall = createReadCache(t.db, bytes - 1, 10);
    expect(await tooSmall.read(SECTION, textOf)).toContain("Hello world");
    expect(await tooSmall.read(SECTION, textOf)).toContain("Hello world");
    expect(tooSmall.stats()).toMatchObject({ docs: 0, bytes: 0, hits: 0, loads: 2 });
    const none = createReadCache(t.db, 0, 10);
    await none.read(SECTION, textOf);
    await none.read(SECTION, textOf);
    expect(none.stats()).toMatchObject({ docs: 0, hits: 0, loads: 2 });
    const fits = createReadCache(t.db, bytes, 10);
    expect(await fits.read("nosuchsectionaaa", textOf)).toBe("");
    expect(fits.stats()).toMatchObject({ docs: 0, loads: 1 });
    await fits.read(SECTION, textOf);
    expect(fits.stats()).toMatchObject({ docs: 1, bytes });
  });
});
