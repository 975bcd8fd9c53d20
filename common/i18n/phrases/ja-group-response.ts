/** Server messages of group responses (server/domain/dispositions/group.ts, group-view.ts). */
export const GROUP_RESPONSE_JA: Record<string, string> = {
  "That group": "そのまとまり",
  "That answer": "その回答",
  "Unknown group.": "不明なまとまりです。",
  "That group was merged into another one: answer the group it was merged into.": "そのまとまりは別のまとまりに統合されました。統合先のまとまりに回答してください。",
  "That group has no comment you may answer.": "そのまとまりには、あなたが回答できる意見がありません。",
  "Every comment of that group already has its own response; choose to replace them to answer them together.":
    "そのまとまりのすべての意見に個別の回答があります。まとめて回答するには、個別の回答を置き換える選択をしてください。",
};
