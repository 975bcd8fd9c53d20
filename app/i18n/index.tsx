/**
 * The interface language in React (ADR 020): the root loader decides the
 * locale; `I18nProvider` gives react-intl the same configuration the server's
 * translator uses, so the server render and hydration agree word for word.
 */
import { IntlProvider } from "react-intl";
import { createContext, useContext, type ReactNode } from "react";
import { intlConfig, translator, type Translator } from "../../common/i18n/intl.js";
import { DEFAULT_LOCALE, type Locale } from "../../common/i18n/locales.js";

export { FormattedMessage } from "react-intl";
export type { Translatable, MessageId, Translator } from "../../common/i18n/intl.js";

const TranslatorContext = createContext<Translator>(translator(DEFAULT_LOCALE));

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const tr = translator(locale);
  return (
    <TranslatorContext.Provider value={tr}>
      <IntlProvider {...intlConfig(locale)}>{children}</IntlProvider>
    </TranslatorContext.Provider>
  );
}

/** Words, dates and numbers in the page's language: `const { t, dateTime } = useT()`. */
export function useT(): Translator {
  return useContext(TranslatorContext);
}

/**
 * A translator for `meta` functions, which run outside React: the root
 * loader's locale, found among the route matches.
 */
export function metaTranslator(matches: readonly { id: string; data?: unknown }[]): Translator {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: Locale } | undefined;
  return translator(root?.locale ?? DEFAULT_LOCALE);
}
