/**
 * Server messages of history, versions, responses to comments, moderation and
 * a consultation's settings (server/domain/dispositions, server/domain/moderation.ts,
 * server/domain/consultations, server/history), and the one-line summaries
 * stored with each change (server/collab/persistence.ts).
 */
export const HISTORY_JA: Record<string, string> = {
  // Responses to comments
  "Respond to the comment that starts the thread, not to a reply.": "返信ではなく、スレッドの最初の意見に回答してください。",
  "Its author deleted that comment.": "その意見は投稿者により削除されました。",
  "Link changes from this consultation's history.": "この意見募集の変更履歴にある変更を選んでください。",
  "Choose a published version.": "公表済みの版を選んでください。",
  "Someone decided on that suggestion a moment ago.": "その修正案については、直前に他の方が判断しました。",
  "Only the drafting team can respond to comments.": "意見に回答できるのは起草チームのみです。",
  "Choose an outcome.": "対応を選んでください。",
  "Unknown comment.": "意見が見つかりません。",
  "A linked change is not one of ours.": "選択された変更は、この意見募集のものではありません。",
  "Choose a version.": "版を選んでください。",
  "Response": "回答",
  "That comment": "その意見",
  // Moderation
  "Choose a reason.": "理由を選んでください。",
  "Choose an action.": "対応を選んでください。",
  "Select at least one item.": "1件以上選んでください。",
  "One of the selected items was deleted by its author.": "選択したもののうち1件が投稿者により削除されました。",
  "One of the selected items": "選択したもののうち1件",
  "You cannot report your own comment; delete it instead.": "ご自身の意見は通報できません。削除してください。",
  "You have reported this comment already; the moderators will look at it.": "この意見はすでに通報済みです。モデレーターが確認します。",
  "Only a removed comment can be sent for review.": "再確認を依頼できるのは、削除された意見のみです。",
  "You have asked for a review of this comment already.": "この意見の再確認はすでに依頼済みです。",
  "Only the consultation's moderators can do that.": "この操作ができるのは、この意見募集のモデレーターのみです。",
  "Only the recipients of a confidential submission can act on it.": "非公開の意見を扱えるのは、その受領者のみです。",
  "You cannot moderate your own contributions; ask another moderator.": "ご自身の投稿はモデレーションできません。他のモデレーターに依頼してください。",
  "The consultation's team does not report comments; moderators hide them with a reason, in the public log.":
    "意見募集のチームは意見を通報しません。モデレーターが理由を付けて非表示にし、公開の記録に残します。",
  "Only the consultation's moderators can see the queue.": "モデレーション待ちの一覧を見られるのは、この意見募集のモデレーターのみです。",
  "Note": "メモ",
  "Reason": "理由",
  // Settings: team, phases, sections, readers
  "That address is already taken.": "そのアドレスはすでに使われています。",
  "That address is already taken; choose another.": "そのアドレスはすでに使われています。別のアドレスを選んでください。",
  "No account uses that email.": "そのメールアドレスのアカウントはありません。",
  "No account uses that email. Ask them to sign up first, then invite them.": "そのメールアドレスのアカウントはありません。先にアカウント登録をしてもらってから招待してください。",
  "That person is an owner already.": "その方はすでに管理者です。",
  "A consultation needs at least one owner.": "意見募集には少なくとも1人の管理者が必要です。",
  "That member": "そのメンバー",
  "Choose drafter or moderator.": "起草担当またはモデレーターを選んでください。",
  "Only the consultation's owners choose who reads its confidential submissions.": "非公開の意見の閲覧者を選べるのは、この意見募集の管理者のみです。",
  "Choose recipient bodies.": "受領機関を選んでください。",
  "Sections can only be deleted while the consultation is a draft; its history must stay whole once published.":
    "節を削除できるのは、意見募集が下書きの間のみです。公開後は変更履歴を完全な形で残す必要があります。",
  "Give the section a title.": "節の見出しを入力してください。",
  "Choose a phase.": "段階を選んでください。",
  "Section title": "節の見出し",
  // Versions and history
  "Only the drafting team can publish versions.": "版を公表できるのは起草チームのみです。",
  "Add a section before publishing a version.": "版を公表する前に節を追加してください。",
  "Another version was published at the same moment. Reload and try again.": "同時に別の版が公表されました。再読み込みしてからもう一度お試しください。",
  "Drafting before the consultation opened is visible to the drafting team only.": "意見募集の開始前の起草作業は、起草チームのみが閲覧できます。",
  "Version name": "版の名称",
  "No such version.": "その版はありません。",
  "Current text": "現在の本文",
  "Empty section": "空の節",
  // Change summaries
  "formatting and spacing": "書式・空白の変更",
  "no text change": "本文の変更なし",
};

/** Messages with a varying part; listed before the general ones (such as "{what} does not exist…") so these match first. */
export const HISTORY_PATTERNS_JA: Record<string, string> = {
  "No change {id} in this consultation.": "この意見募集に変更 {id} はありません。",
  "There is no version {n}.": "第{n}版はありません。",
  "At most {n} items at once.": "一度に選べるのは{n}件までです。",
  "An item that is {status} cannot be given “{action}”.": "状態が「{status}」のものに「{action}」は適用できません。",
  "A consultation can have at most {n} sections.": "意見募集の節は{n}個までです。",
  "A consultation that is {from} cannot move to {to}.": "意見募集を「{from}」から「{to}」に移すことはできません。",
  "The consultation's phase has just been changed by someone else: reload the page to see it.": "意見募集の段階が他の人によって変更されたところです。ページを再読み込みして確認してください。",
  "{n} comment has no response yet. Respond to each (or to all at once as “Noted”, with a reason) before marking the consultation final.":
    "回答していない意見が{n}件あります。確定する前に、それぞれに回答してください（理由を付けて、まとめて「参考とする」と回答することもできます）。",
  "{n} comments have no response yet. Respond to each (or to all at once as “Noted”, with a reason) before marking the consultation final.":
    "回答していない意見が{n}件あります。確定する前に、それぞれに回答してください（理由を付けて、まとめて「参考とする」と回答することもできます）。",
  "No recipient body has the address “{slug}”.": "アドレスが「{slug}」の受領機関はありません。",
  "Link at most {n} changes.": "選べる変更は{n}件までです。",
  "Version {n} of this section does not exist or is not visible to you.": "この節の第{n}版は存在しないか、閲覧できません。",
  "The ledger entry of version {n}'s frozen report does not exist or is not visible to you.": "第{n}版の確定した結果の台帳エントリーは存在しないか、閲覧できません。",
  "Version {n} does not exist or is not visible to you.": "第{n}版は存在しないか、閲覧できません。",
  "Version {number}: {name}": "第{number}版: {name}",
  "After change {seq}": "変更 {seq} の後",
  "“{token}” is not a point in history: use current, v<version number> or a sequence number.":
    "「{token}」は履歴上の時点ではありません。current、v<版の番号>、または通し番号を指定してください。",
  "added “{inserted}”; removed “{deleted}”": "「{inserted}」を追加、「{deleted}」を削除",
  "added “{inserted}”": "「{inserted}」を追加",
  "removed “{deleted}”": "「{deleted}」を削除",
};
