/** Invitations by mail to a team or an organisation (server/domain/invitations/). */
export const INVITATIONS_JA: Record<string, string> = {
  "This invitation link cannot be used: it has been used or withdrawn, it has expired, or it is incomplete. Ask whoever invited you to send a new one.":
    "この招待のリンクは使えません。すでに使われたか取り消された、有効期限が切れた、または不完全です。招待した方に、新しい招待を送ってもらってください。",
  "An account with this email already exists. Sign in to accept the invitation.": "このメールアドレスのアカウントはすでに登録されています。ログインしてから招待を受けてください。",
  "You already belong to another organisation. Ask a site admin to remove you there first, then open this link again.":
    "すでに別の組織に所属しています。サイト管理者にその組織から外してもらってから、もう一度このリンクを開いてください。",
  "This invitation is for another address. Sign in with the invited address to accept it, or sign out and create an account for it.":
    "この招待は別のアドレス宛てです。招待されたアドレスのアカウントでログインして受けるか、ログアウトしてそのアドレスでアカウントを作ってください。",
  "That invitation": "その招待",
  "That organisation": "その組織",
  "Choose the language of the mail.": "メールの言語を選んでください。",
  "Choose owner, drafter or moderator.": "オーナー、起草担当、モデレーターのいずれかを選んでください。",
  "Please read the privacy notice and tick the box to agree.": "プライバシーに関するお知らせを読み、同意のチェックボックスにチェックを入れてください。",
  // The rate limiters' "Too many {what}" (server/index.ts).
  "invitations from your account": "お使いのアカウントからの招待",
  "invitations to this address": "このアドレスへの招待",
};
