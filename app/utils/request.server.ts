import { data, redirect, type AppLoadContext } from "@remix-run/node";
import type { z } from "zod";
import type { UserProfile } from "../../db/queries/user.js";
import { flashCookie } from "../../server/http/flash.js";
import { fieldErrorsOf, VersionNumberParamSchema, type FieldErrors } from "../../server/domain/schemas.js";
import { HTTP_STATUS, isAppError } from "../../server/errors.js";
import type { Translatable } from "../../common/i18n/intl.js";

export type { FieldErrors };

/** The shape every form action returns on failure; rendered next to fields and above the form. */
export interface FormFailure {
  ok: false;
  /** An English phrase or a catalog message; the form words it in the page's language. */
  formError: Translatable | null;
  fieldErrors: FieldErrors;
  values: Record<string, string>;
}

export function getUser(context: AppLoadContext): UserProfile | null {
  return context.margin.auth?.user ?? null;
}

/** The signed-in user, or a redirect to sign-in that comes back here afterwards. */
export function requireUser(request: Request, context: AppLoadContext): UserProfile {
  const user = getUser(context);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}

/** Only same-site paths; anything else (`//evil`, `https://evil`, `/\\evil`) falls back. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001F]/.test(to)) return fallback;
  return to;
}

/** Form values as plain strings, for refilling a form after an error (passwords left out). */
function formValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) {
    if (typeof v === "string" && !/password/i.test(k)) out[k] = v.slice(0, 10_000);
  }
  return out;
}

/**
 * Reads a form body. Duplicated fields are an error rather than silently picking one,
 * and only the fields the schema names are passed on (no mass assignment).
 */
export async function readForm(request: Request): Promise<FormData> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
    throw data({ message: "Send this form as a web form." }, { status: 415 });
  }
  try {
    return await request.formData();
  } catch {
    throw data({ message: "The form could not be read." }, { status: 400 });
  }
}

export function parseForm<S extends z.ZodTypeAny>(
  schema: S,
  form: FormData,
  fields: readonly string[],
): { ok: true; data: z.infer<S> } | FormFailure {
  const input: Record<string, string> = {};
  const fieldErrors: FieldErrors = {};
  for (const name of fields) {
    const all = form.getAll(name);
    if (all.length > 1) fieldErrors[name] = ["This field was sent more than once."];
    const v = all[0];
    if (typeof v === "string") input[name] = v;
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, formError: null, fieldErrors, values: formValues(form) };
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, data: r.data };
  return { ok: false, formError: null, fieldErrors: fieldErrorsOf(r.error), values: formValues(form) };
}

/** Status for a failed form, with its messages. */
export function formFailure(failure: FormFailure, status = 400) {
  return data(failure, { status });
}

/**
 * Turns a domain error from a service into what the page shows: field errors
 * for form problems, a thrown status response (error boundary) otherwise.
 */
export function handleFormError(e: unknown, form: FormData) {
  if (!isAppError(e)) throw e;
  if (e.code === "not_found" && !e.details?.fieldErrors) throw data({ message: e.message }, { status: 404 });
  const headers: HeadersInit = e.details?.retryAfterSeconds ? { "Retry-After": String(e.details.retryAfterSeconds) } : {};
  const failure: FormFailure = {
    ok: false,
    formError: e.details?.fieldErrors ? null : e.message,
    fieldErrors: e.details?.fieldErrors ?? {},
    values: formValues(form),
  };
  return data(failure, { status: HTTP_STATUS[e.code], headers });
}

/** Runs a service call in a loader; domain errors become status responses for the error boundary. */
export async function orStatus<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (isAppError(e)) throw data({ message: e.message }, { status: HTTP_STATUS[e.code] });
    throw e;
  }
}

/** The version number of a /c/:slug/v/:number/… path; 404 for anything that is not one (VersionNumberParamSchema). */
export function requireVersionNumber(params: { number?: string }): number {
  const parsed = VersionNumberParamSchema.safeParse(params.number);
  if (!parsed.success) throw new Response("No such version.", { status: 404 });
  return parsed.data;
}

/** A redirect that shows `message` once on the next page, in that page's language. */
export function redirectWithFlash(to: string, message: Translatable, headers: [string, string][] = []) {
  const h = new Headers(headers);
  h.append("Set-Cookie", flashCookie(message));
  return redirect(to, { headers: h });
}

/**
 * For routes whose actions answer with headers (Retry-After on 429, say): a
 * document response takes the action's headers, else the loader's.
 */
export function actionOrLoaderHeaders({ actionHeaders, loaderHeaders }: { actionHeaders: Headers; loaderHeaders: Headers }): Headers {
  return [...actionHeaders.keys()].length > 0 ? actionHeaders : loaderHeaders;
}
