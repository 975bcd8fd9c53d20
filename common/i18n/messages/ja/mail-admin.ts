import type { mailAdmin as en } from "../en/mail-admin.js";

export const mailAdmin: Record<keyof typeof en, string> = {
  "mailAdmin.meta": "メールの送信キュー",
  "mailAdmin.title": "メールの送信キュー",
  "mailAdmin.lead": "メールは、それを生んだ操作と同時にキューに入り、リクエストとは別に {transport} へ送られます。送信に失敗し続けたメールは配信不能としてここに残ります。サーバーが受け渡しの途中で止まったメールは、再送すると二重に届くおそれがあるため「不確定」になります。",
  "mailAdmin.counts": "状態ごとの件数",
  "mailAdmin.state": "{status, select, queued {送信待ち・再試行待ち} claimed {取り出し中} sending {送信中} sent {送信済み} dead {配信不能} uncertain {不確定} other {{status}}}",
  "mailAdmin.none": "キューに入ったメールはまだありません。",
  "mailAdmin.troubled": "判断が必要なメール",
  "mailAdmin.troubledNone": "判断が必要なメールはありません。すべて送信済みか、再試行中です。",
  "mailAdmin.col.to": "宛先",
  "mailAdmin.col.kind": "種類",
  "mailAdmin.col.state": "状態",
  "mailAdmin.col.attempts": "試行回数",
  "mailAdmin.col.error": "最後のエラー",
  "mailAdmin.col.queued": "キュー投入",
  "mailAdmin.col.actions": "判断",
  "mailAdmin.retry": "再送する",
  "mailAdmin.drop": "送信をあきらめる",
  "mailAdmin.retried": "メールを再び送信待ちにしました。",
  "mailAdmin.dropped": "メールの送信をあきらめました。",
};
