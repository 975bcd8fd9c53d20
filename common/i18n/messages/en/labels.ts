/**
 * Enum values as the interface names them. The English is common/labels.ts's,
 * which exports, feeds and CSV files keep using (they stay English); here each
 * value gets a catalog key, `label.<kind>.<value>`, so pages can show it in the
 * reader's language.
 */
import {
  DISCLOSURE_LABEL,
  DISCLOSURE_READERS,
  DISPOSITION_LABEL,
  ORGANISATION_KIND_LABEL,
  PHASE_CHANGE_LABEL,
  PHASE_LABEL,
  QUESTION_KIND_LABEL,
  REASON_LABEL,
  STAKEHOLDER_LABEL,
  STANCE_LABEL,
} from "../../../labels.js";

/** Each kind of label and its English table. */
export const LABEL_TABLES = {
  stance: STANCE_LABEL,
  group: STAKEHOLDER_LABEL,
  reason: REASON_LABEL,
  phase: PHASE_LABEL,
  phaseChange: PHASE_CHANGE_LABEL,
  disposition: DISPOSITION_LABEL,
  orgKind: ORGANISATION_KIND_LABEL,
  disclosure: DISCLOSURE_LABEL,
  disclosureReaders: DISCLOSURE_READERS,
  questionKind: QUESTION_KIND_LABEL,
} as const;

type Tables = typeof LABEL_TABLES;
type Keys<K extends keyof Tables> = `label.${K}.${keyof Tables[K] & string}`;
type LabelId = { [K in keyof Tables]: Keys<K> }[keyof Tables];

export const labels = Object.fromEntries(
  Object.entries(LABEL_TABLES).flatMap(([kind, table]) => Object.entries(table).map(([value, text]) => [`label.${kind}.${value}`, text])),
) as Record<LabelId, string>;
