/**
 * One FormatJS `intl` object per interface language (ADR 020), shared by the
 * server (loaders, actions, the CLI) and the browser (react-intl's provider is
 * given the same object), so both renders produce the same text.
 */
import { createIntl, createIntlCache, type IntlShape } from "@formatjs/intl";
import { type Locale, DEFAULT_LOCALE } from "./locales.js";
import { EN, JA, type MessageId } from "./messages/index.js";
import { phraseIn } from "./phrases.js";

export type { MessageId };
export type MessageValues = Record<string, string | number | null | undefined>;

/** A message by id, with its values: what the server hands the page when the page's language decides the words. */
export interface Msg {
  id: MessageId;
  values?: MessageValues;
}

/** A server message: an English phrase (translated through the phrase table) or a catalog message. */
export type Translatable = string | Msg;

/** The locale tag each interface language formats dates and numbers with. */
const FORMAT_LOCALE: Record<Locale, string> = { en: "en-GB", ja: "ja-JP" };
const CATALOG: Record<Locale, Record<string, string>> = { en: EN, ja: JA };

const cache = createIntlCache();
const intls = new Map<Locale, IntlShape>();

/** The FormatJS configuration of a language; react-intl's provider is built from the same one. */
export function intlConfig(locale: Locale) {
  return {
    locale: FORMAT_LOCALE[locale],
    defaultLocale: FORMAT_LOCALE[DEFAULT_LOCALE],
    messages: CATALOG[locale],
    // A missing message is a compile error (the catalogs are typed); anything
    // else the formatter reports is a bug a test would show, not a log line per render.
    onError: () => undefined,
  };
}

export function intlFor(locale: Locale): IntlShape {
  let intl = intls.get(locale);
  if (!intl) {
    intl = createIntl(intlConfig(locale), cache);
    intls.set(locale, intl);
  }
  return intl;
}

export function isMsg(v: unknown): v is Msg {
  return typeof v === "object" && v !== null && typeof (v as Msg).id === "string" && (v as Msg).id in EN;
}

type Unit = "day" | "hour" | "minute";
/** The coarsest unit that reads naturally: days from two days, hours from two hours. */
function unitOf(ms: number): { unit: Unit; n: number } {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  if (minutes >= 2 * 24 * 60) return { unit: "day", n: Math.floor(minutes / (24 * 60)) };
  if (minutes >= 2 * 60) return { unit: "hour", n: Math.floor(minutes / 60) };
  return { unit: "minute", n: minutes };
}

const DATE_TIME: Intl.DateTimeFormatOptions = {
  year: "numeric",
  month: "long",
  day: "numeric",
  weekday: "short",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZoneName: "short",
};
const DATE: Intl.DateTimeFormatOptions = { year: "numeric", month: "long", day: "numeric" };

/** What pages and the server use to put words and dates on screen in one language. */
export interface Translator {
  locale: Locale;
  intl: IntlShape;
  /** A catalog message. */
  t(id: MessageId, values?: MessageValues): string;
  /** A server message (phrase or catalog message); null and undefined read as "". */
  msg(m: Translatable | null | undefined): string;
  /** "2027年1月16日(土) 23:59 JST" / "Sat 16 January 2027, 23:59 UTC", in `timeZone` (default UTC). */
  dateTime(iso: string | null | undefined, timeZone?: string): string;
  /** "2027年1月16日" / "16 January 2027". */
  date(iso: string | null | undefined, timeZone?: string): string;
  /** "あと45日" / "45 days left" from `nowIso` (passed from the loader so both renders agree). */
  timeLeft(untilIso: string, nowIso: string): string;
  /** "3日前" / "3 days ago". */
  ago(iso: string, nowIso: string): string;
  /** "45日" / "45 days". */
  duration(ms: number): string;
  number(n: number): string;
}

const translators = new Map<Locale, Translator>();

/**
 * Date formatters by language, style and time zone. FormatJS memoises its own, but
 * finds them again by serialising the options on every call, which a page of fifty
 * comment cards pays for a hundred times.
 */
function dateFormatter(locale: Locale, style: "dateTime" | "date", timeZone: string): Intl.DateTimeFormat {
  const key = `${locale} ${style} ${timeZone}`;
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(FORMAT_LOCALE[locale], { ...(style === "dateTime" ? DATE_TIME : DATE), timeZone })));
  return f;
}
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** As FormatJS's formatDate: an invalid date or an unknown zone reads as it would there, not as an exception in a page. */
function formatIn(locale: Locale, style: "dateTime" | "date", iso: string, timeZone: string): string {
  try {
    return dateFormatter(locale, style, timeZone).format(new Date(iso));
  } catch {
    return intlFor(locale).formatDate(new Date(iso), { ...(style === "dateTime" ? DATE_TIME : DATE), timeZone });
  }
}

export function translator(locale: Locale): Translator {
  const cached = translators.get(locale);
  if (cached) return cached;
  const intl = intlFor(locale);
  const t = (id: MessageId, values?: MessageValues) => intl.formatMessage({ id }, values as Record<string, string | number>);
  const tr: Translator = {
    locale,
    intl,
    t,
    msg: (m) => (m == null ? "" : typeof m === "string" ? phraseIn(locale, m) : t(m.id, m.values)),
    dateTime: (iso, timeZone = "UTC") => (iso ? formatIn(locale, "dateTime", iso, timeZone) : t("time.notSet")),
    date: (iso, timeZone = "UTC") => (iso ? formatIn(locale, "date", iso, timeZone) : t("time.notSet")),
    timeLeft: (untilIso, nowIso) => t("time.left", unitOf(Date.parse(untilIso) - Date.parse(nowIso))),
    ago: (iso, nowIso) => t("time.ago", unitOf(Date.parse(nowIso) - Date.parse(iso))),
    duration: (ms) => t("time.duration", unitOf(ms)),
    number: (n) => intl.formatNumber(n),
  };
  translators.set(locale, tr);
  return tr;
}
