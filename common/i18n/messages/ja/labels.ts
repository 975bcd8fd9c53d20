import type { labels as en } from "../en/labels.js";

export const labels: Record<keyof typeof en, string> = {
  "label.stance.support": "賛成",
  "label.stance.support_with_changes": "修正を条件に賛成",
  "label.stance.oppose": "反対",
  "label.stance.neutral": "中立",

  "label.group.government": "行政機関",
  "label.group.industry": "産業界",
  "label.group.startup": "スタートアップ",
  "label.group.academia": "学術・研究機関",
  "label.group.civil_society": "市民社会",
  "label.group.individual": "個人",
  "label.group.other": "その他",

  "label.reason.off_topic": "案件と関係のない内容",
  "label.reason.abusive": "誹謗中傷・不適切な表現",
  "label.reason.spam": "スパム",
  "label.reason.personal_data": "個人情報を含む",
  "label.reason.duplicate": "重複",
  "label.reason.other": "その他",
  "label.reason.reported": "複数の通報により非表示（モデレーターの確認待ち）",

  "label.phase.draft": "作成中",
  "label.phase.upcoming": "募集開始前",
  "label.phase.open": "意見募集中",
  "label.phase.closed": "募集終了",
  "label.phase.final": "確定",

  "label.phaseChange.open": "意見募集を開始",
  "label.phaseChange.closed": "意見募集を終了",
  "label.phaseChange.final": "確定版として公表",

  "label.disposition.adopted": "反映",
  "label.disposition.partly_adopted": "一部反映",
  "label.disposition.not_adopted": "反映せず",
  "label.disposition.noted": "参考として承りました",
  "label.disposition.out_of_scope": "対象外",

  "label.orgKind.government": "行政機関",
  "label.orgKind.company": "企業",
  "label.orgKind.startup": "スタートアップ",
  "label.orgKind.academia": "学術・研究機関",
  "label.orgKind.civil_society": "市民社会団体",
  "label.orgKind.other": "その他",

  "label.disclosure.public_named": "公開（組織名を表示）",
  "label.disclosure.public_unnamed": "公開（組織名を表示しない）",
  "label.disclosure.recipients": "受領者のみ",
  "label.disclosure.aggregate": "統計のみ",

  "label.disclosureReaders.public_named": "締切後、どなたでも貴組織名とともに閲覧できます。",
  "label.disclosureReaders.public_unnamed":
    "締切後、どなたでも閲覧できますが、貴組織を特定できる情報は表示されません。組織名は表示されず、組織の種別は同じ種別の組織が k 以上回答した場合に限って表示され、日付は時刻を除いて表示され、掲載順は無作為です。",
  "label.disclosureReaders.recipients": "この依頼に記載された受領機関の構成員のみが閲覧でき、その閲覧はすべて記録され、貴組織から確認できます。",
  "label.disclosureReaders.aggregate":
    "受領者やサイト管理者を含め、どなたもこの回答そのものは閲覧できません。k 未満の集団を伏せた公表統計に件数として含まれるだけです。",

  "label.questionKind.text": "自由記述",
  "label.questionKind.single": "単一選択",
  "label.questionKind.multiple": "複数選択",
  "label.questionKind.number": "数値",
  "label.questionKind.yes_no": "はい／いいえ",
};
