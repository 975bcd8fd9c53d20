/**
 * The account's e-mail links (server/domain/account-lifecycle.ts, account-schemas.ts, the
 * sign-up, confirmation, reset, change-of-address and deletion pages) in Japanese.
 */
export const ACCOUNT_LINKS_JA: Record<string, string> = {
  "This link does not work any more: it may have expired or been used already. Ask for a new one.":
    "このリンクはもう使えません。期限が切れたか、すでに使われた可能性があります。新しいリンクを求めてください。",
  "That is already your address.": "それはすでにあなたのアドレスです。",
  "Former participant": "元参加者",
  "Tick the box to accept the privacy notice; without it we cannot keep an account for you.":
    "プライバシーに関するお知らせに同意する場合は、チェックを入れてください。同意がないとアカウントを作成できません。",
  "Tick the box to confirm that you want to delete your account.": "アカウントを削除する場合は、確認のチェックを入れてください。",
  "Choose how your submissions are shown after you leave.": "退会後の投稿の表示方法を選んでください。",
  "Your address is confirmed: you can now comment and take part.": "メールアドレスを確認しました。コメントなどの投稿ができるようになりました。",
  "That is not this account's password.": "このアカウントのパスワードが正しくありません。",
  "Enter your password.": "パスワードを入力してください。",
  "Your new address is confirmed and now used for your account.": "新しいメールアドレスを確認し、アカウントのアドレスを変更しました。",
  "Your new address is confirmed. Sign in with it from now on.": "新しいメールアドレスを確認しました。今後はこのアドレスでログインしてください。",
  "Your password is changed. You are signed in here; everywhere else you are signed out and your API tokens are revoked.":
    "パスワードを変更しました。このブラウザーではログインした状態です。ほかの端末ではすべてログアウトし、API トークンは無効になりました。",
  "Your address is already confirmed.": "メールアドレスはすでに確認済みです。",
  "Your account is deleted. What you submitted stays in the public record, shown as you chose.":
    "アカウントを削除しました。投稿した内容は、選んだ表示方法で公開記録に残ります。",
  // The rate limiters' "Too many {what}" (server/index.ts).
  "mails to this address": "このアドレスへのメール",
  "account mails asked for from your network": "お使いのネットワークからのアカウント関連メールの要求",
};

export const ACCOUNT_LINKS_PATTERNS_JA: Record<string, string> = {
  "Confirm your address {email} before submitting: open the link we sent there, or get a new one with “Send the link again” at the top of the page. What you wrote is kept.":
    "投稿する前に、メールアドレス {email} を確認してください。そのアドレスにお送りしたリンクを開くか、ページ上部の「リンクをもう一度送る」で新しいリンクを受け取ってください。入力した内容は保たれています。",
  "We sent a new link to {email}. It replaces the earlier ones.": "{email} に新しいリンクを送りました。以前のリンクは使えなくなります。",
  "To finish, open the link we sent to {email}. Until then your address stays {current}.":
    "変更を完了するには、{email} にお送りしたリンクを開いてください。それまでは、アドレスは {current} のままです。",
};
