import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, SelectField, TextArea, TextField } from "../../components/form.js";
import { OrganisationBadge } from "../../components/organisation-badge.js";
import { formatDateTime } from "../../utils/format.js";
import { runIntent } from "../../utils/intents.server.js";
import { readForm } from "../../utils/request.server.js";
import { organisationsPage, requireSiteAdmin, type OrganisationsData } from "./data.server.js";
import { ORGANISATION_INTENTS } from "./intents.server.js";

export const meta: MetaFunction = () => [{ title: "Organisations · Margin" }];

export async function loader(args: LoaderFunctionArgs) {
  return organisationsPage(args);
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireSiteAdmin(args);
  const form = await readForm(args.request);
  return runIntent(ORGANISATION_INTENTS, { services: args.context.margin.services, actor }, form);
}

const KIND_OPTIONS = [
  { value: "government", label: "Government body" },
  { value: "company", label: "Company" },
  { value: "startup", label: "Startup" },
  { value: "academia", label: "Academia" },
  { value: "civil_society", label: "Civil society" },
  { value: "other", label: "Other" },
];
const KIND_LABEL = Object.fromEntries(KIND_OPTIONS.map((o) => [o.value, o.label]));

type Errors = Record<string, string[]> | undefined;
type Org = OrganisationsData["organisations"][number];

export default function Organisations() {
  const { organisations } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const errors = failed?.fieldErrors as Errors;
  const values = (failed?.values ?? {}) as Record<string, string>;
  const mine = (intent: string) => (values.intent === intent ? { errors, values } : { errors: undefined, values: {} as Record<string, string> });
  return (
    <>
      <div className="page-head">
        <h1>Organisations</h1>
        <p className="muted">
          Register the organisations that take part, and verify them once you have checked who they are. The comments of a verified organisation's people carry a
          badge; an organisation someone merely types into their profile never does. Every change here is published in the public record.
        </p>
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
  return (
    <section className="card" aria-labelledby="list-title">
      <h2 id="list-title">Registered organisations</h2>
      {organisations.length === 0 ? (
        <p>None yet. Add the first one below.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Verification</th>
                <th scope="col">Members</th>
              </tr>
            </thead>
            <tbody>
              {organisations.map((o) => (
                <tr key={o.slug}>
                  <td>
                    <strong>{o.name}</strong>
                    <br />
                    <span className="muted">
                      {KIND_LABEL[o.kind] ?? o.kind} · {o.slug}
                      {o.emailDomain ? ` · @${o.emailDomain}` : ""}
                    </span>
                  </td>
                  <td>
                    {o.verifiedAt ? (
                      <>
                        <OrganisationBadge badge={{ label: o.kind === "government" ? "Verified government body" : "Verified organisation" }} />
                        <br />
                        <span className="muted">
                          {formatDateTime(o.verifiedAt)}: {o.evidence}
                        </span>
                      </>
                    ) : (
                      "Not verified"
                    )}
                  </td>
                  <td>
                    {o.members.length === 0 ? (
                      "None"
                    ) : (
                      <ul className="plain-list">
                        {o.members.map((m) => (
                          <li key={m.userId}>
                            {m.name} ({m.role}) <span className="muted">{m.email}</span>{" "}
                            <Form method="post" style={{ display: "inline" }}>
                              <input type="hidden" name="intent" value="remove-member" />
                              <input type="hidden" name="slug" value={o.slug} />
                              <input type="hidden" name="userId" value={m.userId} />
                              <button type="submit" className="button button--danger button--small">
                                Remove<span className="visually-hidden">{` ${m.name} from ${o.name}`}</span>
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
  return (
    <section className="card" aria-labelledby="add-title">
      <h2 id="add-title">Add an organisation</h2>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="add" />
        <TextField name="name" label="Name" defaultValue={values.name} errors={errors} autoComplete="organization" />
        <SelectField name="kind" label="Kind" options={KIND_OPTIONS} defaultValue={values.kind ?? "company"} errors={errors} />
        <TextField name="slug" label="Address (optional)" hint="Lower-case letters, digits and hyphens; made from the name when empty." defaultValue={values.slug} errors={errors} />
        <TextField name="emailDomain" label="Email domain (optional)" hint="The domain its people's email addresses use, such as meti.go.jp." defaultValue={values.emailDomain} errors={errors} />
        <button type="submit" className="button">
          Add organisation
        </button>
      </Form>
    </section>
  );
}

function orgOptions(organisations: Org[]) {
  return organisations.map((o) => ({ value: o.slug, label: `${o.name}${o.verifiedAt ? " (verified)" : ""}` }));
}

function VerifyCard({ organisations, errors, values }: { organisations: Org[]; errors: Errors; values: Record<string, string> }) {
  return (
    <section className="card" aria-labelledby="verify-title">
      <h2 id="verify-title">Verify an organisation</h2>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="verify" />
        <SelectField name="verifySlug" label="Organisation" options={orgOptions(organisations)} defaultValue={values.verifySlug} errors={errors} />
        <TextArea
          name="evidence"
          label="Evidence"
          hint="How you checked who they are, e.g. “member email domain meti.go.jp checked”. It is published in the public record: write no personal data."
          defaultValue={values.evidence}
          errors={errors}
          rows={3}
        />
        <button type="submit" className="button">
          Verify
        </button>
      </Form>
    </section>
  );
}

function MemberCard({ organisations, errors, values }: { organisations: Org[]; errors: Errors; values: Record<string, string> }) {
  return (
    <section className="card" aria-labelledby="member-title">
      <h2 id="member-title">Add a member</h2>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="add-member" />
        <SelectField name="memberSlug" label="Organisation" options={orgOptions(organisations)} defaultValue={values.memberSlug} errors={errors} />
        <TextField name="memberEmail" label="Email of their Margin account" type="email" hint="They need an account already. A person belongs to one organisation at most." defaultValue={values.memberEmail} errors={errors} />
        <SelectField
          name="memberRole"
          label="Role"
          options={[
            { value: "member", label: "Member — belongs to the organisation" },
            { value: "representative", label: "Representative — speaks for it; named in the public record" },
          ]}
          defaultValue={values.memberRole}
          errors={errors}
        />
        <button type="submit" className="button">
          Add member
        </button>
      </Form>
    </section>
  );
}
