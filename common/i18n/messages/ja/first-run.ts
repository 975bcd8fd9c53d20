import type { firstRun as en } from "../en/first-run.js";

/** `npm start`（margin serve --demo）と `margin seed` が示すデモ用アカウントと、それぞれの役割。 */
export const firstRun: Record<keyof typeof en, string> = {
  "firstRun.accounts": "デモ用アカウント:",
  "firstRun.accountsJa": "日本語のデモ用アカウント（画面は日本語で表示されます）:",
  "firstRun.line": "  {email}  {role}",
  "firstRun.role.owner": "所有者: 設定・段階・チームの管理、起草と回答も",
  "firstRun.role.drafter": "起草者: 本文の編集、意見への回答",
  "firstRun.role.moderator": "モデレーター: モデレーションの確認待ち一覧",
  "firstRun.role.participant": "参加者（{group}）: 意見・修正案の提出、賛否の表明",
  "firstRun.role.convener": "主催者: 意見募集と情報提供依頼の作成",
  "firstRun.role.reviewer": "受領機関のメンバー: 機関宛ての限定公開の回答を閲覧",
};
