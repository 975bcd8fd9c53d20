import type { reader as en } from "../en/reader.js";

/** 読者向けの本文表示（エディタなし）：キーボードや選択での箇所の指定。 */
export const reader: Record<keyof typeof en, string> = {
  "reader.block.hint": "Enter キーでこの段落に意見を書けます。Shift と矢印キーで一部を選択し、Tab キーで操作に移れます。",
  "reader.actions.label": "選択箇所への操作",
  "reader.actions.comment": "意見を書く",
  "reader.actions.commentParagraph": "この段落に意見を書く",
  "reader.actions.suggest": "修正を提案する",
  "reader.note.live": "この本文は起草チームが編集中の場合があり、変更はその都度ここに反映されます。",
  "reader.note.working": "起草チームは作業用コピーで編集しています。変更は公開された時点でここに反映されます。",
  "reader.footnotes.title": "脚注",
  "reader.footnote.ref": "脚注 {n}",
  "reader.footnote.back": "脚注 {n} の本文中の位置に戻る",
} as const;
