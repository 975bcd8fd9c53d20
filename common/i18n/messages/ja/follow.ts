import type { follow as en } from "../en/follow.js";

/** フォロー：意見募集・節・組織への情報提供依頼のフォローと、フォロー中の一覧。 */
export const follow: Record<keyof typeof en, string> = {
  "follow.button.follow": "フォローする<hidden>（{subject}）</hidden>",
  "follow.button.unfollow": "フォロー中 ✓ — フォローをやめる<hidden>（{subject}）</hidden>",
  "follow.subject.consultation": "この意見募集",
  "follow.subject.section": "この節",
  "follow.subject.organisation": "{org}への情報提供依頼",
  "follow.signIn": "<link>ログインしてフォローする</link>",
  "follow.feed": "または<link>Atomフィード</link>を購読する",
  "follow.hint.consultation": "フォローすると、新しい版の公開、意見受付の開始と終了、結果の公表をお知らせします。",
  "follow.hint.section": "節をフォローすると、新しい版の公開と、意見募集の受付開始・終了・結果の公表をお知らせします。",
  "follow.hint.organisation": "{org}の所属者には、フォローしなくても同組織宛ての依頼をお知らせします。フォローした方にもお知らせし、期限前にはリマインドします。",
  "follow.org.title": "{org}への情報提供依頼",
  "follow.flash.followed": "フォローしました。動きがあればお知らせします。",
  "follow.flash.unfollowed": "フォローをやめました。",
  "follow.page.meta": "フォロー中",
  "follow.page.title": "フォロー中",
  "follow.page.lead": "これらに動きがあると、アプリ内とメールで（通知設定に従って）お知らせします。",
  "follow.page.consultations": "意見募集",
  "follow.page.sections": "節",
  "follow.page.organisations": "組織への情報提供依頼",
  "follow.page.none": "まだ何もフォローしていません。意見募集や節はそのページから、組織への情報提供依頼は依頼一覧のページからフォローできます。",
  "follow.page.since": "{at}からフォロー",
  "follow.page.sectionOf": "{section}（{consultation}）",
  "follow.account": "<link>フォロー中</link>：お知らせを受け取る意見募集・節・組織への依頼の一覧です。",
};
