import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docText } from "../../common/text-blocks.js";
import { docToJson } from "./content.js";
import { loadSectionState } from "./persistence.js";
import { markdownToJson } from "./content.js";
import { writeInitialContent } from "./persistence.js";
import { createReadCache, readCacheCost } from "./read-cache.js";
import { CONSULTATION, SECTION, createTestDb, typeInto, type TestDb } from "./test-support.js";

describe("documents kept for reading", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb("Hello world");
  });
  afterEach(async () => {
    await t.drop();
  });

  const textOf = (doc: Y.Doc) => docText(docToJson(doc));


  it("loads a section once while its log stands still, and brings it up to date with what is appended", async () => {
    const cache = createReadCache(t.db, 1024 * 1024, 10);
    expect(await cache.read(SECTION, textOf)).toContain("Hello world");
    expect(await cache.read(SECTION, (doc, seq) => `${textOf(doc)}@${seq}`)).toContain("Hello world@1");
    expect(cache.stats()).toMatchObject({ docs: 1, hits: 1, catchUps: 0, loads: 1 });
    const before = cache.stats().bytes;
    await typeInto(t, " again");
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

  it("counts a catch-up once when two reads overlap, and both read the new text", async () => {
    const cache = createReadCache(t.db, 1024 * 1024, 10);
    await cache.read(SECTION, textOf);
    await typeInto(t, " again");
    const both = await Promise.all([cache.read(SECTION, textOf), cache.read(SECTION, textOf)]);
    expect(both.every((text) => text.includes("Hello world again"))).toBe(true);
    const fresh = await loadSectionState(t.db, SECTION);
    expect(cache.stats()).toMatchObject({ docs: 1, catchUps: 1, loads: 1, bytes: readCacheCost(fresh.bytes) });
    fresh.doc.destroy();
  });

  it("loads a copy again when it is further behind than the catch-up allows", async () => {
    const cache = createReadCache(t.db, 1024 * 1024, 1);
    await cache.read(SECTION, textOf);
    await typeInto(t, " one");
    await typeInto(t, " two");
    expect(await cache.read(SECTION, textOf)).toContain("Hello world one two");
    expect(cache.stats()).toMatchObject({ docs: 1, catchUps: 0, loads: 2 });
  });

  /** A second section with its own text. */
  async function addSection(id: string, text: string): Promise<void> {
    const at = new Date().toISOString();
    await t.db.kysely.insertInto("section").values({ id, consultation_id: CONSULTATION, position: 2, title: "T", created_at: at, updated_at: at }).execute();
    await writeInitialContent(t.db.kysely, t.db.dialect, id, t.user.id, markdownToJson(text), at);
  }

  it("keeps no more than its budget of estimated memory, letting the least recently read go first", async () => {
    const OTHER = "sectionbbbbbbbbb";
    await addSection(OTHER, "Another text");
    const one = readCacheCost((await loadSectionState(t.db, SECTION)).bytes);
    const two = readCacheCost((await loadSectionState(t.db, OTHER)).bytes);
    // Room for the larger of the two, not for both.
    const cache = createReadCache(t.db, Math.max(one, two), 10);
    await cache.read(SECTION, textOf);
    await cache.read(SECTION, textOf);
    expect(cache.stats()).toMatchObject({ docs: 1, bytes: one, hits: 1, loads: 1 });
    expect(await cache.read(OTHER, textOf)).toContain("Another text");
    expect(cache.stats()).toMatchObject({ docs: 1, bytes: two, loads: 2 });
    // The first went to make room: read again, it is loaded again, and the second goes.
    expect(await cache.read(SECTION, textOf)).toContain("Hello world");
    expect(cache.stats()).toMatchObject({ docs: 1, bytes: one, hits: 1, loads: 3 });
    await cache.read(SECTION, textOf);
    expect(cache.stats()).toMatchObject({ hits: 2, loads: 3 });
  });

  it("keeps nothing over its budget, with a budget of 0 or for a section that does not exist, and lets a deleted section go", async () => {
    const cost = readCacheCost((await loadSectionState(t.db, SECTION)).bytes);
    const tooSmall = createReadCache(t.db, cost - 1, 10);
    expect(await tooSmall.read(SECTION, textOf)).toContain("Hello world");
    expect(await tooSmall.read(SECTION, textOf)).toContain("Hello world");
    expect(tooSmall.stats()).toMatchObject({ docs: 0, bytes: 0, hits: 0, loads: 2 });
    const none = createReadCache(t.db, 0, 10);
    await none.read(SECTION, textOf);
    await none.read(SECTION, textOf);
    expect(none.stats()).toMatchObject({ docs: 0, hits: 0, loads: 2 });
    const fits = createReadCache(t.db, cost, 10);
    expect(await fits.read("nosuchsectionaaa", textOf)).toBe("");
    expect(fits.stats()).toMatchObject({ docs: 0, loads: 1 });
    await fits.read(SECTION, textOf);
    expect(fits.stats()).toMatchObject({ docs: 1, bytes: cost });
    await t.db.kysely.deleteFrom("section_update").where("section_id", "=", SECTION).execute();
    await t.db.kysely.deleteFrom("section_checkpoint").where("section_id", "=", SECTION).execute();
    await t.db.kysely.deleteFrom("change_set").where("section_id", "=", SECTION).execute();
    await t.db.kysely.deleteFrom("section").where("id", "=", SECTION).execute();
    expect(await fits.read(SECTION, textOf)).toBe("");
    expect(fits.stats()).toMatchObject({ docs: 0, bytes: 0 });
  });

  it("lets go of a copy a reader changed, so no later reader sees the change", async () => {
    const cache = createReadCache(t.db, 1024 * 1024, 10);
    await cache.read(SECTION, (doc) => {
      const text = (doc.getXmlFragment("default").get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert(0, "Vandalised ");
    });
    expect(cache.stats()).toMatchObject({ docs: 0, bytes: 0 });
    expect(await cache.read(SECTION, textOf)).not.toContain("Vandalised");
  });
});
