import type { publication as en } from "../en/publication.js";

/** 作業コピーの公開（ADR 026）：透明性ページの台帳エントリーの種類。 */
export const publication: Record<keyof typeof en, string> = {
  "transparency.kind.publication": "作業コピーの公開（公開した人と位置）",
  "working.closed.unsaved":
    "入力中に作業コピーが閉じられました（チームがライブ起草に戻したか、意見募集が確定しました）。最後の編集は保存されていません。必要であれば、ここでもう一度入力してください。",
};
