import type { forms as en } from "../en/forms.js";

export const forms: Record<keyof typeof en, string> = {
  "forms.errorPrefix": "エラー：",
  "forms.summary.title": "次の項目を修正してください",
  "forms.import.file": "Markdown（.md）または Word（.docx）ファイル",
  "forms.import.hint": "最上位の見出しごとに一つの節になります。表題（Word の「表題」スタイル、または先頭の # 見出し一つ）が意見募集の件名になります。",
  "forms.import.submit": "取り込む",
};
