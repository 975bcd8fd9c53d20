import type { heat as en } from "../en/heat.js";

export const heat: Record<keyof typeof en, string> = {
  "heat.title": "意見が集まっている箇所",
  "heat.intro": "本文の箇所ごとの意見と立場の数です。箇所を選ぶと、その箇所への意見を表示します。",
  "heat.none": "特定の箇所に寄せられた意見や立場はまだありません。",
  "heat.block": "第{number}段落",
  "heat.comments": "意見{count}件",
  "heat.stance.support": "賛成{count}",
  "heat.stance.support_with_changes": "修正のうえ賛成{count}",
  "heat.stance.oppose": "反対{count}",
  "heat.stance.neutral": "中立{count}",
  "heat.filtered": "第{number}段落「{excerpt}」への意見を表示しています",
  "heat.filtered.clear": "この節全体への意見を表示",
  "heat.page": "{pages}ページ中{page}ページ目",
  "heat.page.nav": "意見のページ",
  "heat.page.previous": "前の{count}件",
  "heat.page.next": "次の{count}件",
  "heat.campaign.count": "この文面は{count}人の参加者から提出されました",
  "heat.campaign.open": "キャンペーンと文面の違いを見る",
  "heat.campaign.hidden": "この文面は公開されていません。",
  "heat.campaigns": "キャンペーン",
};
