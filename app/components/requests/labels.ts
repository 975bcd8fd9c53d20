/**
 * How the enums of information requests read in the page's language: organisation kinds,
 * disclosure levels (with who reads each) and question kinds. The catalog keys are typed by
 * the enums, so a value without a message is a compile error. Exports keep the English
 * tables of common/labels.ts.
 */
import { DISCLOSURE_LEVELS, ORGANISATION_KINDS, type DisclosureLevel, type OrganisationKind, type QuestionKind } from "../../../common/enums.js";
import { answerText } from "../../../common/answer-text.js";
import type { Translator } from "../../i18n/index.js";

type T = Translator["t"];

const isKind = (k: string): k is OrganisationKind => (ORGANISATION_KINDS as readonly string[]).includes(k);

/** An organisation kind; a value that is not one (a row read as text) shows as it is. */
export const kindLabel = (t: T, kind: string): string => (isKind(kind) ? t(`request.kind.${kind}`) : kind);

export const levelLabel = (t: T, level: DisclosureLevel): string => t(`request.level.${level}`);

export const questionKindLabel = (t: T, kind: QuestionKind): string => t(`request.qkind.${kind}`);

/** Who reads an answer given at `level`, in plain words; for `recipients`, the bodies' members are named when given. */
export function readersOf(t: T, level: DisclosureLevel, k: number, bodies?: readonly { name: string; members: readonly string[] }[]): string {
  const base = t(`request.readers.${level}`, { k });
  if (level !== "recipients" || !bodies) return base;
  const sep = t("request.list.sep");
  const named = bodies.map((b) => t("request.body.withMembers", { name: b.name, members: b.members.length === 0 ? t("request.body.noMembers") : b.members.join(sep) })).join("; ");
  return `${base} ${t("request.readers.bodies", { bodies: named || t("request.readers.noBodies") })}`;
}

/** Every level, most open first (the order the forms offer them). */
export const LEVELS: readonly DisclosureLevel[] = DISCLOSURE_LEVELS;

/** An answer's value on a page: as common/answer-text.ts writes it for exports, with yes and no in the page's language. */
export function answerShown(t: T, value: string | string[] | number | boolean): string {
  if (typeof value === "boolean") return t(value ? "request.yes" : "request.no");
  return answerText(value);
}
