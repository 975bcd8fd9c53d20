import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, SelectField, TextArea, TextField } from "../../components/form.js";
import { OrganisationBadge } from "../../components/organisation-badge.js";
import { ORGANISATION_KINDS } from "../../../common/enums.js";
import { kindLabel } from "../../components/requests/labels.js";
import { metaTranslator, useT, type Translator } from "../../i18n/index.js";
import { runIntent } from "../../utils/intents.server.js";
import { readForm } from "../../utils/request.server.js";
import { organisationsPage, requireSiteAdmin, type OrganisationsData } from "./data.server.js";
import { ORGANISATION_INTENTS } from "./intents.server.js";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches).t("orgs.meta")} · Margin` }];

export async function loader(args: LoaderFunctionArgs) {
  return organisationsPage(args);
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireSiteAdmin(args);
  const form = await readForm(args.request);
  return runIntent(ORGANISATION_INTENTS, { services: args.context.margin.services, actor }, form);
}

const kindOptions = (t: Translator["t"]) => ORGANISATION_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }));

type Errors = Record<string, string[]> | undefined;
type Org = OrganisationsData["organisations"][number];

export default function Organisations() {
  const { organisations } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const errors = failed?.fieldErrors as Errors;
  const values = (failed?.values ?? {}) as Record<string, string>;
  const mine = (intent: string) => (values.intent === intent ? { errors, values } : { errors: undefined, values: {} as Record<string, string> });
  const { t } = useT();
  return (
    <>
      <div className="page-head">
        <h1>{t("orgs.title")}</h1>
        <p className="muted">{t("orgs.lead")}</p>
      </div>
      <ErrorSummary formError={failed?.formError} fieldErrors={errors} />
      <OrganisationList organisations={organisations} />
      <AddCard {...mine("add")} />
      {organisations.length > 0 ? <VerifyCard organisations={organisations} {...mine("verify")} /> : null}
      {organisations.length > 0 ? <MemberCard organisations={organisations} {...mine("add-member")} /> : null}
    </>
  );
}

function OrganisationList({ organisations }: { organisations: Org[] }) {
  const { t, dateTime } = useT();
  return (
    <section className="card" aria-labelledby="list-title">
      <h2 id="list-title">{t("orgs.list")}</h2>
      {organisations.length === 0 ? (
        <p>{t("orgs.list.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("orgs.col.organisation")}</th>
                <th scope="col">{t("orgs.col.verification")}</th>
                <th scope="col">{t("orgs.col.members")}</th>
              </tr>
            </thead>
            <tbody>
              {organisations.map((o) => (
                <tr key={o.slug}>
                  <td>
                    <strong>{o.name}</strong>
                    <br />
                    <span className="muted">
                      {kindLabel(t, o.kind)} · {o.slug}
                      {o.emailDomain ? ` · @${o.emailDomain}` : ""}
                    </span>
                    <br />
                    <Link to={`/organisations/${o.slug}/invitations`}>
                      {t("invitations.orgPage.link")}
                      <span className="visually-hidden"> {o.name}</span>
                    </Link>
                  </td>
                  <td>
                    {o.verifiedAt ? (
                      <>
                        <OrganisationBadge badge={{ label: t(o.kind === "government" ? "orgs.badge.government" : "orgs.badge.other") }} />
                        <br />
                        <span className="muted">{t("orgs.evidence", { at: dateTime(o.verifiedAt), evidence: o.evidence ?? "" })}</span>
                      </>
                    ) : (
                      t("orgs.notVerified")
                    )}
                  </td>
                  <td>
                    {o.members.length === 0 ? (
                      t("orgs.membersNone")
                    ) : (
                      <ul className="plain-list">
                        {o.members.map((m) => (
                          <li key={m.userId}>
                            {m.name} ({t(m.role === "representative" ? "orgs.role.representative" : "orgs.role.member")}) <span className="muted">{m.email}</span>{" "}
                            <Form method="post" style={{ display: "inline" }}>
                              <input type="hidden" name="intent" value="remove-member" />
                              <input type="hidden" name="slug" value={o.slug} />
                              <input type="hidden" name="userId" value={m.userId} />
                              <button type="submit" className="button button--danger button--small">
                                {t("orgs.remove")}
                                <span className="visually-hidden">{t("orgs.removeWho", { name: m.name, org: o.name })}</span>
                              </button>
                            </Form>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function AddCard({ errors, values }: { errors: Errors; values: Record<string, string> }) {
  const { t } = useT();
  return (
    <section className="card" aria-labelledby="add-title">
      <h2 id="add-title">{t("orgs.add.title")}</h2>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="add" />
        <TextField name="name" label={t("orgs.add.name")} defaultValue={values.name} errors={errors} autoComplete="organization" />
        <SelectField name="kind" label={t("orgs.add.kind")} options={kindOptions(t)} defaultValue={values.kind ?? "company"} errors={errors} />
        <TextField name="slug" label={t("orgs.add.slug")} hint={t("orgs.add.slugHint")} defaultValue={values.slug} errors={errors} />
        <TextField name="emailDomain" label={t("orgs.add.domain")} hint={t("orgs.add.domainHint")} defaultValue={values.emailDomain} errors={errors} />
        <button type="submit" className="button">
          {t("orgs.add.submit")}
        </button>
      </Form>
    </section>
  );
}

function orgOptions(t: Translator["t"], organisations: Org[]) {
  return organisations.map((o) => ({ value: o.slug, label: o.verifiedAt ? t("orgs.verifiedOption", { name: o.name }) : o.name }));
}

function VerifyCard({ organisations, errors, values }: { organisations: Org[]; errors: Errors; values: Record<string, string> }) {
  const { t } = useT();
  return (
    <section className="card" aria-labelledby="verify-title">
      <h2 id="verify-title">{t("orgs.verify.title")}</h2>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="verify" />
        <SelectField name="verifySlug" label={t("orgs.verify.org")} options={orgOptions(t, organisations)} defaultValue={values.verifySlug} errors={errors} />
        <TextArea
          name="evidence"
          label={t("orgs.verify.evidence")}
          hint={t("orgs.verify.evidenceHint")}
          defaultValue={values.evidence}
          errors={errors}
          rows={3}
        />
        <button type="submit" className="button">
          {t("orgs.verify.submit")}
        </button>
      </Form>
    </section>
  );
}

function MemberCard({ organisations, errors, values }: { organisations: Org[]; errors: Errors; values: Record<string, string> }) {
  const { t } = useT();
  return (
    <section className="card" aria-labelledby="member-title">
      <h2 id="member-title">{t("orgs.member.title")}</h2>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="add-member" />
        <SelectField name="memberSlug" label={t("orgs.member.org")} options={orgOptions(t, organisations)} defaultValue={values.memberSlug} errors={errors} />
        <TextField name="memberEmail" label={t("orgs.member.email")} type="email" hint={t("orgs.member.emailHint")} defaultValue={values.memberEmail} errors={errors} />
        <SelectField
          name="memberRole"
          label={t("orgs.member.role")}
          options={[
            { value: "member", label: t("orgs.member.roleMember") },
            { value: "representative", label: t("orgs.member.roleRep") },
          ]}
          defaultValue={values.memberRole}
          errors={errors}
        />
        <button type="submit" className="button">
          {t("orgs.member.submit")}
        </button>
      </Form>
    </section>
  );
}
