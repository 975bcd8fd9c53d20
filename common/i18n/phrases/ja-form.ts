/** Form checks shared by every form (server/domain/schemas.ts) and the generic errors (server/errors.ts). */
export const FORM_JA: Record<string, string> = {
  "This field was sent more than once.": "この項目が重複して送信されました。",
  "Send this form as a web form.": "このフォームはウェブフォームとして送信してください。",
  "The form could not be read.": "フォームを読み取れませんでした。",
  "You are not allowed to do that.": "この操作は許可されていません。",
  "Please sign in first.": "先にログインしてください。",
  "The request contains characters that cannot be stored (such as a NUL byte).": "保存できない文字（NUL 文字など）が含まれています。",
  "The request is too large.": "リクエストが大きすぎます。",
  "The request could not be read.": "リクエストを読み取れませんでした。",
  "That page": "そのページ",
  "Choose English or Japanese.": "英語または日本語を選んでください。",
  "You are signed out.": "ログアウトしました。",
  "contains control characters": "に制御文字が含まれています",
  "contains invalid characters": "に無効な文字が含まれています",
  "contains text-direction override characters": "に文字方向を上書きする制御文字が含まれています",
  "contains too many combining marks in a row": "に結合文字が連続しすぎています",
};

export const FORM_PATTERNS_JA: Record<string, string> = {
  "{what} does not exist or is not visible to you.": "{what}は存在しないか、閲覧できません。",
  "{label} is required.": "{label}を入力してください。",
  "{label} needs at least {n} characters.": "{label}は{n}文字以上で入力してください。",
  "{label} can be at most {n} characters.": "{label}は{n}文字以内で入力してください。",
  "{label} must be text.": "{label}はテキストで入力してください。",
  "{label} {problem}.": "{label}{problem}。",
};
