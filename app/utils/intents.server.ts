import { data } from "@remix-run/node";
import type { z } from "zod";
import { formFailure, handleFormError, parseForm, type FormFailure } from "./request.server.js";
import type { Translatable } from "../../common/i18n/intl.js";

/**
 * A form action as a table of intents: the submitted `intent` names an entry, the
 * entry's parser validates the fields it needs with zod, and its handler does the work.
 * Domain errors from handlers become field or form errors (`handleFormError`).
 */

type Failed = ReturnType<typeof formFailure>;
/** What a handler answers: a redirect, a failure to show on the form, or a route's own success value. */
export type IntentResult<R = never> = Response | Failed | R;
type Parsed<T> = { ok: true; data: T } | { ok: false; result: Failed };
export type FormParser<T> = (form: FormData) => Parsed<T>;

export interface IntentHandler<Ctx, R = never> {
  parse: FormParser<unknown>;
  run: (ctx: Ctx, input: unknown) => Promise<IntentResult<R>>;
}

/**
 * The entry-maker for one route's table: its handlers get `Ctx` (what the action
 * resolved before choosing an intent) and may answer with `R` besides redirects and failures.
 */
export function intentsFor<Ctx, R = never>() {
  return <T>(parse: FormParser<T>, run: (ctx: Ctx, input: T) => Promise<IntentResult<R>>): IntentHandler<Ctx, R> => ({
    parse,
    run: run as IntentHandler<Ctx, R>["run"],
  });
}

/** A failure shown above the form, not next to a field. */
export function formError(message: Translatable, status = 400): Failed {
  return data({ ok: false as const, formError: message, fieldErrors: {}, values: {} }, { status });
}

/**
 * The named fields, each sent once, checked by `schema`; by default their errors show next
 * to the fields, or `onInvalid` words the failure another way.
 */
export function fields<S extends z.ZodTypeAny>(schema: S, names: readonly string[], onInvalid: (f: FormFailure) => Failed = (f) => formFailure(f)): FormParser<z.infer<S>> {
  return (form) => {
    const parsed = parseForm(schema, form, names);
    return parsed.ok ? parsed : { ok: false, result: onInvalid(parsed) };
  };
}

/**
 * The first value of each named field ("" when absent), checked by `schema`; a failure is
 * `message` above the form. For buttons and hidden ids, where a field error would have nowhere to show.
 */
export function firstValues<S extends z.ZodTypeAny>(schema: S, names: readonly string[], message = "Unknown action."): FormParser<z.infer<S>> {
  return (form) => {
    const input = Object.fromEntries(names.map((n) => [n, String(form.get(n) ?? "")]));
    const r = schema.safeParse(input);
    return r.success ? { ok: true, data: r.data } : { ok: false, result: formError(message) };
  };
}

/** Both parsers' fields together; the first failure wins. */
export function both<A extends object, B extends object>(a: FormParser<A>, b: FormParser<B>): FormParser<A & B> {
  return (form) => {
    const x = a(form);
    if (!x.ok) return x;
    const y = b(form);
    return y.ok ? { ok: true, data: { ...x.data, ...y.data } } : y;
  };
}

/** Runs the entry the form's `intent` names; an unknown intent is a 400. */
export async function runIntent<Ctx, R>(table: Record<string, IntentHandler<Ctx, R>>, ctx: Ctx, form: FormData): Promise<IntentResult<R>> {
  const name = form.get("intent");
  const entry = typeof name === "string" && Object.hasOwn(table, name) ? table[name] : undefined;
  if (!entry) return formError("Unknown action.");
  try {
    const parsed = entry.parse(form);
    if (!parsed.ok) return parsed.result;
    return await entry.run(ctx, parsed.data);
  } catch (e) {
    return handleFormError(e, form);
  }
}
