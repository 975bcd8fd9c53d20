import { labelIn } from "../../common/i18n/labels.js";
import type { Translator } from "../../common/i18n/intl.js";
import type { DemoAccount } from "../domain/demo-seed.js";

/** The demo accounts, one a line with what each is for, English demo first; emails padded so the roles line up. */
export function demoAccountLines(tr: Translator, accounts: readonly DemoAccount[]): string[] {
  const width = Math.max(0, ...accounts.map((a) => a.email.length));
  const line = (a: DemoAccount) =>
    tr.t("firstRun.line", { email: a.email.padEnd(width), role: tr.t(`firstRun.role.${a.role}`, { group: labelIn(tr, "group", a.group) }) });
  const en = accounts.filter((a) => a.demo === "en");
  const ja = accounts.filter((a) => a.demo === "ja");
  return [
    ...(en.length > 0 ? [tr.t("firstRun.accounts"), ...en.map(line)] : []),
    ...(ja.length > 0 ? [tr.t("firstRun.accountsJa"), ...ja.map(line)] : []),
  ];
}
