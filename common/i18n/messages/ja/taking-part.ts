import type { takingPart as en } from "../en/taking-part.js";

/** 節のページでの参加: 余白からの回答、箇所ごとの立場。 */
export const takingPart: Record<keyof typeof en, string> = {
  "takingPart.respond.hint": "変更や版へのリンクはそのまま残ります。設定はコメントへの回答の報告書で行います。",
  "takingPart.respond.label": "{author}さんのコメントに回答する",
  "takingPart.passages.title": "箇所ごと",
  "takingPart.passages.caption": "この箇所についての立場（関係者の区分別）",
  "takingPart.passage.tally": "この箇所について {counts}",
  "takingPart.passage.count": "{stance} {n}件",
};
