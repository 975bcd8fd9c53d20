import { readFileSync } from "node:fs";
import type { DemoAccount } from "./demo.js";

// The Japanese demo beside the English one: a draft guideline for AI business
// operators written for this project, in Japanese, shown in Japan time.

export const DEMO_JA_SLUG = "ai-jigyosha-guideline";
const DEMO_JA_SOURCE = new URL("./ai-jigyosha-guideline.md", import.meta.url);

export const DEMO_JA_ACCOUNTS: DemoAccount[] = [
  { email: "yamamoto@example.jp", displayName: "山本 直樹", organisation: "経済産業省 AI政策室", stakeholderGroup: "government", role: "owner" },
  { email: "sato@example.jp", displayName: "佐藤 美咲", organisation: "経済産業省 AI政策室", stakeholderGroup: "government", role: "drafter" },
  { email: "kobayashi@example.jp", displayName: "小林 健", organisation: "経済産業省 AI政策室", stakeholderGroup: "government", role: "moderator" },
  { email: "tanaka@example.jp", displayName: "田中 花子", organisation: "一般社団法人 日本ソフトウェア事業者協会", stakeholderGroup: "industry", role: null },
  { email: "suzuki@example.jp", displayName: "鈴木 翔太", organisation: "株式会社ミライラボ", stakeholderGroup: "startup", role: null },
  { email: "takahashi@example.jp", displayName: "高橋 由紀", organisation: "NPO法人 デジタル市民ネットワーク", stakeholderGroup: "civil_society", role: null },
  { email: "watanabe@example.jp", displayName: "渡辺 誠", organisation: "東都大学 情報学研究科", stakeholderGroup: "academia", role: null },
  { email: "ito@example.jp", displayName: "伊藤 さくら", organisation: "個人事業主（ウェブデザイン）", stakeholderGroup: "individual", role: null },
];

export function readDemoJaMarkdown(): string {
  return readFileSync(DEMO_JA_SOURCE, "utf8");
}
