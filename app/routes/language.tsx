import type { ActionFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { parseLanguageChoice, rememberLanguage } from "../utils/language.server.js";
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
  const choice = parseLanguageChoice(await readForm(request));
  if (!choice) throw data({ message: "Choose English or Japanese." }, { status: 400 });
  const cookie = await rememberLanguage(context, choice.locale);
  return redirect(safeRedirect(choice.redirectTo), { headers: { "Set-Cookie": cookie } });
}
