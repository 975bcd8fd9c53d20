import type { workingCopy as en } from "../en/working-copy.js";

/** 作業コピーでの起草（チームだけが見るコピー、公開操作で公開）：節ページのバー、設定のカード、意見募集ページの表示。 */
export const workingCopy: Record<keyof typeof en, string> = {
  "working.status.live": "作業コピー — 入力は自動で保存され、チームだけが見られます",
  "working.bar.title": "作業コピー — 公開するまで一般には表示されません",
  "working.bar.lead": "起草チームだけが見るコピーを共同で編集しています。公開するまで、閲覧者には公開中の本文が表示されます。",
  "working.bar.unpublished": "この節には未公開の変更があります。",
  "working.bar.clean": "この節の変更はすべて公開済みです。",
  "working.bar.others": "ほかに{n}節に未公開の変更があります。",
  "working.bar.publish": "変更を公開する",
  "working.bar.publishAll": "すべての節を公開する",
  "working.bar.published": "{n, plural, =0 {公開待ちの変更はありませんでした。} other {{n}件の変更を公開しました。}}",
  "working.settings.title": "起草の方法",
  "working.settings.lead": "ライブ起草では、チームの入力がそのまま公開されます。作業コピーでは、チームが非公開で共同編集し、準備ができた時点で変更を公開します。公開した変更は履歴に作成者ごとに残ります。",
  "working.settings.mode": "チームの起草方法",
  "working.settings.live": "ライブ：入力と同時に閲覧者に表示",
  "working.settings.working": "作業コピー：チームが公開した時点で表示",
  "working.settings.save": "起草方法を保存",
  "working.settings.unpublished": "{n}節の作業コピーに未公開の変更があります。",
  "working.settings.flash.saved": "起草方法を保存しました。開いている編集画面は新しい設定で再接続します。",
  "working.settings.flash.unchanged": "起草方法はすでにその設定です。",
  "working.mode.live": "ライブ起草：本文の変更は、チームの入力と同時に公開されます。",
  "working.mode.working": "作業コピーで起草：本文の変更は、チームが公開した時点で公開されます。",
};
