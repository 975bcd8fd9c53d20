/**
 * A synthetic public-comment round with known answers (issue 18): organic
 * comments on a dozen themes, and campaigns — one text sent by many people with
 * small edits (a greeting, a personal line, reordered sentences, typos). Half is
 * Japanese. Deterministic for a seed, so benchmarks and tests compare like with
 * like. The ground truth (which campaign, which theme) is in each item.
 */

export interface CorpusItem {
  /** Index of the section (0-based) it is posted on. */
  section: number;
  lang: "en" | "ja";
  body: string;
  /** Which campaign's text it is (0-based), or null for an organic comment. */
  campaign: number | null;
  /** The theme an organic comment is about (a campaign's theme is its text's). */
  theme: number;
}

export interface CorpusOptions {
  total: number;
  sections: number;
  /** Share of the comments that come from campaigns (0.3 in the benchmark). */
  campaignShare?: number;
  campaigns?: number;
  /** Share written in Japanese. */
  japaneseShare?: number;
  seed?: number;
}

/** mulberry32: small, fast and good enough to make varied text repeatably. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Theme {
  en: string[];
  ja: string[];
}

/** Each theme: sentences people write about it, in each language. */
const THEMES: Theme[] = [
  {
    en: ["Training data should be disclosed at least in summary form.", "Developers ought to publish where their training data came from.", "A summary of datasets used for training would help rights holders.", "Copyrighted works in training corpora need a clear opt-out.", "Publishers cannot check whether their works were scraped."],
    ja: ["学習データの概要は少なくとも公開すべきです。", "開発者は学習データの出所を明らかにするべきです。", "学習に使ったデータセットの要約があれば権利者の助けになります。", "学習用コーパスの著作物には明確なオプトアウトが必要です。", "出版社は自社の作品が収集されたか確認できません。"],
  },
  {
    en: ["Small companies cannot afford a full conformity assessment.", "The compliance cost for startups is far too high.", "Please add a simplified procedure for small and medium enterprises.", "An SME exemption would keep innovation in the country.", "Audits priced for large firms will push small developers out."],
    ja: ["中小企業には本格的な適合性評価を負担できません。", "スタートアップにとって対応コストが高すぎます。", "中小企業向けの簡易な手続きを設けてください。", "中小企業の適用除外があれば国内のイノベーションが守られます。", "大企業向けの監査費用では小規模な開発者が撤退してしまいます。"],
  },
  {
    en: ["Facial recognition in public spaces should be banned outright.", "Biometric identification by the police needs a court order.", "Remote biometric surveillance chills freedom of assembly.", "Face matching against social media photos must be prohibited.", "People must be told when cameras analyse their faces."],
    ja: ["公共空間での顔認識は全面的に禁止すべきです。", "警察による生体認証には裁判所の令状を要件とすべきです。", "遠隔での生体監視は集会の自由を萎縮させます。", "SNSの写真との顔照合は禁止されなければなりません。", "カメラが顔を分析する場合は本人に知らせるべきです。"],
  },
  {
    en: ["Generated images and video should carry a visible label.", "Watermarking of synthetic media must be mandatory.", "Deepfakes of candidates before elections are a real danger.", "Platforms should detect and label AI generated content.", "Provenance metadata ought to survive re-encoding of the file."],
    ja: ["生成された画像や動画には分かりやすい表示を付けるべきです。", "合成メディアへの電子透かしを義務化してください。", "選挙前の候補者のディープフェイクは現実の脅威です。", "プラットフォームはAI生成コンテンツを検出して表示すべきです。", "来歴メタデータはファイルの再エンコード後も残るべきです。"],
  },
  {
    en: ["Automated decisions about loans must be explainable.", "Applicants denied credit deserve a human review.", "Scoring models must not use postcode as a proxy for ethnicity.", "Banks should test their credit models for disparate impact.", "A right to contest an automated refusal is essential."],
    ja: ["融資に関する自動判定は説明可能でなければなりません。", "与信を拒否された申請者には人による再審査が必要です。", "スコアリングで郵便番号を属性の代理変数に使ってはなりません。", "銀行は与信モデルの差別的影響を検証すべきです。", "自動的な拒否に異議を申し立てる権利が不可欠です。"],
  },
  {
    en: ["Hospitals need guidance on validating diagnostic software.", "Clinicians must keep the final say over AI triage.", "Patient data used for model training must be de-identified.", "Medical AI should be evaluated on local patient populations.", "Adverse events involving clinical algorithms should be reported."],
    ja: ["病院には診断ソフトウェアの検証に関する指針が必要です。", "AIによるトリアージでも最終判断は医師が行うべきです。", "モデルの学習に使う患者データは匿名化されなければなりません。", "医療AIは国内の患者集団で評価されるべきです。", "臨床アルゴリズムに関わる有害事象は報告対象とすべきです。"],
  },
];

/** Campaign texts: what an organisation asks its supporters to send, by language. */
const CAMPAIGNS: { lang: "en" | "ja"; theme: number; sentences: string[] }[] = [
  {
    lang: "en",
    theme: 0,
    sentences: [
      "I am writing to ask that the guidance require every developer of a general purpose model to publish a sufficiently detailed summary of the content used for training.",
      "Without such a summary, authors, musicians and photographers have no practical way to know whether their work was used.",
      "The summary should name the main datasets, the crawling period and the opt-out signals that were respected.",
      "Please also make clear that the obligation applies to models already on the market.",
    ],
  },
  {
    lang: "ja",
    theme: 2,
    sentences: [
      "公共の場所におけるリアルタイムの顔認識技術の利用について、ガイドラインで原則禁止と明記することを求めます。",
      "顔認識による監視は、誰もが自由に集まり意見を表明する権利を大きく損なうおそれがあります。",
      "例外を認める場合でも、裁判所の事前の許可と、利用状況の定期的な公表を条件としてください。",
      "市民の安心と信頼なくして、AIの社会実装は進まないと考えます。",
    ],
  },
  {
    lang: "en",
    theme: 1,
    sentences: [
      "As the owner of a small software company, I urge you to introduce a proportionate regime for small and medium enterprises.",
      "The documentation and audit duties in section 3 were written with the largest providers in mind and would cost us more than our annual profit.",
      "A simplified self-assessment, with templates published by the ministry, would achieve the same protection at a fraction of the cost.",
      "Please consult representatives of small businesses before the final text is adopted.",
    ],
  },
  {
    lang: "ja",
    theme: 3,
    sentences: [
      "生成AIで作られた画像、音声、動画には、誰にでも分かる形で表示を付けることを義務付けてください。",
      "選挙期間中に候補者になりすました偽の動画が拡散すれば、民主主義の根幹が揺らぎます。",
      "電子透かしや来歴情報の付与について、事業者が従うべき技術的な基準を示していただきたいと思います。",
      "表示の義務に違反した場合の対応についても、ガイドラインで明確にしてください。",
    ],
  },
  {
    lang: "ja",
    theme: 4,
    sentences: [
      "融資や保険の審査にAIを用いる場合、申込者が判断の理由について説明を受けられるようにしてください。",
      "自動的に否決された人には、人間の担当者による再審査を求める権利が保障されるべきです。",
      "審査モデルが居住地域などを通じて間接的な差別を生んでいないか、定期的な検証を義務付けることを提案します。",
      "金融分野のAI利用について、利用者の立場に立った指針の策定を期待します。",
    ],
  },
];

const GREETINGS = {
  en: ["Dear Sir or Madam,", "To the drafting team,", "Hello,", "Dear Ministry,", "To whom it may concern,", ""],
  ja: ["拝啓", "ご担当者様", "お世話になっております。", "関係者各位", ""],
};
const SIGN_OFFS = {
  en: ["Thank you for considering my comments.", "Kind regards.", "Sincerely.", "Thank you.", ""],
  ja: ["よろしくお願いいたします。", "敬具", "ご検討のほどお願い申し上げます。", "以上です。", ""],
};
const PERSONAL = {
  en: ["I am a parent of two children.", "I work as a nurse in a regional hospital.", "I have been a freelance illustrator for twelve years.", "I teach computer science at a high school.", "I run a bakery with four employees.", "I am a retired engineer."],
  ja: ["私は二児の母です。", "地方の病院で看護師をしています。", "フリーランスのイラストレーターとして十二年活動しています。", "高校で情報科の教員をしています。", "従業員四人のパン屋を経営しています。", "定年退職した技術者です。"],
};
const OPENERS = {
  en: ["On this section:", "My view is simple.", "Some points from our experience.", "A comment on the draft.", "", "", "Briefly:"],
  ja: ["本節について意見します。", "", "実務の経験から申し上げます。", "草案について一点。", "", "簡潔に述べます。"],
};
const DETAILS = {
  en: (r: () => number) => `In our case this affected ${2 + Math.floor(r() * 400)} people over ${1 + Math.floor(r() * 11)} months.`,
  ja: (r: () => number) => `当社では${1 + Math.floor(r() * 11)}か月で約${2 + Math.floor(r() * 400)}人に影響がありました。`,
};

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

/** A small edit of the kind people make to a text they were given: a word dropped, doubled or swapped, a typo. */
function smallEdit(r: () => number, text: string, lang: "en" | "ja"): string {
  if (lang === "en") {
    const words = text.split(" ");
    const i = Math.floor(r() * words.length);
    const choice = r();
    if (choice < 0.3) words.splice(i, 1);
    else if (choice < 0.6) words.splice(i, 0, pick(r, ["really", "also", "strongly", "very", "clearly"]));
    else if (words[i]!.length > 3) {
      const w = words[i]!;
      const k = 1 + Math.floor(r() * (w.length - 2));
      words[i] = w.slice(0, k) + w[k + 1] + w[k] + w.slice(k + 2);
    }
    return words.join(" ");
  }
  const chars = [...text];
  const i = Math.floor(r() * chars.length);
  const choice = r();
  if (choice < 0.4) chars.splice(i, 1);
  else if (choice < 0.8) chars.splice(i, 0, pick(r, ["、", "ぜひ", "強く", "是非", "特に"]));
  else chars[i] = pick(r, ["。", "、", "を", "が"]);
  return chars.join("");
}

function campaignVariant(r: () => number, index: number): string {
  const c = CAMPAIGNS[index % CAMPAIGNS.length]!;
  const lang = c.lang;
  const sentences = [...c.sentences];
  // Reordered: a supporter moves a sentence.
  if (r() < 0.3) {
    const i = Math.floor(r() * sentences.length);
    const j = Math.floor(r() * sentences.length);
    [sentences[i], sentences[j]] = [sentences[j]!, sentences[i]!];
  }
  let body = sentences.join(lang === "en" ? " " : "");
  const edits = Math.floor(r() * 4);
  for (let e = 0; e < edits; e++) body = smallEdit(r, body, lang);
  const parts = [pick(r, GREETINGS[lang]), r() < 0.3 ? pick(r, PERSONAL[lang]) : "", body, pick(r, SIGN_OFFS[lang])].filter((p) => p !== "");
  return parts.join(lang === "en" ? " " : "");
}

function organic(r: () => number, theme: number, lang: "en" | "ja"): string {
  const pool = THEMES[theme]!;
  const sentences = lang === "en" ? pool.en : pool.ja;
  const count = 1 + Math.floor(r() * 3);
  const chosen: string[] = [];
  for (let i = 0; i < count; i++) {
    const s = pick(r, sentences);
    if (!chosen.includes(s)) chosen.push(s);
  }
  // A sentence from another theme now and then: real comments wander.
  if (r() < 0.15) chosen.push(pick(r, lang === "en" ? pick(r, THEMES).en : pick(r, THEMES).ja));
  // A detail of their own in most comments: organic texts rarely match word for word.
  if (r() < 0.9) chosen.splice(Math.floor(r() * (chosen.length + 1)), 0, DETAILS[lang](r));
  const opener = pick(r, OPENERS[lang]);
  return [opener, ...chosen].filter((p) => p !== "").join(lang === "en" ? " " : "");
}

/** The comments of one synthetic consultation, in the order they arrive. */
export function generateCorpus(options: CorpusOptions): CorpusItem[] {
  const r = seededRandom(options.seed ?? 18);
  const campaignShare = options.campaignShare ?? 0.3;
  const campaigns = Math.min(options.campaigns ?? 5, CAMPAIGNS.length);
  const japaneseShare = options.japaneseShare ?? 0.5;
  const out: CorpusItem[] = [];
  // Each campaign targets one section; organic comments spread over all of them.
  const campaignSection = Array.from({ length: campaigns }, (_, i) => i % options.sections);
  const campaignJa = CAMPAIGNS.slice(0, campaigns).filter((c) => c.lang === "ja").length / Math.max(1, campaigns);
  // Organic comments make up the rest of the Japanese share.
  const organicJa = campaignShare >= 1 ? 0 : Math.min(1, Math.max(0, (japaneseShare - campaignShare * campaignJa) / (1 - campaignShare)));
  for (let i = 0; i < options.total; i++) {
    if (campaigns > 0 && r() < campaignShare) {
      const k = Math.floor(r() * campaigns);
      const c = CAMPAIGNS[k]!;
      out.push({ section: campaignSection[k]!, lang: c.lang, body: campaignVariant(r, k), campaign: k, theme: c.theme });
    } else {
      const theme = Math.floor(r() * THEMES.length);
      const lang = r() < organicJa ? "ja" : "en";
      out.push({ section: Math.floor(r() * options.sections), lang, body: organic(r, theme, lang), campaign: null, theme });
    }
  }
  return out;
}

/**
 * Pairwise precision and recall of a grouping against the corpus's campaigns:
 * a pair of comments is "together" when both are in the same campaign. Counted
 * per group and per true campaign (sizes), so 50,000 items cost no 50,000².
 * `groupOf[i]` is the campaign group found for item i (null: none).
 */
export function campaignScores(items: readonly CorpusItem[], groupOf: readonly (string | null)[]): { precision: number; recall: number } {
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const byGroup = new Map<string, Map<string, number>>();
  const byTruth = new Map<number, number>();
  for (let i = 0; i < items.length; i++) {
    const truth = items[i]!.campaign;
    if (truth !== null) byTruth.set(truth, (byTruth.get(truth) ?? 0) + 1);
    const g = groupOf[i];
    if (g === null || g === undefined) continue;
    const cell = byGroup.get(g) ?? new Map<string, number>();
    // Organic items are each their own truth: they pair with nothing.
    const key = truth === null ? `organic:${i}` : `c:${truth}`;
    cell.set(key, (cell.get(key) ?? 0) + 1);
    byGroup.set(g, cell);
  }
  let together = 0;
  let rightlyTogether = 0;
  for (const cell of byGroup.values()) {
    let size = 0;
    for (const [key, n] of cell) {
      size += n;
      if (key.startsWith("c:")) rightlyTogether += pairs(n);
    }
    together += pairs(size);
  }
  let truePairs = 0;
  for (const n of byTruth.values()) truePairs += pairs(n);
  return { precision: together === 0 ? 1 : rightlyTogether / together, recall: truePairs === 0 ? 1 : rightlyTogether / truePairs };
}
