/**
 * The interface's message catalogs (ICU MessageFormat, ADR 020), one file per
 * area in each language. The Japanese tables are typed by the English ones, so
 * a message missing in either language is a compile error.
 */
import { core as enCore } from "./en/core.js";
import { core as jaCore } from "./ja/core.js";
import { labelsHistory as enLabelsHistory } from "./en/labels-history.js";
import { labelsHistory as jaLabelsHistory } from "./ja/labels-history.js";
import { history as enHistory } from "./en/history.js";
import { history as jaHistory } from "./ja/history.js";
import { versions as enVersions } from "./en/versions.js";
import { versions as jaVersions } from "./ja/versions.js";
import { report as enReport } from "./en/report.js";
import { report as jaReport } from "./ja/report.js";
import { moderation as enModeration } from "./en/moderation.js";
import { moderation as jaModeration } from "./ja/moderation.js";
import { settings as enSettings } from "./en/settings.js";
import { settings as jaSettings } from "./ja/settings.js";

export const EN = {
  ...enCore,
  ...enLabelsHistory,
  ...enHistory,
  ...enVersions,
  ...enReport,
  ...enModeration,
  ...enSettings,
};

export type MessageId = keyof typeof EN;

export const JA: Record<MessageId, string> = {
  ...jaCore,
  ...jaLabelsHistory,
  ...jaHistory,
  ...jaVersions,
  ...jaReport,
  ...jaModeration,
  ...jaSettings,
};
