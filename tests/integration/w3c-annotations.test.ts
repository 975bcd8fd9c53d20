import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import jsonld from "jsonld";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../helpers/client.js";
import { connectReplica, firstText, synced, waitFor, type Replica } from "../helpers/collab.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { ROOT, startServer, type TestServer } from "../helpers/server.js";

/**
 * Margin's comments as W3C Web Annotations (issue 19, ADR 035), read as tools nobody on the
 * team wrote read them: JSON schemas of the annotation model's MUSTs (tests/fixtures/w3c),
 * checked with ajv, and JSON-LD expansion with the jsonld package against a local copy of
 * the anno.jsonld context (no network).
 */

const PASSWORD = "demo-password-1";
const SLUG = "ai-guideline";
const ANNO = "http://www.w3.org/ns/anno.jsonld";
const MEDIA_TYPE = `application/ld+json; profile="${ANNO}"`;
const FIXTURES = resolve(ROOT, "tests/fixtures/w3c");
const fixture = (name: string) => JSON.parse(readFileSync(resolve(FIXTURES, name), "utf8")) as Record<string, unknown>;

/** Text put before the passages, so that offsets after it differ in UTF-16 units and code points. */
const LEAD = "絵文字😀🎉のあとも対象です。変わる予定の一節。 ";
const EMOJI_PASSAGE = "も対象";
const DOOMED_PASSAGE = "変わる予定の一節";
const ORGANISATION = "Digital Rights Network";

type Json = Record<string, any>;

function validators() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  for (const name of ["annotation.schema.json", "collection.schema.json", "page.schema.json"]) ajv.addSchema(fixture(name), name);
  const get = (name: string) => ajv.getSchema(`https://margin.example/schemas/w3c/${name}`)!;
  const check = (name: string) => (doc: unknown) => {
    const validate = get(name);
    const ok = validate(doc) as boolean;
    return { ok, errors: ajv.errorsText(validate.errors) };
  };
  return { annotation: check("annotation.schema.json"), collection: check("collection.schema.json"), page: check("page.schema.json") };
}

/** JSON-LD expansion, where the anno.jsonld context is the only document that may be loaded. */
async function expand(doc: unknown): Promise<Json[]> {
  const context = readFileSync(resolve(FIXTURES, "anno.jsonld"), "utf8");
  const documentLoader = async (url: string) => {
    if (url !== ANNO) throw new Error(`no network in tests: ${url}`);
    return { contextUrl: null, document: JSON.parse(context), documentUrl: url };
  };
  // Safe mode fails instead of dropping a term the context does not define.
  return (await jsonld.expand(doc, { documentLoader, safe: true })) as Json[];
}

/** Every key of a compact document, but the context's own. */
function keysOf(doc: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(doc)) for (const d of doc) keysOf(d, into);
  else if (doc && typeof doc === "object") {
    for (const [k, v] of Object.entries(doc)) {
      if (k === "@context") continue;
      into.add(k);
      keysOf(v, into);
    }
  }
  return into;
}

/** Every property IRI of an expanded document. */
function iriKeysOf(doc: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(doc)) for (const d of doc) iriKeysOf(d, into);
  else if (doc && typeof doc === "object") {
    for (const [k, v] of Object.entries(doc)) {
      into.add(k);
      iriKeysOf(v, into);
    }
  }
  return into;
}

const codePoints = (s: string) => [...s];

describe.each(databaseKinds())("comments as W3C Web Annotations on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let writer: Replica;
  let sections: string[];
  let sectionId: string;
  let emptySectionId: string;
  const ids = {} as Record<"emoji" | "reply" | "suggestion" | "doomed" | "general" | "hidden" | "confidential" | "pending", string>;

  const api = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}/api/v1${path}`, { headers });
  const getJson = async (path: string, headers: Record<string, string> = {}) => {
    const res = await api(path, headers);
    expect(res.status, `${path}: ${res.status}`).toBe(200);
    return (await res.json()) as Json;
  };
  const sectionText = async (id = sectionId) => (await getJson(`/sections/${id}`)).text as string;
  const w3cItems = async () => (await getJson(`/sections/${sectionId}/comments?format=w3c`)).first.items as Json[];
  const annotationOf = async (id: string) => (await w3cItems()).find((a) => a.id.endsWith(`/comments/${id}`))!;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000" });
    const signedIn = async (email: string) => {
      const b = new Browser(server.url);
      expect((await b.signIn(email, PASSWORD)).status).toBe(302);
      return b;
    };
    const [owner, civil, industry, moderator] = await Promise.all(["owner", "civil", "industry", "moderator"].map((who) => signedIn(`${who}@example.org`)));
    const tokenOf = async (b: Browser) => /mgn_[a-z2-7]{16}_[a-z2-7]{24}/.exec(await (await b.postForm("/account", { intent: "create-token", name: "Filing" })).text())![0];
    const [civilToken, industryToken] = [await tokenOf(civil!), await tokenOf(industry!)];
    const post = async (token: string, body: unknown) => {
      const res = await fetch(`${server.url}/api/v1/sections/${sectionId}/comments`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      return (await res.json()) as { id: string; status: string };
    };

    sections = (await getJson(`/consultations/${SLUG}`)).sections.map((s: { id: string }) => s.id);
    sectionId = sections[1]!;
    emptySectionId = sections[3]!;

    // Emoji before the passages (astral characters: two UTF-16 units, one code point each).
    writer = connectReplica(server.url, sectionId, `margin_session=${owner!.cookie("margin_session")}`);
    await synced(writer);
    firstText(writer.doc).insert(0, LEAD);
    await waitFor(async () => (await sectionText()).includes(LEAD.trim()), 10_000, "the lead text to be stored");

    ids.emoji = (await post(civilToken, { body: "Is **this** in scope?", selector: { type: "TextQuoteSelector", exact: EMOJI_PASSAGE, prefix: "のあと" } })).id;
    ids.reply = (await post(industryToken, { body: "It is, _see_ section 2.", parentId: ids.emoji })).id;
    const text = await sectionText();
    const later = text.slice(LEAD.length).split(/\s+/).slice(0, 2).join(" ");
    ids.suggestion = (await post(industryToken, { kind: "suggestion", body: "Say it plainly.", replacement: "A plainer sentence.", selector: { type: "TextQuoteSelector", exact: later } })).id;
    ids.doomed = (await post(civilToken, { body: "This passage is unclear.", selector: { type: "TextQuoteSelector", exact: DOOMED_PASSAGE } })).id;
    ids.general = (await post(industryToken, { body: "A general note with a [link](https://example.org)." })).id;
    ids.hidden = (await post(civilToken, { body: "A comment the moderators hide." })).id;
    expect((await moderator!.postForm(`/c/${SLUG}/moderation`, { ids: ids.hidden, action: "hide", reason: "spam", note: "" })).status).toBe(302);
    ids.confidential = (await post(industryToken, { body: "For the team only.", confidential: true })).id;

    // The commented passage is rewritten, so its quote no longer matches the text.
    const t = firstText(writer.doc);
    const at = t.toString().indexOf(DOOMED_PASSAGE);
    t.delete(at, DOOMED_PASSAGE.length);
    t.insert(at, "書き換えた一節");
    await waitFor(async () => !(await sectionText()).includes(DOOMED_PASSAGE), 10_000, "the rewrite to be stored");

    // Last, a comment held by pre-moderation.
    const c = await getJson(`/consultations/${SLUG}`);
    expect((await owner!.postForm(`/c/${SLUG}/settings`, { intent: "settings", title: c.title, summary: c.summary ?? "s", opensAt: "", closesAt: "", moderationMode: "pre" })).status).toBe(302);
    const held = await post(civilToken, { body: "Waiting for a moderator." });
    expect(held.status).toBe("pending");
    ids.pending = held.id;
  });

  afterAll(async () => {
    writer?.provider.destroy();
    await server?.stop();
    await tdb?.drop();
  });

  it("counts TextPositionSelector offsets in code points in the W3C form, and keeps UTF-16 in Margin's JSON", async () => {
    const text = await sectionText();
    const a = await annotationOf(ids.emoji);
    const current = a.target.find((t: Json) => !t.state);
    const position = current.selector.find((s: Json) => s.type === "TextPositionSelector");
    const quote = current.selector.find((s: Json) => s.type === "TextQuoteSelector");
    expect(quote.exact).toBe(EMOJI_PASSAGE);
    expect(codePoints(text).slice(position.start, position.end).join("")).toBe(EMOJI_PASSAGE);
    // Two emoji before it: the UTF-16 offset is two more, and would point elsewhere.
    const utf16 = text.indexOf(EMOJI_PASSAGE);
    expect(position.start).toBe(utf16 - 2);
    expect(codePoints(text).slice(utf16, utf16 + EMOJI_PASSAGE.length).join("")).not.toBe(EMOJI_PASSAGE);

    const own = (await getJson(`/sections/${sectionId}/comments`)).items.find((c: Json) => c.id === ids.emoji);
    expect(text.slice(own.anchor.start, own.anchor.end)).toBe(EMOJI_PASSAGE);
    expect(own.anchor.start).toBe(utf16);

    // Every current-text target of every annotation: sliced by code points, the text reads its quote.
    for (const item of await w3cItems()) {
      for (const t of [item.target].flat()) {
        if (typeof t !== "object" || t.state || !Array.isArray(t.selector)) continue;
        const p = t.selector.find((s: Json) => s.type === "TextPositionSelector");
        const q = t.selector.find((s: Json) => s.type === "TextQuoteSelector");
        expect(codePoints(text).slice(p.start, p.end).join(""), item.id).toBe(q.exact);
      }
    }
  });

  it("gives the current passage and the quoted one with the time it was quoted", async () => {
    const text = await sectionText();
    const steady = await annotationOf(ids.emoji);
    expect(steady.target).toHaveLength(2);
    const [now, then] = steady.target as Json[];
    expect(now!.state).toBeUndefined();
    expect(then!.state).toEqual({ type: "TimeState", sourceDate: steady.created });
    expect(then!.selector).toEqual({ type: "TextQuoteSelector", exact: EMOJI_PASSAGE, prefix: expect.stringContaining("のあと"), suffix: expect.any(String) });

    // The rewritten passage: its quote, as it was, under a state; nothing claims it is in the text now.
    const doomed = await annotationOf(ids.doomed);
    const stated = (doomed.target as Json[]).filter((t) => t.state);
    expect(stated).toHaveLength(1);
    expect(stated[0]!.state.type).toBe("TimeState");
    expect(Date.parse(stated[0]!.state.sourceDate)).toBe(Date.parse(doomed.created));
    expect(stated[0]!.selector.exact).toBe(DOOMED_PASSAGE);
    expect(text).not.toContain(DOOMED_PASSAGE);
    for (const t of (doomed.target as Json[]).filter((x) => !x.state)) {
      expect(t.selector.find((s: Json) => s.type === "TextQuoteSelector").exact).not.toBe(DOOMED_PASSAGE);
    }
    // Margin's JSON says the same in its own words.
    const own = (await getJson(`/sections/${sectionId}/comments`)).items.find((c: Json) => c.id === ids.doomed);
    expect(own.anchor.state).toBe("changed");

    // The source is the page readers see, with the API resource whose text the offsets count in.
    expect(now!.source).toEqual({ id: `${server.url}/c/${SLUG}/s/${sectionId}`, type: "Text", format: "text/html", via: `${server.url}/api/v1/sections/${sectionId}` });
    expect((await fetch(now!.source.id)).status).toBe(200);
  });

  it("meets the annotation model's MUSTs, checked with ajv against schemas of them", async () => {
    const v = validators();
    // The schemas can fail: an annotation without a target, a negative offset, a page-less collection with items.
    expect(v.annotation({ "@context": ANNO, id: "https://x.example/a", type: "Annotation" }).ok).toBe(false);
    expect(v.annotation({ "@context": ANNO, id: "https://x.example/a", type: "Annotation", target: { type: "SpecificResource", source: "https://x.example/", selector: { type: "TextPositionSelector", start: -1, end: 2 } } }).ok).toBe(false);
    expect(v.annotation({ "@context": [{ x: "y" }], id: "https://x.example/a", type: "Annotation", target: "https://x.example/" }).ok).toBe(false);
    expect(v.collection({ "@context": ANNO, id: "https://x.example/c", type: "AnnotationCollection", total: 3 }).ok).toBe(false);

    const collection = await getJson(`/sections/${sectionId}/comments?format=w3c`);
    expect(v.collection(collection)).toEqual({ ok: true, errors: "No errors" });
    expect(collection.first.id).toMatch(/^http/);
    expect(collection.total).toBe(5);
    for (const item of collection.first.items as Json[]) {
      expect(v.annotation({ "@context": collection["@context"], ...item }), item.id).toEqual({ ok: true, errors: "No errors" });
    }
    // Bodies: Markdown as stored, the proposed text plain.
    const items = new Map((collection.first.items as Json[]).map((a) => [a.id.split("/").pop(), a]));
    const byId = { get: (id: string): Json => items.get(id)! };
    expect(byId.get(ids.emoji).body).toEqual([{ type: "TextualBody", value: "Is **this** in scope?", format: "text/markdown", purpose: "commenting" }]);
    expect(byId.get(ids.suggestion).motivation).toBe("editing");
    expect(byId.get(ids.suggestion).body[1]).toEqual({ type: "TextualBody", value: "A plainer sentence.", format: "text/plain", purpose: "editing" });
    expect(byId.get(ids.reply).motivation).toBe("replying");
    expect(byId.get(ids.reply).target).toBe(byId.get(ids.emoji).id);

    for (const id of [ids.emoji, ids.reply, ids.general]) {
      expect(v.annotation(await getJson(`/sections/${sectionId}/comments/${id}?format=w3c`)), id).toEqual({ ok: true, errors: "No errors" });
    }
    const second = await getJson(`/sections/${sectionId}/comments?format=w3c&limit=2&cursor=${encodeURIComponent(new URL((await getJson(`/sections/${sectionId}/comments?format=w3c&limit=2`)).first.next).searchParams.get("cursor")!)}`);
    expect(v.page(second)).toEqual({ ok: true, errors: "No errors" });
  });

  it("keeps every term, the organisation included, through JSON-LD expansion", async () => {
    const collection = await getJson(`/sections/${sectionId}/comments?format=w3c`);
    const expanded = await expand(collection);
    const keys = iriKeysOf(expanded);
    // Every key of the document became a full IRI (safe mode would have thrown on a dropped one)…
    expect([...keys].filter((k) => !k.startsWith("@") && !/^https?:\/\//.test(k))).toEqual([]);
    // …and each term of the document is one of them.
    const context = (fixture("anno.jsonld")["@context"] as Json)!;
    const iriOf = (term: string) => {
      const def = term === "affiliation" ? "schema:affiliation" : context[term];
      const id = typeof def === "string" ? def : def?.["@id"];
      if (!id) return undefined;
      const [prefix, rest] = id.split(":");
      return id.startsWith("@") ? id : context[prefix!] ? `${context[prefix!]}${rest}` : id;
    };
    for (const term of keysOf(collection)) {
      const iri = iriOf(term);
      expect(iri, `term ${term} is defined`).toBeDefined();
      if (!iri!.startsWith("@")) expect(keys.has(iri!), `${term} → ${iri}`).toBe(true);
    }
    // The organisation survives as schema.org's affiliation: a foaf Organization with its name.
    const affiliations: Json[] = [];
    const collect = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === "object") {
        for (const [k, v] of Object.entries(node)) {
          if (k === "http://schema.org/affiliation") affiliations.push(...(v as Json[]));
          collect(v);
        }
      }
    };
    collect(expanded);
    expect(affiliations).toContainEqual({ "@type": ["http://xmlns.com/foaf/0.1/Organization"], "http://xmlns.com/foaf/0.1/name": [{ "@value": ORGANISATION }] });

    // A bare `memberOf`, as the form had it, is what safe mode refuses: the check can fail.
    await expect(expand({ "@context": ANNO, id: "https://x.example/a", type: "Annotation", creator: { type: "Person", memberOf: "Org" }, target: "https://x.example/" })).rejects.toThrow();
  });

  it("negotiates the W3C form by Accept, with its media type, and keeps Margin's JSON the default", async () => {
    const viaQuery = await api(`/sections/${sectionId}/comments?format=w3c`);
    // The media type with the annotation profile (Express adds a charset parameter, which changes nothing).
    const [type, ...params] = viaQuery.headers.get("content-type")!.split(";").map((p) => p.trim());
    expect(type).toBe("application/ld+json");
    expect(params).toContain(`profile="${ANNO}"`);
    expect(viaQuery.headers.get("vary")).toMatch(/Accept/i);
    expect((await viaQuery.json()).type).toBe("AnnotationCollection");

    for (const accept of [MEDIA_TYPE, "application/ld+json", "application/ld+json;q=1, application/json;q=0.5"]) {
      const res = await api(`/sections/${sectionId}/comments`, { accept });
      expect(res.headers.get("content-type"), accept).toContain("application/ld+json");
      expect((await res.json()).type, accept).toBe("AnnotationCollection");
    }
    for (const accept of ["", "application/json", "*/*", 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"', "application/json, application/ld+json;q=0.5"]) {
      const res = await api(`/sections/${sectionId}/comments`, accept ? { accept } : {});
      expect(res.headers.get("content-type"), accept).toMatch(/^application\/json/);
      const body = await res.json();
      expect(Array.isArray(body.items), accept).toBe(true);
      expect(body.nextCursor).toBeNull();
      expect(res.headers.get("vary")).toMatch(/Accept/i);
    }
    // An explicit format wins over Accept either way; an unknown one is refused.
    expect(Array.isArray((await getJson(`/sections/${sectionId}/comments?format=json`, { accept: MEDIA_TYPE })).items)).toBe(true);
    const bad = await api(`/sections/${sectionId}/comments?format=xml`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("invalid_input");
  });

  it("dereferences every annotation id, and the same ids the list hides are 404", async () => {
    const items = await w3cItems();
    expect(items.length).toBe(5);
    for (const item of items) {
      const res = await fetch(item.id, { headers: { accept: MEDIA_TYPE } });
      expect(res.status, item.id).toBe(200);
      expect(res.headers.get("content-type")).toContain("application/ld+json");
      expect(await res.json()).toEqual({ "@context": expect.arrayContaining([ANNO]), ...item });
      // Without asking for it, Margin's JSON of the same comment.
      const own = (await (await fetch(item.id)).json()) as Json;
      expect(item.id.endsWith(own.id)).toBe(true);
      expect(own.body).toBe(item.body[0].value);
    }
    // A reply's target is its thread's annotation, and can be followed.
    const reply = items.find((a) => a.motivation === "replying")!;
    expect((await fetch(reply.target, { headers: { accept: MEDIA_TYPE } })).status).toBe(200);

    const refused = [
      [sectionId, ids.hidden],
      [sectionId, ids.confidential],
      [sectionId, ids.pending],
      [sectionId, "no-such-comment"],
      // Another section's path for a comment that is public on its own.
      [sections[0]!, ids.emoji],
    ] as const;
    for (const [section, id] of refused) {
      for (const suffix of ["", "?format=w3c"]) {
        const res = await api(`/sections/${section}/comments/${id}${suffix}`);
        expect(res.status, `${section}/${id}${suffix}`).toBe(404);
        expect((await res.json()).error.code).toBe("not_found");
      }
    }
  });

  it("pages both forms with limit and cursor, and refuses a bad limit or cursor", async () => {
    const all = (await w3cItems()).map((a) => a.id);
    // W3C: follow `next` from the collection's first page.
    const first = await getJson(`/sections/${sectionId}/comments?format=w3c&limit=1`);
    expect(first.total).toBe(all.length);
    const seen: string[] = [];
    let page: Json = first.first;
    for (let i = 0; ; i++) {
      expect(page.type).toBe("AnnotationPage");
      expect(page.startIndex).toBe(i);
      expect(page.items).toHaveLength(1);
      seen.push(page.items[0].id);
      if (i > 0) expect(page.partOf).toMatchObject({ id: first.id, total: all.length });
      if (!page.next) break;
      const res = await fetch(page.next, { headers: { accept: MEDIA_TYPE } });
      expect(res.status).toBe(200);
      page = await res.json();
      expect(page.id).toBe(res.url);
    }
    expect(seen).toEqual(all);
    // The embedded first page's id gives that page on its own.
    const alone = (await (await fetch(first.first.id, { headers: { accept: MEDIA_TYPE } })).json()) as Json;
    const { partOf, ...embedded } = first.first;
    expect(partOf).toBe(first.id);
    expect(alone).toEqual({ "@context": first["@context"], ...embedded, partOf: { id: first.id, type: "AnnotationCollection", label: first.label, total: all.length } });

    // Margin's JSON: items and nextCursor.
    const own: string[] = [];
    let cursor: string | null = null;
    do {
      const body: Json = await getJson(`/sections/${sectionId}/comments?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(body.items.length).toBeLessThanOrEqual(1);
      own.push(...body.items.map((c: Json) => c.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(own.map((id) => `${server.url}/api/v1/sections/${sectionId}/comments/${id}`)).toEqual(all);

    for (const query of ["limit=abc", "limit=0", "limit=101", "limit=1.5", "page=2", "cursor=not-a-cursor", `cursor=${Buffer.from("{}").toString("base64url")}`]) {
      for (const format of ["", "&format=w3c"]) {
        const res = await api(`/sections/${sectionId}/comments?${query}${format}`);
        expect(res.status, query + format).toBe(400);
        expect((await res.json()).error.code, query + format).toBe("invalid_input");
      }
    }
  });

  it("gives an empty section an empty collection without a first page", async () => {
    const v = validators();
    const empty = await getJson(`/sections/${emptySectionId}/comments?format=w3c`);
    expect(empty).toEqual({ "@context": expect.arrayContaining([ANNO]), id: `${server.url}/api/v1/sections/${emptySectionId}/comments?format=w3c`, type: "AnnotationCollection", label: expect.any(String), total: 0 });
    expect(v.collection(empty).ok).toBe(true);
    expect(await getJson(`/sections/${emptySectionId}/comments`)).toEqual({ items: [], nextCursor: null });
  });
});
