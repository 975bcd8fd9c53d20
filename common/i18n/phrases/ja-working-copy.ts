/** Drafting in a working copy (server/domain/consultations/working-copy.ts): refusals and the forms' checks. */
export const WORKING_COPY_JA: Record<string, string> = {
  "Choose how the team drafts.": "チームの起草方法を選んでください。",
  "No such section.": "その節はありません。",
  "The working copy has unpublished changes. Publish them (or ask the team to) before switching to live drafting, so that nothing the team wrote is left behind.":
    "作業コピーに未公開の変更があります。チームが書いた内容が失われないよう、ライブ起草に切り替える前に公開してください（またはチームに依頼してください）。",
  "The working copy has unpublished changes. Publish them before marking the consultation final: once it is final, nothing more can be published.":
    "作業コピーに未公開の変更があります。確定すると以後は公開できなくなるため、確定する前に公開してください。",
  "Only the drafting team can publish the working copy while the text can be edited.": "本文を編集できる期間に作業コピーを公開できるのは起草チームだけです。",
  "This consultation is drafted live: there is no working copy to publish.": "この意見募集はライブで起草されています。公開する作業コピーはありません。",
  "The consultation is final; nothing can be published.": "この意見募集は確定しています。これ以上公開できません。",
  "That section is not part of this consultation.": "その節はこの意見募集に含まれていません。",
  "Comments are on the public text; this passage is only in the working copy. Publish it first, or choose the passage in the public text.":
    "コメントは公開中の本文に付けます。この箇所は作業コピーにしかありません。先に公開するか、公開中の本文で箇所を選んでください。",
};
