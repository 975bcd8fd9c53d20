import type { ReactNode } from "react";
import { FormattedMessage, useT } from "../i18n/index.js";

/** What an account without the role sees: why, and how to get it. */
export function ConvenersOnly() {
  const { t } = useT();
  return (
    <div className="page-head">
      <h1>{t("create.title")}</h1>
      <p className="lead">{t("create.convenersOnly.lead")}</p>
      <p>
        <FormattedMessage
          id="create.convenersOnly.how"
          values={{ command: "margin user add --email <your email> --role convener", code: (c: ReactNode[]) => <code>{c}</code> }}
        />
      </p>
    </div>
  );
}
