import type { AppLoadContext } from "@remix-run/node";
import { localeCookie, type Locale } from "../../common/i18n/locales.js";
import { setUserLocale } from "../../db/queries/user.js";
import { LocaleChoiceSchema } from "../../server/domain/schemas.js";

/** The language switcher's form, checked: the chosen language and where to go back to, or null. */
export function parseLanguageChoice(form: FormData): { locale: Locale; redirectTo?: string } | null {
  const parsed = LocaleChoiceSchema.safeParse({ locale: form.get("locale") ?? undefined, redirectTo: form.get("redirectTo") ?? undefined });
  return parsed.success ? parsed.data : null;
}

/** Remembers the choice on the account (when signed in) and returns the cookie that remembers it in this browser. */
export async function rememberLanguage(context: AppLoadContext, locale: Locale): Promise<string> {
  const { services, auth } = context.margin;
  if (auth) await setUserLocale(services.db.kysely, auth.user.id, locale);
  return localeCookie(locale);
}
