/** The mail queue's messages (server/mail, server/db/queries/mail.ts). */
export const MAIL_JA: Record<string, string> = {
  "That mail was already handled.": "そのメールはすでに処理されています。",
  "The server stopped while handing this mail to the SMTP server; it may have been delivered.": "SMTP サーバーへの受け渡し中にサーバーが停止しました。配信済みの可能性があります。",
  "the server refused the recipient": "サーバーが宛先を拒否しました",
};

export const MAIL_PATTERNS_JA: Record<string, string> = {
  "could not build the message: {0}": "メッセージを組み立てられませんでした：{0}",
};
