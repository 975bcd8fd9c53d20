/**
 * Enum values in the reader's language (catalog keys `label.<kind>.<value>`,
 * messages/<lang>/labels.ts). Exports, feeds and CSV keep common/labels.ts's English.
 */
import type { MessageId, Translator } from "./intl.js";
import { LABEL_TABLES } from "./messages/en/labels.js";

export type LabelKind = keyof typeof LABEL_TABLES;

/** The label of `value` (often typed `string` in loader data); a value the table does not know is shown as it is. */
export function labelIn(tr: Pick<Translator, "t">, kind: LabelKind, value: string): string {
  return Object.hasOwn(LABEL_TABLES[kind], value) ? tr.t(`label.${kind}.${value}` as MessageId) : value;
}
