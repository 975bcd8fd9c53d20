import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { NAME_MAX, RECIPIENT_BODY_DESCRIPTION_MAX } from "../../../common/limits.js";
import { ErrorSummary, SelectField, TextArea, TextField } from "../../components/form.js";
import { runIntent } from "../../utils/intents.server.js";
import { readForm } from "../../utils/request.server.js";
import { BODY_INTENTS, bodiesPage, requireBodyKeeper } from "./data.server.js";

export const meta: MetaFunction = () => [{ title: "Recipient bodies · Margin" }];

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
  return (
    <>
      <div className="page-head">
        <h1>Recipient bodies</h1>
        <p className="lead">
          A recipient body is a named group of people who may read the answers an organisation gives at “Recipients only” level. Its membership is public (
          <Link to="/recipient-bodies">see the public list</Link>), so respondents know exactly who will read. Every change here is published in the public record. Adding or removing a member changes who reads for every request that names the body, issued ones included.
        </p>
      </div>
      <ErrorSummary formError={failed?.formError} fieldErrors={errors} />
      <section className="card" aria-labelledby="list-title">
        <h2 id="list-title">Bodies and their members</h2>
        {bodies.length === 0 ? <p>None yet. Create the first one below.</p> : null}
        {bodies.map((b) => (
          <div key={b.slug} style={{ marginBottom: "1rem" }}>
            <h3 style={{ marginBottom: "0.2rem" }}>{b.name}</h3>
            <p className="muted">
              {b.slug} · {b.description}
            </p>
            {b.members.length === 0 ? (
              <p>No members yet.</p>
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
                        Remove<span className="visually-hidden">{` ${m.name} from ${b.name}`}</span>
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
        <h2 id="create-title">Create a recipient body</h2>
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="intent" value="create" />
          <TextField name="name" label="Name" maxLength={NAME_MAX} hint="E.g. “AI Policy Review Panel”." defaultValue={mine("create").values.name} errors={mine("create").errors} />
          <TextField name="slug" label="Address" hint="Lower-case letters, digits and hyphens, e.g. ai-policy-review-panel." defaultValue={mine("create").values.slug} errors={mine("create").errors} />
          <TextArea
            name="description"
            label="Description"
            hint="Who they are and why they read the answers. Public."
            maxLength={RECIPIENT_BODY_DESCRIPTION_MAX}
            defaultValue={mine("create").values.description}
            errors={mine("create").errors}
            rows={3}
          />
          <button type="submit" className="button">
            Create
          </button>
        </Form>
      </section>
      {bodies.length > 0 ? (
        <section className="card" aria-labelledby="member-title">
          <h2 id="member-title">Add a member</h2>
          <Form method="post" className="form" noValidate>
            <input type="hidden" name="intent" value="add-member" />
            <SelectField name="body" label="Recipient body" options={bodies.map((b) => ({ value: b.slug, label: b.name }))} defaultValue={mine("add-member").values.body} errors={mine("add-member").errors} />
            <TextField
              name="email"
              label="Email of their Margin account"
              type="email"
              hint="They need an account already. Their display name is published as a member."
              defaultValue={mine("add-member").values.email}
              errors={mine("add-member").errors}
            />
            <button type="submit" className="button">
              Add member
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
