import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { redirectWithFlash } from "../utils/request.server.js";

// Signing out changes state, so it is a POST only; a GET just goes home.
export async function loader() {
  throw redirect("/");
}

export async function action({ context }: ActionFunctionArgs) {
  const { services, auth } = context.margin;
  if (auth) await services.sessions.revoke(auth.session.id);
  return redirectWithFlash("/", "You are signed out.", [["Set-Cookie", services.sessions.blankCookie()]]);
}
