import type { ReactNode } from "react";
import { SelectField, TextArea, TextField } from "./form.js";
import { FormattedMessage, useT } from "../i18n/index.js";
import { LOCALES, LOCALE_NAME, isLocale, isTimeZone } from "../../common/i18n/locales.js";
import { utcToZoned, zonedToUtc, zoneLabel } from "../../common/i18n/zoned-time.js";
import { SUMMARY_MAX, TITLE_MAX } from "../../common/limits.js";

type Errors = Record<string, string[] | undefined> | undefined;
type Values = Record<string, string | null | undefined>;
/** What the language and zone fields read of a form's values. */
interface ZoneValues {
  contentLanguage?: string | null;
  timeZone?: string | null;
  datesTimeZone?: string | null;
}

/**
 * A value for a datetime-local input in `timeZone`: a stored instant ("…Z") is
 * shown as that zone's wall clock; a value sent back after a failed form
 * (already a wall-clock time) is shown as it was typed.
 */
function toDateTimeLocal(value: string | null | undefined, timeZone: string): string {
  if (!value) return "";
  return /(?:[zZ]|[+-]\d\d:\d\d)$/.test(value) ? utcToZoned(value, timeZone) : value.slice(0, 16);
}

/** The zones offered first; a consultation's own zone is added when it is another (the API takes any IANA zone). */
const TIME_ZONES = [
  "UTC",
  "Asia/Tokyo",
  "Asia/Seoul",
  "Asia/Shanghai",
  "Asia/Singapore",
  "Asia/Kolkata",
  "Australia/Sydney",
  "Pacific/Auckland",
  "Europe/London",
  "Europe/Paris",
  "Europe/Berlin",
  "America/New_York",
  "America/Chicago",
  "America/Los_Angeles",
];

/**
 * The zone the form's dates are shown in, when it is known: the one they were typed in
 * (sent back after a failed form), else the stored one. Null for a new form whose zone is
 * not chosen yet: its dates are read in whatever zone is chosen.
 */
function datesZoneOf(values: ZoneValues): string | null {
  for (const z of [values.datesTimeZone, values.timeZone]) if (isTimeZone(z)) return z;
  return null;
}

/**
 * The content language and time zone (of a consultation or a request), and the hidden
 * field that says which zone the form's dates are shown in, so that changing the zone
 * does not move a date.
 */
export function LanguageAndZoneFields({ values, errors, languageHint }: { values: ZoneValues; errors: Errors; languageHint: string }) {
  const { t, locale } = useT();
  const language = isLocale(values.contentLanguage) ? values.contentLanguage : locale;
  const zone = values.timeZone ?? "";
  const datesZone = datesZoneOf(values);
  const zones = zone && !TIME_ZONES.includes(zone) ? [zone, ...TIME_ZONES] : TIME_ZONES;
  // A new consultation offers "the language's usual zone"; one that has a zone shows it.
  const zoneOptions = [...(zone ? [] : [{ value: "", label: t("fields.timeZone.usual") }]), ...zones.map((z) => ({ value: z, label: z }))];
  return (
    <>
      <SelectField
        name="contentLanguage"
        label={t("fields.contentLanguage")}
        hint={languageHint}
        options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAME[l] }))}
        defaultValue={language}
        errors={errors}
      />
      <SelectField name="timeZone" label={t("fields.timeZone")} hint={t("fields.timeZone.hint")} options={zoneOptions} defaultValue={zone} errors={errors} />
      {datesZone ? <input type="hidden" name="datesTimeZone" value={datesZone} /> : null}
    </>
  );
}

/**
 * How a form names the zone its dates are in: "JST (Asia/Tokyo)", with the abbreviation
 * in force at the first date given (stored or typed; London is GMT or BST), or null
 * while no zone is chosen.
 */
export function useZoneLabel(values: ZoneValues, at: (string | null | undefined)[]): string | null {
  const { intl } = useT();
  const zone = datesZoneOf(values);
  if (!zone) return null;
  const instant = at.map((v) => (v ? zonedToUtc(v, zone) : null)).find((v) => v !== null);
  return zoneLabel(zone, intl.locale, instant ?? null);
}

const strong = (chunks: ReactNode[]) => <strong>{chunks}</strong>;

/** The fields shared by "new consultation" and "settings". */
export function ConsultationFields({ values, errors }: { values: Values; errors: Errors }) {
  const { t, msg } = useT();
  const zone = datesZoneOf(values) ?? "UTC";
  const label = useZoneLabel(values, [values.closesAt, values.opensAt]);
  return (
    <>
      <TextField name="title" label={t("fields.title")} required maxLength={TITLE_MAX} defaultValue={values.title ?? ""} errors={errors} />
      <TextArea name="summary" label={t("fields.summary")} hint={t("fields.summary.hint")} maxLength={SUMMARY_MAX} defaultValue={values.summary ?? ""} errors={errors} />
      <LanguageAndZoneFields values={values} errors={errors} languageHint={t("fields.contentLanguage.hint")} />
      <fieldset>
        <legend>{label ? t("fields.window", { zone: label }) : t("fields.window.chosenZone")}</legend>
        <TextField
          name="opensAt"
          label={t("fields.opens")}
          type="datetime-local"
          hint={t("fields.opens.hint")}
          defaultValue={toDateTimeLocal(values.opensAt, zone)}
          errors={errors}
        />
        <TextField
          name="closesAt"
          label={t("fields.closes")}
          type="datetime-local"
          hint={t("fields.closes.hint")}
          defaultValue={toDateTimeLocal(values.closesAt, zone)}
          errors={errors}
        />
      </fieldset>
      <fieldset aria-describedby={errors?.moderationMode ? "moderationMode-error" : undefined}>
        <legend>{t("fields.moderation")}</legend>
        {errors?.moderationMode ? (
          <p id="moderationMode-error" className="field__error">
            {errors.moderationMode.map((m) => msg(m)).join(" ")}
          </p>
        ) : null}
        <label className="radio">
          <input type="radio" name="moderationMode" value="post" defaultChecked={(values.moderationMode ?? "post") === "post"} />
          <span>
            <FormattedMessage id="fields.moderation.post" values={{ strong }} />
          </span>
        </label>
        <label className="radio">
          <input type="radio" name="moderationMode" value="pre" defaultChecked={values.moderationMode === "pre"} />
          <span>
            <FormattedMessage id="fields.moderation.pre" values={{ strong }} />
          </span>
        </label>
        <label className="radio">
          <input type="checkbox" name="premoderateFirstPosts" defaultChecked={values.premoderateFirstPosts === "on"} />
          <span>{t("fields.moderation.firstPosts")}</span>
        </label>
        <label className="radio">
          <input type="checkbox" name="showModeratorNames" defaultChecked={values.showModeratorNames === "on"} />
          <span>{t("fields.moderation.names")}</span>
        </label>
      </fieldset>
    </>
  );
}
