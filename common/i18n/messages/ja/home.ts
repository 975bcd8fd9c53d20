import type { home as en } from "../en/home.js";

export const home: Record<keyof typeof en, string> = {
  "home.meta.title": "意見募集の一覧 · Margin",
  "home.hero.title": "ガイドライン案へのご意見をお寄せください",
  "home.hero.lead": "作成中の案をそのまま読み、該当箇所を指定して意見を提出できます。提出された意見一つ一つへの回答と、各文書の改訂履歴はすべて公開されます。",
  "home.list.title": "意見募集",
  "home.empty": "公開中の意見募集はまだありません。",
  "home.empty.create": "<link>意見募集を作成</link>して始めましょう。",
  "home.empty.signedIn": "意見募集は実施担当者が公開します。実施担当者の権限はサイト管理者が付与します。",
  "home.empty.signIn": "<link>ログイン</link>して始めましょう。",
  "home.publishedBy": "公表者：{name}",
  "home.publishedByOrg": "公表者：{name}（{organisation}）",
};
