/**
 * Accounts, sign-in, API tokens, rate limits (server/domain/accounts.ts, server/auth/*,
 * the account page) and creating or importing a consultation
 * (server/domain/consultations/create.ts, imports.ts, import-parse.ts, docx.ts).
 */
export const ACCOUNTS_JA: Record<string, string> = {
  "An account with this email already exists.": "このメールアドレスのアカウントはすでに登録されています。",
  "That email and password do not match an account, or the account's address is not confirmed yet: open the link we mailed you.":
    "メールアドレスまたはパスワードが正しくないか、アカウントのメールアドレスがまだ確認されていません。お送りしたメールのリンクを開いてください。",
  "That is not your current password.": "現在のパスワードが正しくありません。",
  "Choose a password different from the current one.": "現在のパスワードとは異なるパスワードを設定してください。",
  "Choose English, Japanese or the browser's setting.": "英語、日本語、またはブラウザの設定に従うかを選んでください。",
  "That session no longer exists.": "そのセッションはすでに存在しません。",
  "That session is signed out.": "そのセッションをログアウトしました。",
  "You are signed out on every device, and your API tokens are revoked.": "すべての端末からログアウトし、API トークンを無効にしました。",
  "Your password is changed. Your other sessions are signed out and your API tokens revoked.": "パスワードを変更しました。ほかのセッションはログアウトし、API トークンは無効になりました。",
  "Your name and organisation are saved.": "表示名と所属団体を保存しました。",
  "That token no longer exists.": "そのトークンはすでに存在しません。",
  "The token is revoked; programs using it can no longer sign in.": "トークンを無効にしました。このトークンを使うプログラムはログインできなくなります。",
  // The rate limiters' "Too many {what}" (server/index.ts) and their waits.
  "sign-in attempts from your network": "お使いのネットワークからのログインの試行",
  "sign-in attempts for this account": "このアカウントへのログインの試行",
  "new accounts from your network": "お使いのネットワークからのアカウント登録",
  "posts from your account": "お使いのアカウントからの投稿",
  "witness co-signatures from your network": "お使いのネットワークからの立会人の連署",
  // Creating and importing.
  "Creating consultations needs the convener role, which a site administrator grants (margin user add --email <your email> --role convener).":
    "意見募集の作成には実施担当者の権限が必要です。権限はサイト管理者が付与します（margin user add --email <your email> --role convener）。",
  "That address is already taken.": "そのアドレスはすでに使われています。",
  "control characters": "制御文字",
  "invalid characters": "無効な文字",
  "text-direction override characters": "文字の向きを変える制御文字",
  "too many combining marks in a row": "連続しすぎた結合文字",
  "The title given": "指定した件名",
  "The document's title": "文書の表題",
  "The summary (the text before the first section)": "概要（最初の節より前の文）",
  "The file has no text to import.": "ファイルに取り込める文がありません。",
  "The file has no headings or text to turn into sections.": "ファイルに、節にできる見出しや文がありません。",
  "The file is not UTF-8 text (Shift_JIS or another encoding). Save it as UTF-8 plain-text Markdown, or import the Word document itself.":
    "ファイルが UTF-8 のテキストではありません（Shift_JIS などの別の文字コードです）。UTF-8 のプレーンテキストの Markdown ファイルとして保存するか、Word 文書をそのまま取り込んでください。",
  "The file is UTF-16 text, not UTF-8 text. Save it as UTF-8 plain-text Markdown, or import the Word document itself.":
    "ファイルは UTF-16 のテキストで、UTF-8 のテキストではありません。UTF-8 のプレーンテキストの Markdown ファイルとして保存するか、Word 文書をそのまま取り込んでください。",
  "That is not a Word document (.docx) that could be opened.": "開くことのできる Word 文書（.docx）ではありません。",
  "That file has no Word document inside (is it a .docx?).": "ファイルの中に Word 文書がありません（.docx ファイルですか）。",
  "That Word document has no text to import.": "この Word 文書には取り込める文がありません。",
  "That Word document is damaged: its parts are not the size the file says. Open it in Word, save it again and import the new copy.":
    "この Word 文書は破損しています（各部分の大きさがファイルの記載と一致しません）。Word で開いて保存し直し、新しいファイルを取り込んでください。",
  "Other imports are being read on this server right now. Try again in a minute.": "現在このサーバーでは他の取り込みを処理しています。1分ほどしてからもう一度お試しください。",
  "The file could not be read. Check that it is a Markdown or Word (.docx) file and import it again.":
    "ファイルを読み取れませんでした。Markdown または Word（.docx）ファイルであることを確認して、もう一度取り込んでください。",
};

export const ACCOUNTS_PATTERNS_JA: Record<string, string> = {
  "No account with email {email}.": "{email} のアカウントはありません。",
  "An account can hold at most {n} tokens; revoke one first.": "一つのアカウントで作成できるトークンは{n}個までです。先にいずれかを無効にしてください。",
  "Too many {what}. Please try again in {wait}.": "{what}が多すぎます。{wait}後にもう一度お試しください。",
  "{n} seconds": "{n}秒",
  "{n} minutes": "{n}分",
  "A consultation can have at most {n} sections.": "一つの意見募集に含められる節は{n}個までです。",
  "The title of section {n}": "第{n}節の見出し",
  // An imported title's or summary's text problem (textProblem, which says "contains …"); the
  // second form, whose {problem} carries its "contains", is only reached by phrases.test.ts's "{0} {1}".
  "{what} contains {problem}. Correct it in the file and import it again.": "{what}に{problem}が含まれています。ファイルを修正して、もう一度取り込んでください。",
  "{what} {problem}. Correct it in the file and import it again.": "{what}{problem}。ファイルを修正して、もう一度取り込んでください。",
  "The file nests quotes or lists more than {n} levels deep. Flatten them and import it again.": "ファイルの引用や箇条書きの入れ子が{n}階層を超えています。階層を浅くして、もう一度取り込んでください。",
  "The section “{title}” has {chars} characters of footnotes; a section can hold at most {n}.": "節「{title}」の脚注は合計{chars}文字あります。一つの節に含められる脚注は{n}文字までです。",
  "The file has {count} sections; a consultation can have at most {n}.": "ファイルには{count}個の節があります。一つの意見募集に含められる節は{n}個までです。",
  "That Word document is too large once unpacked: its text part is over {size}. Split it into smaller documents.": "この Word 文書は展開すると大きすぎます（本文が {size} を超えています）。小さな文書に分けてください。",
  "That Word document is too large once unpacked (over {size}). Remove large images or split it.": "この Word 文書は展開すると大きすぎます（{size} 超）。大きな画像を削除するか、文書を分けてください。",
  "That Word document nests its content more than {n} levels deep; it cannot be imported.": "この Word 文書は内容の入れ子が{n}階層を超えているため、取り込めません。",
  "Reading the file took longer than {n} seconds, so it was stopped. Split it into smaller files or simplify it, and import again.": "ファイルの読み取りに{n}秒以上かかったため、中止しました。ファイルを分けるか簡素にして、もう一度取り込んでください。",
  "Reading the file needed more than {n} MiB of memory, so it was stopped. Split it into smaller files and import again.": "ファイルの読み取りに {n} MiB を超えるメモリが必要になったため、中止しました。ファイルを分けて、もう一度取り込んでください。",
};
