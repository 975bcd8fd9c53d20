import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { FormattedMessage, metaTranslator, useT, type MessageId } from "../i18n/index.js";

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches).t("accountFlow.privacy.meta.title") }];

/** The notice people accept at sign-up: what is kept, who sees it, for how long, and how to delete it. */
const PARTS: { title: MessageId; items: MessageId[] }[] = [
  {
    title: "accountFlow.privacy.stores.title",
    items: ["accountFlow.privacy.stores.account", "accountFlow.privacy.stores.submissions", "accountFlow.privacy.stores.technical", "accountFlow.privacy.stores.mail"],
  },
  {
    title: "accountFlow.privacy.sees.title",
    items: ["accountFlow.privacy.sees.public", "accountFlow.privacy.sees.team", "accountFlow.privacy.sees.confidential", "accountFlow.privacy.sees.address"],
  },
  {
    title: "accountFlow.privacy.keeps.title",
    items: ["accountFlow.privacy.keeps.account", "accountFlow.privacy.keeps.sessions", "accountFlow.privacy.keeps.record"],
  },
  {
    title: "accountFlow.privacy.delete.title",
    items: ["accountFlow.privacy.delete.how", "accountFlow.privacy.delete.what"],
  },
];

export default function Privacy() {
  const { t } = useT();
  const account = (chunks: ReactNode[]) => <Link to="/account">{chunks}</Link>;
  return (
    <article className="prose">
      <h1>{t("accountFlow.privacy.title")}</h1>
      <p className="lead">{t("accountFlow.privacy.lead")}</p>
      {PARTS.map((part) => (
        <section key={part.title}>
          <h2>{t(part.title)}</h2>
          <ul>
            {part.items.map((id) => (
              <li key={id}>
                <FormattedMessage id={id} values={{ account }} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </article>
  );
}
