import type { ActionFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SECONDS } from "../../common/i18n/locales.js";
import { setUserLocale } from "../../db/queries/user.js";
import { LocaleChoiceSchema } from "../../server/domain/schemas.js";
import { readForm, safeRedirect } from "../utils/request.server.js";

// Choosing a language changes state (a cookie, the account's setting), so it is a POST; a GET goes home.
export async function loader() {
  throw redirect("/");
}

/**
 * The switcher in the header: remembers the choice in a cookie and, for a
 * signed-in person, on the account (which then wins on every device), and
 * goes back to the page it was chosen on.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = LocaleChoiceSchema.safeParse({ locale: form.get("locale") ?? undefined, redirectTo: form.get("redirectTo") ?? undefined });
  if (!parsed.success) throw data({ message: "Choose English or Japanese." }, { status: 400 });
  const { services, auth } = context.margin;
  if (auth) await setUserLocale(services.db.kysely, auth.user.id, parsed.data.locale);
  return redirect(safeRedirect(parsed.data.redirectTo), {
    headers: { "Set-Cookie": `${LOCALE_COOKIE}=${parsed.data.locale}; Path=/; SameSite=Lax; Max-Age=${LOCALE_COOKIE_MAX_AGE_SECONDS}` },
  });
}
