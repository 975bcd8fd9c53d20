import { EN, type MessageId } from "../../../common/i18n/messages/index.js";
import type { Translator } from "../../i18n/index.js";

type Kind = "outcome" | "group" | "reason" | "phaseChange" | "phaseAction" | "role" | "modStatus" | "modAction" | "carry";

/** An enum value's label in the page's language; a value without a label reads as itself. */
export function labelIn(t: Translator["t"], kind: Kind, value: string | null | undefined): string {
  if (value == null) return "";
  const id = `labelh.${kind}.${value}`;
  return Object.hasOwn(EN, id) ? t(id as MessageId) : value;
}
