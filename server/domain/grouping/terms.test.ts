import { describe, expect, it } from "vitest";
import { addVectors, cosine, idf, MAX_TERMS_PER_COMMENT, normalise, termCounts, tfidf, topTerms, vectorFromJson, vectorToJson, words } from "./terms.js";

describe("words for topics", () => {
  it("segments English, lower-cased, without stop words, numbers or short tokens", () => {
    expect(words("The Compliance costs for SMEs are far TOO high: 42 audits in 2025!")).toEqual(["compliance", "costs", "smes", "far", "high", "audits"]);
    // Short words that still say something are kept.
    expect(words("AI in the EU")).toEqual(["ai", "eu"]);
  });

  it("segments Japanese with Intl.Segmenter, drops particles and endings, and keeps kanji compounds whole too", () => {
    const w = words("個人情報の保護について、事業者の説明責任を明確にすべきです。");
    expect(w).toEqual(expect.arrayContaining(["個人", "情報", "個人情報", "保護", "事業者", "説明責任", "明確"]));
    for (const particle of ["の", "を", "に", "について", "すべき", "です"]) expect(w).not.toContain(particle);
    // Single characters say nothing alone (者 is inside 事業者).
    expect(w).not.toContain("者");
  });

  it("normalises full-width and half-width forms (NFKC)", () => {
    expect(words("ＡＩシステム")).toEqual(words("AIシステム"));
    expect(words("ﾃﾞｰﾀ")).toEqual(words("データ"));
  });

  it("keeps at most MAX_TERMS_PER_COMMENT terms, the most frequent", () => {
    const text = Array.from({ length: 200 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`).join(" ") + " repeated repeated repeated";
    const counts = termCounts(text);
    expect(Object.keys(counts)).toHaveLength(MAX_TERMS_PER_COMMENT);
    expect(counts.repeated).toBe(3);
  });
});

describe("TF-IDF and cosine", () => {
  it("weighs rare terms above common ones", () => {
    expect(idf(1, 1000)).toBeGreaterThan(idf(900, 1000));
    expect(idf(1000, 1000)).toBeGreaterThan(0);
    const df = new Map([["guideline", 900], ["pesticide", 2]]);
    const v = tfidf({ guideline: 1, pesticide: 1 }, (t) => df.get(t) ?? 1, 1000);
    expect(v.get("pesticide")!).toBeGreaterThan(v.get("guideline")!);
    const norm = Math.sqrt([...v.values()].reduce((a, w) => a + w * w, 0));
    expect(norm).toBeCloseTo(1, 6);
  });

  it("finds comments on one theme closer to each other than to another theme, in English and in Japanese", () => {
    const texts = {
      bees1: "Pesticide spraying near hives kills pollinators and honey bees.",
      bees2: "Honey bees and other pollinators die from pesticide drift into the hives.",
      rail1: "Rail fares keep rising while the train timetable gets thinner.",
      ja1: "地方鉄道の運賃値上げと減便で、駅まで通えなくなっています。",
      ja2: "鉄道の運賃が上がり、駅の利用者が減便に困っています。",
      ja3: "学習データの概要を開発者は公開すべきです。",
    };
    const counts = Object.fromEntries(Object.entries(texts).map(([k, t]) => [k, termCounts(t)]));
    const df = new Map<string, number>();
    for (const c of Object.values(counts)) for (const t of Object.keys(c)) df.set(t, (df.get(t) ?? 0) + 1);
    const n = Object.keys(texts).length;
    const v = Object.fromEntries(Object.entries(counts).map(([k, c]) => [k, tfidf(c, (t) => df.get(t) ?? 1, n)]));
    expect(cosine(v.bees1!, v.bees2!)).toBeGreaterThan(0.2);
    expect(cosine(v.bees1!, v.rail1!)).toBeLessThan(0.05);
    expect(cosine(v.ja1!, v.ja2!)).toBeGreaterThan(0.2);
    expect(cosine(v.ja1!, v.ja3!)).toBeLessThan(0.05);
    expect(cosine(v.bees1!, v.bees1!)).toBeCloseTo(1, 6);
    expect(cosine(new Map(), v.bees1!)).toBe(0);
  });

  it("adds and subtracts vectors keeping the heaviest terms, and round-trips them as JSON", () => {
    const a = new Map([["a", 3], ["b", 1]]);
    const b = new Map([["b", 1], ["c", 2]]);
    expect([...addVectors(a, b, 2)]).toEqual([["a", 3], ["b", 2]]);
    expect([...addVectors(a, new Map([["a", 3]]), 5, -1)]).toEqual([["b", 1]]);
    expect([...topTerms(a, 1).keys()]).toEqual(["a"]);
    const n = normalise(a);
    expect(vectorFromJson(vectorToJson(n)).get("a")).toBeCloseTo(n.get("a")!, 4);
    expect(vectorFromJson("not json").size).toBe(0);
    expect(vectorFromJson('{"x":"y","z":1}').size).toBe(1);
  });
});
