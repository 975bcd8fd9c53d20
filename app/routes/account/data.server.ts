import type { LoaderFunctionArgs } from "@remix-run/node";
import { presentOwnAccount } from "../../../server/presenters/person.js";
import { listApiTokens, listOwnSessions } from "../../utils/services.server.js";
import { requireUser } from "../../utils/request.server.js";

/** The account page: who you are, where you are signed in, and your API tokens. */
export async function accountPage({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const { db } = context.margin.services;
  const currentId = context.margin.auth!.session.id;
  const [sessions, tokens] = await Promise.all([listOwnSessions(db, user), listApiTokens(db, user.id)]);
  return {
    // The group's key: the page words it in its language.
    user: { ...presentOwnAccount(user, (g) => g), locale: user.locale, emailVerified: user.email_verified_at !== null },
    sessions: sessions.map((s) => ({ id: s.id, createdAt: s.created_at, lastSeenAt: s.last_seen_at, userAgent: s.user_agent, current: s.id === currentId })),
    tokens: tokens.map((t) => ({ id: t.id, name: t.name, createdAt: t.created_at, lastUsedAt: t.last_used_at })),
  };
}

/** What the page's parts are given (plain JSON, so the same after serialisation). */
export type AccountData = Awaited<ReturnType<typeof accountPage>>;
