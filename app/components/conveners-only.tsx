import { FormattedMessage, useT } from "../i18n/index.js";

/** What an account without the role sees: why, and how to get it. */
export function ConvenersOnly() {
  const { t } = useT();
  return (
    <div className="page-head">
      <h1>{t("convenersOnly.heading")}</h1>
      <p className="lead">{t("convenersOnly.lead")}</p>
      <p>
        <FormattedMessage id="convenersOnly.how" values={{ command: <code>margin user add --email &lt;your email&gt; --role convener</code> }} />
      </p>
    </div>
  );
}
