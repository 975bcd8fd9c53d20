import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { NAME_MAX, RECIPIENT_BODY_DESCRIPTION_MAX } from "../../../common/limits.js";
import { ErrorSummary, SelectField, TextArea, TextField } from "../../components/form.js";
import { FormattedMessage, metaTranslator, useT } from "../../i18n/index.js";
import { runIntent } from "../../utils/intents.server.js";
import { readForm } from "../../utils/request.server.js";
import { BODY_INTENTS, bodiesPage, requireBodyKeeper } from "./data.server.js";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches).t("orgs.bodies.meta")} · Margin` }];

export async function loader({ context }: LoaderFunctionArgs) {
  await requireBodyKeeper(context);
  return bodiesPage(context);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor } = await requireBodyKeeper(context);
  const form = await readForm(request);
  return runIntent(BODY_INTENTS, { services: context.margin.services, actor }, form);
}

type Errors = Record<string, string[]> | undefined;

export default function RecipientBodies() {
  const { bodies } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const errors = failed?.fieldErrors as Errors;
  const values = (failed?.values ?? {}) as Record<string, string>;
  const mine = (intent: string) => (values.intent === intent ? { errors, values } : { errors: undefined, values: {} as Record<string, string> });
  const { t } = useT();
  return (
    <>
      <div className="page-head">
        <h1>{t("orgs.bodies.title")}</h1>
        <p className="lead">
          <FormattedMessage id="orgs.bodies.lead" values={{ link: (c) => <Link to="/recipient-bodies">{c}</Link> }} />
        </p>
      </div>
      <ErrorSummary formError={failed?.formError} fieldErrors={errors} />
      <section className="card" aria-labelledby="list-title">
        <h2 id="list-title">{t("orgs.bodies.list")}</h2>
        {bodies.length === 0 ? <p>{t("orgs.bodies.none")}</p> : null}
        {bodies.map((b) => (
          <div key={b.slug} style={{ marginBottom: "1rem" }}>
            <h3 style={{ marginBottom: "0.2rem" }}>{b.name}</h3>
            <p className="muted">
              {b.slug} · {b.description}
            </p>
            {b.members.length === 0 ? (
              <p>{t("orgs.bodies.noMembers")}</p>
            ) : (
              <ul className="plain-list">
                {b.members.map((m) => (
                  <li key={m.userId}>
                    {m.name}{" "}
                    <Form method="post" style={{ display: "inline" }}>
                      <input type="hidden" name="intent" value="remove-member" />
                      <input type="hidden" name="body" value={b.slug} />
                      <input type="hidden" name="userId" value={m.userId} />
                      <button type="submit" className="button button--danger button--small">
                        {t("orgs.remove")}
                        <span className="visually-hidden">{t("orgs.removeWho", { name: m.name, org: b.name })}</span>
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </section>
      <section className="card" aria-labelledby="create-title">
        <h2 id="create-title">{t("orgs.bodies.create")}</h2>
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="intent" value="create" />
          <TextField name="name" label={t("orgs.bodies.name")} maxLength={NAME_MAX} hint={t("orgs.bodies.nameHint")} defaultValue={mine("create").values.name} errors={mine("create").errors} />
          <TextField name="slug" label={t("orgs.bodies.slug")} hint={t("orgs.bodies.slugHint")} defaultValue={mine("create").values.slug} errors={mine("create").errors} />
          <TextArea
            name="description"
            label={t("orgs.bodies.description")}
            hint={t("orgs.bodies.descriptionHint")}
            maxLength={RECIPIENT_BODY_DESCRIPTION_MAX}
            defaultValue={mine("create").values.description}
            errors={mine("create").errors}
            rows={3}
          />
          <button type="submit" className="button">
            {t("orgs.bodies.createSubmit")}
          </button>
        </Form>
      </section>
      {bodies.length > 0 ? (
        <section className="card" aria-labelledby="member-title">
          <h2 id="member-title">{t("orgs.bodies.addMember")}</h2>
          <Form method="post" className="form" noValidate>
            <input type="hidden" name="intent" value="add-member" />
            <SelectField name="body" label={t("orgs.bodies.body")} options={bodies.map((b) => ({ value: b.slug, label: b.name }))} defaultValue={mine("add-member").values.body} errors={mine("add-member").errors} />
            <TextField
              name="email"
              label={t("orgs.bodies.email")}
              type="email"
              hint={t("orgs.bodies.emailHint")}
              defaultValue={mine("add-member").values.email}
              errors={mine("add-member").errors}
            />
            <button type="submit" className="button">
              {t("orgs.bodies.addSubmit")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
