import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { FollowFormSchema, setFollowing } from "../utils/follow.server.js";
import { orStatus, parseForm, readForm, redirectWithFlash, requireUser, safeRedirect } from "../utils/request.server.js";

/** Follow buttons post here from every page that has one, and come back to it. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const form = await readForm(request);
  const parsed = parseForm(FollowFormSchema, form, ["intent", "kind", "target"]);
  if (!parsed.ok) throw data({ message: "Choose what to follow." }, { status: 400 });
  const done = await orStatus(setFollowing(context.margin.services.db, user, parsed.data));
  return redirectWithFlash(safeRedirect(form.get("back"), "/account/following"), { id: done === "followed" ? "follow.flash.followed" : "follow.flash.unfollowed" });
}

/** Nothing to show here: what one follows is listed on its own page. */
export function loader() {
  return redirect("/account/following");
}
