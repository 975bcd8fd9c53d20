import { labelIn as sharedLabelIn, type LabelKind } from "../../../common/i18n/labels.js";
import { EN, type MessageId } from "../../../common/i18n/messages/index.js";
import { LABEL_TABLES } from "../../../common/i18n/messages/en/labels.js";
import type { Translator } from "../../i18n/index.js";

type Kind = "outcome" | "group" | "reason" | "phaseChange" | "phaseAction" | "role" | "modStatus" | "modAction" | "carry";

/** The kinds the shared label tables (`label.*`) already name; the history pages' own (`labelh.*`) add the rest. */
const SHARED: Partial<Record<Kind, LabelKind>> = { outcome: "disposition", group: "group", reason: "reason", phaseChange: "phaseChange" };

/** An enum value's label in the page's language; a value without a label reads as itself. */
export function labelIn(t: Translator["t"], kind: Kind, value: string | null | undefined): string {
  if (value == null) return "";
  const shared = SHARED[kind];
  if (shared && Object.hasOwn(LABEL_TABLES[shared], value)) return sharedLabelIn({ t }, shared, value);
  const id = `labelh.${kind}.${value}`;
  return Object.hasOwn(EN, id) ? t(id as MessageId) : value;
}
