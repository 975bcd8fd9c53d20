import type { mail as en } from "../en/mail.js";

export const mail: Record<keyof typeof en, string> = {
  "mail.greeting": "{name} 様",
  "mail.greetingAnonymous": "こんにちは。",
  "mail.linkFallback": "ボタンが使えない場合は、次のアドレスをブラウザーに貼り付けてください。",
  "mail.footer.why": "このメールは、{site} のアカウントに基づいてお送りしています。",
  "mail.footer.manage": "受け取るメールの設定：{url}",
  "mail.footer.unsubscribe": "この種類のメールをワンクリックで停止：{url}",
  "mail.footer.unsubscribeLink": "配信停止",
  "mail.footer.manageLink": "通知の設定",
  "mail.footer.noReply": "このアドレスへの返信は意見募集の担当者に届きません。ご意見は意見募集のページからお寄せください。",
};
