/**
 * Comments, suggestions, positions and reports (server/domain/comments/*, the report and
 * review flows of server/domain/moderation.ts, the comment forms' checks in
 * server/domain/schemas.ts) and the section page's one-time messages.
 */
export const COMMENTS_JA: Record<string, string> = {
  // The comment window and who may act
  "The comment window is not open right now.": "現在は意見募集期間外です。",
  "This consultation is not open for comments.": "この意見募集は意見を受け付けていません。",
  "The comment window has closed; submissions can no longer be changed or withdrawn.": "意見募集期間が終了したため、提出した意見の変更や取り下げはできません。",
  "Only its author can change a comment.": "意見を変更できるのは提出者のみです。",
  "Only the drafting team can accept suggestions while the text can be edited.": "修正案を採用できるのは、本文を編集できる期間中の起草チームのみです。",
  "Only the drafting team can decline suggestions.": "修正案を不採用にできるのは起草チームのみです。",
  "Only the recipients of a confidential suggestion can decide it.": "非公開の修正案について判断できるのは、その閲覧者のみです。",

  // Writing comments
  "Replies go to the thread's first comment.": "返信はスレッドの最初の意見に対して行ってください。",
  "You posted this same text a moment ago.": "同じ内容を先ほど投稿しています。",
  "The passage you selected has just changed.": "選択した箇所が直前に変更されました。",
  "The passage you selected has just changed. Select it again, or comment on the whole section.":
    "選択した箇所が直前に変更されました。もう一度選択し直すか、項目全体への意見として提出してください。",
  "A suggested amendment needs a selected passage.": "修正案を提出するには、本文の箇所を選択してください。",
  "Select the passage you want to change.": "修正したい箇所を本文で選択してください。",
  "That comment was deleted.": "その意見は削除されています。",
  "That comment was removed by moderation.": "その意見はモデレーションにより非表示になっています。",
  "That comment": "その意見",
  "That suggestion": "その修正案",
  "The comment you are replying to": "返信先の意見",

  // Suggestions
  "Only published suggestions can be decided.": "判断できるのは公開中の修正案のみです。",
  "That suggestion was accepted already.": "その修正案はすでに採用されています。",
  "That suggestion was declined already.": "その修正案はすでに不採用となっています。",
  "This suggestion has no passage to change.": "この修正案には修正対象の箇所がありません。",
  "The passage has changed since this was suggested; apply it by hand in the editor.": "提案後に対象箇所が変更されています。エディターで手作業で反映してください。",
  "You cannot endorse or oppose your own suggestion.": "自分の修正案を支持・反対することはできません。",

  // Reports and reviews
  "You cannot report your own comment; delete it instead.": "自分の意見は通報できません。削除してください。",
  "You have reported this comment already; the moderators will look at it.": "この意見はすでに通報済みです。モデレーターが確認します。",
  "The consultation's team does not report comments; moderators hide them with a reason, in the public log.":
    "意見募集の担当チームは通報を行いません。モデレーターが理由を付して非表示にし、公開記録に残します。",
  "Only a removed comment can be sent for review.": "再確認を依頼できるのは、非表示にされた意見のみです。",
  "You have asked for a review of this comment already.": "この意見の再確認はすでに依頼済みです。",

  // The forms' checks (labels are looked up inside "{label} is required." and its kin)
  Comment: "意見",
  Reply: "返信",
  "Proposed text": "修正案の文言",
  Reason: "理由",
  "Public version": "公開用の文面",
  "The selected passage": "選択した箇所",
  "The text around the selected passage": "選択した箇所の前後の文",
  "Unknown comment.": "該当する意見がありません。",
  "Choose comment or suggestion.": "意見か修正案かを選んでください。",
  "Choose support, support with changes, oppose or neutral.": "賛成、修正を条件に賛成、反対、中立のいずれかを選んでください。",
  "Not a valid position.": "賛否の指定が正しくありません。",
  "Choose how you want to be shown: name, organisation or anonymous.": "公開時の表示方法（氏名、所属組織、匿名）を選んでください。",
  "The selected passage is empty.": "選択した箇所が空です。",
  "A public version is only for a confidential submission (set confidential to true).": "公開用の文面は非公開の意見にのみ付けられます（confidential を true にしてください）。",
  "Choose a reason.": "理由を選んでください。",
  "posts from your account": "このアカウントからの投稿",

  // Authors shown without their names (server/domain/shown-author.ts)
  Anonymous: "匿名",
  "An organisation": "ある組織",

  // Badges
  "Verified government body": "認証済みの行政機関",
  "Verified organisation": "認証済みの組織",

  // The section page's one-time messages
  "Your comment is posted.": "意見を投稿しました。",
  "Your confidential submission is with the consultation team.": "非公開の意見を意見募集の担当チームに提出しました。",
  "Thank you. Your comment is awaiting moderation.": "ありがとうございます。意見はモデレーターの確認後に公開されます。",
  "Your reply is with the consultation team.": "返信を意見募集の担当チームに送りました。",
  "Thank you. Your reply is awaiting moderation.": "ありがとうございます。返信はモデレーターの確認後に公開されます。",
  "Your reply is posted.": "返信を投稿しました。",
  "Your comment is updated; the earlier text is kept in its record.": "意見を更新しました。以前の文面は記録に残ります。",
  "Your comment is withdrawn. It had a response, so its place and the response stay, marked as withdrawn.":
    "意見を取り下げました。回答が付いていたため、意見の位置と回答は「取り下げ」と表示されて残ります。",
  "Your comment is deleted.": "意見を削除しました。",
  "The suggestion is applied to the text, credited to its proposer.": "修正案を本文に反映しました。提案者の名前が記録されます。",
  "The suggestion is declined; your reason is shown with it.": "修正案を不採用にしました。理由は修正案とともに表示されます。",
  "Thank you; your view on the suggestion is recorded.": "ありがとうございます。修正案への賛否を記録しました。",
  "Thank you. The comment is hidden until a moderator reviews it.": "ありがとうございます。モデレーターが確認するまで、この意見は非表示になります。",
  "Thank you. The moderators will review the comment.": "ありがとうございます。モデレーターがこの意見を確認します。",
  "Your request is with the moderators.": "モデレーターに再確認を依頼しました。",
};

/** Messages with a varying part. */
export const COMMENTS_PATTERNS_JA: Record<string, string> = {
  "Published by {who}": "公表者：{who}",
  "Comments can be edited for {n} minutes after posting.": "意見は投稿後{n}分以内に限り編集できます。",
  "Your position is recorded. Its receipt is {reference}, under My submissions.": "賛否を記録しました。受付番号は{reference}です（「提出した意見」から確認できます）。",
  "Too many {what}. Please try again in {n} seconds.": "{what}が多すぎます。{n}秒後にもう一度お試しください。",
  "Too many {what}. Please try again in {n} minutes.": "{what}が多すぎます。{n}分後にもう一度お試しください。",
};
