import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConsultationFields } from "../../components/consultation-fields.js";
import { ErrorSummary } from "../../components/form.js";
import { PhaseBadge, WindowSentence } from "../../components/status.js";
import { metaTranslator, useT } from "../../i18n/index.js";
import { runIntent } from "../../utils/intents.server.js";
import { readForm } from "../../utils/request.server.js";
import { loadManaged, settingsPage } from "./data.server.js";
import { SETTINGS_INTENTS } from "./intents.server.js";
import { PhaseCard } from "./phase-card.js";
import { RecipientsCard } from "./recipients-card.js";
import { DraftingCard } from "./drafting-card.js";
import { SectionsCard } from "./sections-card.js";
import { TeamCard } from "./team-card.js";

// A refusal for too many invitations carries its Retry-After.
export { actionOrLoaderHeaders as headers } from "../../utils/request.server.js";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { t } = metaTranslator(matches);
  return [{ title: data ? t("settings.meta", { title: data.consultation.title }) : t("settings.meta.none") }];
};

export async function loader(args: LoaderFunctionArgs) {
  return settingsPage(args);
}

export async function action(args: ActionFunctionArgs) {
  const { user, view } = await loadManaged(args);
  const { services } = args.context.margin;
  const accessChanged = () => services.bus.publish({ type: "consultation.changed", consultationId: view.consultation.id });
  const form = await readForm(args.request);
  return runIntent(SETTINGS_INTENTS, { services, view, user, here: `/c/${view.consultation.slug}/settings`, accessChanged }, form);
}

export default function Settings() {
  const { consultation: c, zone, sections, team, invitations, nextPhases, now, unanswered, readers, closedAt, drafting } = useLoaderData<typeof loader>();
  const { t } = useT();
  const failed = useActionData<typeof action>();
  const errors = failed?.fieldErrors as Record<string, string[]> | undefined;
  const values = (failed?.values ?? {}) as Record<string, string>;
  const intent = values.intent;
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">{t("shell.nav.consultations")}</Link> ›{" "}
        <Link to={`/c/${c.slug}`} lang={zone.contentLanguage}>
          {c.title}
        </Link>{" "}
        › <span aria-current="page">{t("settings.heading")}</span>
      </nav>
      <div className="page-head">
        <h1>{t("settings.heading")}</h1>
        <p>
          <PhaseBadge phase={c.phase} /> <span className="meta"><WindowSentence c={{ ...c, timeZone: zone.timeZone, closedAt }} now={now} /></span>
        </p>
      </div>
      <ErrorSummary formError={failed?.formError} fieldErrors={errors} />
      <PhaseCard slug={c.slug} contentLanguage={zone.contentLanguage} status={c.status} nextPhases={nextPhases} unanswered={unanswered} values={values} errors={errors} />
      <SectionsCard contentLanguage={zone.contentLanguage} sections={sections} isDraft={c.status === "draft"} errors={errors} />
      <TeamCard team={team} invitations={invitations} contentLanguage={zone.contentLanguage} timeZone={zone.timeZone} values={values} errors={errors} />
      <RecipientsCard readers={readers} />
      <DraftingCard drafting={drafting} error={intent === "drafting-mode" ? failed?.formError : null} />
      <section className="card" aria-labelledby="details-title">
        <h2 id="details-title">{t("settings.details")}</h2>
        <Form method="post" className="form form--wide" noValidate>
          <input type="hidden" name="intent" value="settings" />
          <ConsultationFields values={intent === "settings" ? values : c} errors={intent === "settings" ? errors : undefined} />
          <button type="submit" className="button">
            {t("settings.save")}
          </button>
        </Form>
      </section>
    </>
  );
}
