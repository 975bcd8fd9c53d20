/**
 * The interface's message catalogs (ICU MessageFormat, ADR 020), one file per
 * area in each language. The Japanese tables are typed by the English ones, so
 * a message missing in either language is a compile error.
 */
import { core as enCore } from "./en/core.js";
import { core as jaCore } from "./ja/core.js";
import { home as enHome } from "./en/home.js";
import { home as jaHome } from "./ja/home.js";
import { auth as enAuth } from "./en/auth.js";
import { auth as jaAuth } from "./ja/auth.js";
import { account as enAccount } from "./en/account.js";
import { account as jaAccount } from "./ja/account.js";
import { forms as enForms } from "./en/forms.js";
import { forms as jaForms } from "./ja/forms.js";
import { create as enCreate } from "./en/create.js";
import { create as jaCreate } from "./ja/create.js";
import { cli as enCli } from "./en/cli.js";
import { cli as jaCli } from "./ja/cli.js";

export const EN = {
  ...enCore,
  ...enHome,
  ...enAuth,
  ...enAccount,
  ...enForms,
  ...enCreate,
  ...enCli,
};

export type MessageId = keyof typeof EN;

export const JA: Record<MessageId, string> = {
  ...jaCore,
  ...jaHome,
  ...jaAuth,
  ...jaAccount,
  ...jaForms,
  ...jaCreate,
  ...jaCli,
};
