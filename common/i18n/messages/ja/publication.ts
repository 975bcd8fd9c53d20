import type { publication as en } from "../en/publication.js";

/** 作業コピーの公開（ADR 026）：透明性ページの台帳エントリーの種類。 */
export const publication: Record<keyof typeof en, string> = {
  "transparency.kind.publication": "作業コピーの公開（公開した人と位置）",
};
