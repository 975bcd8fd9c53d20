import { describe, expect, it } from "vitest";
import { estimateJaccard, exactJaccard, lshBuckets, minhash, MINHASH_SIZE, normaliseText, shingleHashes, signatureBytes, signatureOf } from "./minhash.js";
import { variationOf } from "./variations.js";

const EN = [
  "I am writing to ask that the guidance require every developer of a general purpose model to publish a sufficiently detailed summary of the content used for training.",
  "Without such a summary, authors, musicians and photographers have no practical way to know whether their work was used.",
  "The summary should name the main datasets, the crawling period and the opt-out signals that were respected.",
  "Please also make clear that the obligation applies to models already on the market.",
];
const JA = [
  "公共の場所におけるリアルタイムの顔認識技術の利用について、ガイドラインで原則禁止と明記することを求めます。",
  "顔認識による監視は、誰もが自由に集まり意見を表明する権利を大きく損なうおそれがあります。",
  "例外を認める場合でも、裁判所の事前の許可と、利用状況の定期的な公表を条件としてください。",
  "市民の安心と信頼なくして、AIの社会実装は進まないと考えます。",
];
const sig = (text: string) => minhash(shingleHashes(text));
const similarity = (a: string, b: string) => estimateJaccard(sig(a), sig(b));

describe("normalising and shingling", () => {
  it("ignores case, spacing, punctuation and full-width forms", () => {
    expect(normaliseText("Ｈｅｌｌｏ,  World!")).toBe("helloworld");
    expect(normaliseText("顔認識、 禁止。")).toBe("顔認識禁止");
    expect([...shingleHashes("Hello, world")].sort()).toEqual([...shingleHashes("hello world!!")].sort());
  });

  it("cuts Japanese into shingles without word segmentation, and a short text has few", () => {
    expect(shingleHashes("顔認識技術の利用").length).toBe(4);
    expect(shingleHashes("はい").length).toBe(0);
  });
});

describe("MinHash estimates", () => {
  it("is deterministic and round-trips through its stored bytes", () => {
    const s = sig(EN.join(" "));
    expect(s.length).toBe(MINHASH_SIZE);
    expect(sig(EN.join(" "))).toEqual(s);
    expect(signatureOf(signatureBytes(s))).toEqual(s);
    expect(signatureOf(new Uint8Array(3)).length).toBe(0);
  });

  it("estimates the exact Jaccard similarity within a few hundredths", () => {
    const a = EN.join(" ");
    const b = `Dear Ministry, ${EN.slice(0, 3).join(" ")} I am a retired engineer.`;
    const exact = exactJaccard(shingleHashes(a), shingleHashes(b));
    expect(Math.abs(similarity(a, b) - exact)).toBeLessThan(0.12);
  });

  it("finds an English text with a greeting added and sentences reordered nearly identical", () => {
    const canonical = EN.join(" ");
    const variant = `To the drafting team, ${[EN[2], EN[0], EN[1], EN[3]].join(" ")} Kind regards.`;
    expect(similarity(canonical, variant)).toBeGreaterThan(0.75);
  });

  it("finds a Japanese text with a greeting, a word and a reordering nearly identical", () => {
    const canonical = JA.join("");
    const variant = `拝啓${JA[1]}${JA[0]!.replace("求めます", "強く求めます")}${JA[2]}${JA[3]}敬具`;
    expect(similarity(canonical, variant)).toBeGreaterThan(0.7);
  });

  it("keeps texts on the same subject in other words apart", () => {
    expect(similarity(EN.join(" "), "Training data should be disclosed at least in summary form. Developers ought to publish where their training data came from.")).toBeLessThan(0.2);
    expect(similarity(JA.join(""), "公共空間での顔認識は全面的に禁止すべきです。遠隔での生体監視は集会の自由を萎縮させます。")).toBeLessThan(0.2);
  });

  it("puts near-identical texts in a shared LSH bucket and unrelated ones in none", () => {
    const a = lshBuckets(sig(EN.join(" ")), 32);
    const b = lshBuckets(sig(`Hello, ${EN.join(" ")}`), 32);
    const c = lshBuckets(sig(JA.join("")), 32);
    expect(a).toHaveLength(32);
    expect(a.filter((x) => b.includes(x)).length).toBeGreaterThan(0);
    expect(a.filter((x) => c.includes(x))).toEqual([]);
  });
});

describe("variations", () => {
  it("names what a variant adds, in English and in Japanese", () => {
    expect(variationOf("Please publish the summary. It matters to authors.", "Dear Ministry, Please really publish the summary. It matters to authors. Thank you.")).toBe("Dear Ministry, … really … Thank you.");
    expect(variationOf(JA[0]!, `拝啓${JA[0]!.replace("求めます", "強く求めます")}`)).toBe("拝啓 … 強く");
  });

  it("does not count sentences moved elsewhere as added", () => {
    expect(variationOf(EN.join(" "), [EN[1], EN[0], EN[2]!.replace("main datasets", "main public datasets"), EN[3]].join(" "))).toBe("public");
  });

  it("is null for the same text or one with words only taken away", () => {
    expect(variationOf(EN[0]!, EN[0]!.toUpperCase())).toBeNull();
    expect(variationOf(EN.join(" "), EN.slice(1).join(" "))).toBeNull();
  });
});
