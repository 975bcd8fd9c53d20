import type { campaigns as en } from "../en/campaigns.js";

export const campaigns: Record<keyof typeof en, string> = {
  "campaigns.meta": "同一文面の意見 · {title} · Margin",
  "campaigns.meta.none": "同一文面の意見 · Margin",
  "campaigns.heading": "同一文面の意見",
  "campaigns.count": "この文面は{n}人の参加者から提出されました。",
  "campaigns.lead": "同じ文面（細かな修正を含む）の意見はまとめて一件として表示しています。提出はすべて一件ずつ数えられ、それぞれに受領証があります。",
  "campaigns.period": "最初の提出：{first}、最後の提出：{last}",
  "campaigns.text": "文面",
  "campaigns.inSection": "提出先の節：",
  "campaigns.variations": "文面の違い",
  "campaigns.variations.lead": "各提出が上の文面に加えた部分を、同じ追加ごとにまとめて示します。",
  "campaigns.variation.same": "文面そのまま",
  "campaigns.variation.edited": "提出後に編集されたもの",
  "campaigns.variation.count": "{n}件",
  "campaigns.variations.none": "表示できる違いはありません。",
  "campaigns.variations.more": "さらに表示",
};
