/**
 * Phrases of the collaboration server, suggestions, phases, versions and request
 * definitions that the areas' own tables left out (found by phrases.test.ts).
 */
export const MISC_JA: Record<string, string> = {
  "The text cannot be changed right now. Please try again shortly.": "現在、本文を変更できません。しばらくしてからもう一度お試しください。",
  "The change would leave the text as it is.": "この変更では本文が変わりません。",
  "The change was saved but could not be recorded yet. Please try again shortly.": "変更は保存されましたが、まだ記録できていません。しばらくしてからもう一度お試しください。",
  "No such document.": "該当する文書はありません。",
  "Credentials and options do not belong in the URL.": "認証情報やオプションを URL に含めないでください。",
  "This connection did not come from this site.": "この接続はこのサイトからのものではありません。",
  "The server is shutting down.": "サーバーを停止しています。",
  "recipient body": "受領機関",
  "organisation": "団体",
  "section": "節",
};

export const MISC_PATTERNS_JA: Record<string, string> = {
  "Section {id}": "節 {id}",
  "That suggestion was {status} already.": "この修正案はすでに処理済みです（{status}）。",
  "{n} comment has no response yet. Respond to each (or to all at once as “Noted”, with a reason) before marking the consultation final.":
    "まだ回答していない意見が{n}件あります。最終版とする前に、それぞれに回答してください（理由を添えて、まとめて「承知しました」とすることもできます）。",
  "{n} comments have no response yet. Respond to each (or to all at once as “Noted”, with a reason) before marking the consultation final.":
    "まだ回答していない意見が{n}件あります。最終版とする前に、それぞれに回答してください（理由を添えて、まとめて「承知しました」とすることもできます）。",
  "{n} {has} no response yet. Respond to each (or to all at once as “Noted”, with a reason) before marking the consultation final.":
    "まだ回答していない意見が{n}件あります。最終版とする前に、それぞれに回答してください（理由を添えて、まとめて「承知しました」とすることもできます）。",
  "The ledger entry of version {n}'s frozen report": "第{n}版の確定した報告の台帳項目",
  "Version {n} of this section": "この節の第{n}版",
  "Version {n}": "第{n}版",
  "Choose a question kind: {kinds}.": "質問の種類を選んでください（{kinds}）。",
  "Choose the most open level allowed: {levels}.": "許可する最も広い公開範囲を選んでください（{levels}）。",
  "Kinds are {kinds}.": "種類は {kinds} のいずれかです。",
  "No {what} has the address “{slug}”.": "アドレス「{slug}」の{what}はありません。",
  // The paged lists of issue 18 (ListPageQuerySchema).
  "A page is a whole number from 1.": "ページは1以上の整数で指定してください。",
  "A passage is named by its number in the text, from 0.": "箇所は本文中の番号（0から）で指定してください。",
  "Choose a filter from the list.": "一覧から絞り込み条件を選んでください。",
  // The HTTP API's answers around its routes (ADR 038).
  "{method} is not one of the methods of this endpoint: {allow}.": "{method} はこのエンドポイントのメソッドではありません（使えるもの：{allow}）。",
};
