/** Server messages of topic groups and their curation (server/domain/grouping/curation.ts, the group schemas). */
export const GROUPS_JA: Record<string, string> = {
  "That group does not exist (it may have been merged).": "そのまとまりはありません（統合された可能性があります）。",
  "A group cannot be merged into itself.": "まとまりをそれ自体に統合することはできません。",
  "Some of the selected comments are not in a group of this consultation.": "選択した意見の一部は、この意見募集のまとまりに含まれていません。",
  "Choose a group.": "まとまりを選んでください。",
  "Select at least one comment.": "意見を一つ以上選んでください。",
  "Select at most {0} comments at a time.": "一度に選べる意見は{0}件までです。",
  Gist: "意見の概要",
  "Name of the new group": "新しいまとまりの名前",
};
