/**
 * The interface's message catalogs (ICU MessageFormat, ADR 020), one file per
 * area in each language. The Japanese tables are typed by the English ones, so
 * a message missing in either language is a compile error.
 */
import { core as enCore } from "./en/core.js";
import { core as jaCore } from "./ja/core.js";
import { consultation as enConsultation } from "./en/consultation.js";
import { consultation as jaConsultation } from "./ja/consultation.js";
import { section as enSection } from "./en/section.js";
import { section as jaSection } from "./ja/section.js";
import { comments as enComments } from "./en/comments.js";
import { comments as jaComments } from "./ja/comments.js";
import { editor as enEditor } from "./en/editor.js";
import { editor as jaEditor } from "./ja/editor.js";
import { labels as enLabels } from "./en/labels.js";
import { labels as jaLabels } from "./ja/labels.js";

export const EN = {
  ...enCore,
  ...enConsultation,
  ...enSection,
  ...enComments,
  ...enEditor,
  ...enLabels,
};

export type MessageId = keyof typeof EN;

export const JA: Record<MessageId, string> = {
  ...jaCore,
  ...jaConsultation,
  ...jaSection,
  ...jaComments,
  ...jaEditor,
  ...jaLabels,
};
