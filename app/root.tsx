import { clearLocalCopies } from "./collab/local-copies.client.js";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLoaderData,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { FormattedMessage, I18nProvider, useT } from "./i18n/index.js";
import { SearchBox } from "./components/search-box.js";
import { LOCALES, LOCALE_NAME, type Locale } from "../common/i18n/locales.js";
import { translator } from "../common/i18n/intl.js";
import stylesUrl from "./styles.css?url";
import { mayCreateConsultations } from "./utils/services.server.js";
import { unreadCount } from "./utils/notifications.server.js";
import { flashShownByRoute } from "./utils/flash.js";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: translator(data?.locale ?? "en").t("shell.title") }];

export async function loader({ context }: LoaderFunctionArgs) {
  const m = context.margin;
  const user = m.auth?.user;
  return {
    user: user ? { displayName: user.display_name, email: user.email, mayCreate: mayCreateConsultations(user), unread: await unreadCount(m.services.db, user) } : null,
    flash: m.flash,
    // An account whose address is not confirmed yet sees a notice on every page, with a new link a click away.
    unconfirmed: user && user.email_verified_at === null ? { email: user.email, required: user.mustVerify === true } : null,
    nonce: m.nonce,
    locale: m.locale,
  };
}

type ShellUser = { displayName: string; mayCreate?: boolean; unread?: number };

/** The other interface languages, as buttons that post the choice (it works without scripts). */
function LanguageSwitcher({ locale }: { locale: Locale }) {
  const { t } = useT();
  const location = useLocation();
  return (
    <Form method="post" action="/language" className="language-switcher" aria-label={t("language.label")}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {LOCALES.filter((l) => l !== locale).map((l) => (
        <button key={l} type="submit" name="locale" value={l} lang={l} className="link-button" title={t("language.apply")}>
          {LOCALE_NAME[l]}
        </button>
      ))}
    </Form>
  );
}

/**
 * Every page of a consultation names its Atom feed in the head, so a feed reader given the page's address finds
 * it. Only pages that rendered: an error page under /c/… may be for a consultation the reader cannot see.
 */
function ConsultationFeedLink({ locale }: { locale: Locale }) {
  const page = useMatches().find((m) => m.id.startsWith("routes/c.$slug") && m.params.slug && m.data != null);
  if (!page) return null;
  return <link rel="alternate" type="application/atom+xml" href={`/c/${encodeURIComponent(page.params.slug!)}/feed.atom`} title={translator(locale).t("shell.feed")} />;
}

function Shell({ children, nonce, user, locale }: { children: ReactNode; nonce?: string; user: ShellUser | null; locale: Locale }) {
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        <ConsultationFeedLink locale={locale} />
      </head>
      <body>
        <I18nProvider locale={locale}>
          <ShellBody user={user} locale={locale}>
            {children}
          </ShellBody>
        </I18nProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function ShellBody({ children, user, locale }: { children: ReactNode; user: ShellUser | null; locale: Locale }) {
  const { t } = useT();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("shell.skip")}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="brand">
            <span className="brand__mark" aria-hidden="true">
              M
            </span>
            Margin<span className="visually-hidden">{t("shell.home")}</span>
          </Link>
          <SearchBox />
          <nav aria-label={t("shell.nav.label")} className="site-nav">
            <NavLink to="/" end>
              {t("shell.nav.consultations")}
            </NavLink>
            <NavLink to="/transparency">{t("shell.nav.transparency")}</NavLink>
            <NavLink to="/requests">{t("shell.nav.requests")}</NavLink>
            {user ? (
              <>
                {user.mayCreate ? <NavLink to="/consultations/new">{t("shell.nav.new")}</NavLink> : null}
                <NavLink to="/account/submissions">{t("shell.nav.submissions")}</NavLink>
                <NavLink to="/notifications" className="bell" end>
                  {t("notifications.bell", { unread: user.unread ?? 0 })}
                </NavLink>
                <NavLink to="/account" end>
                  {user.displayName}
                </NavLink>
                {/* Signing out also forgets the sections this browser kept for offline editing. */}
                <Form method="post" action="/logout" className="inline-form" onSubmit={() => void clearLocalCopies?.().catch(() => undefined)}>
                  <button type="submit" className="link-button">
                    {t("shell.signOut")}
                  </button>
                </Form>
              </>
            ) : (
              <>
                <NavLink to="/login">{t("shell.signIn")}</NavLink>
                <NavLink to="/signup">{t("shell.signUp")}</NavLink>
              </>
            )}
            <LanguageSwitcher locale={locale} />
          </nav>
        </div>
      </header>
      <main id="main" className="site-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>
          <FormattedMessage id="shell.footer" values={{ link: (chunks: ReactNode[]) => <Link to="/transparency">{chunks}</Link> }} />
        </p>
      </footer>
    </>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <Shell nonce={data?.nonce} user={data?.user ?? null} locale={data?.locale ?? "en"}>
      {children}
    </Shell>
  );
}

/** The notice for an account whose address is not confirmed: what it means and a button for a new link. */
function UnconfirmedBanner({ email, required }: { email: string; required: boolean }) {
  const { t } = useT();
  const location = useLocation();
  return (
    <div className="flash flash--warning" role="region" aria-label={t("accountFlow.banner.label")}>
      <p>{required ? t("accountFlow.banner.required", { email }) : t("accountFlow.banner.optional", { email })}</p>
      <Form method="post" action="/account" className="inline-form">
        <input type="hidden" name="intent" value="resend-verification" />
        <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
        <button type="submit" className="link-button">
          {t("accountFlow.banner.resend")}
        </button>
      </Form>
    </div>
  );
}

export default function App() {
  const { flash, unconfirmed } = useLoaderData<typeof loader>();
  const { msg } = useT();
  const shownByRoute = flashShownByRoute(useMatches());
  return (
    <>
      {flash && !shownByRoute ? (
        <div className="flash" role="status">
          {msg(flash)}
        </div>
      ) : null}
      {unconfirmed ? <UnconfirmedBanner email={unconfirmed.email} required={unconfirmed.required} /> : null}
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  return <ErrorPage error={error} />;
}

/** The shared rendering of thrown status responses and unexpected errors. */
export function ErrorPage({ error }: { error: unknown }) {
  const { t, msg } = useT();
  if (isRouteErrorResponse(error)) {
    const message = typeof error.data === "object" && error.data && "message" in error.data ? msg(String(error.data.message)) : null;
    if (error.status === 404) {
      return (
        <section className="error-page">
          <h1>{t("error.notFound.title")}</h1>
          <p>{message ?? t("error.notFound.body")}</p>
          <p>
            <Link to="/">{t("error.notFound.back")}</Link>
          </p>
        </section>
      );
    }
    return (
      <section className="error-page">
        <h1>{error.status === 403 ? t("error.forbidden.title") : error.status === 401 ? t("error.unauthenticated.title") : t("error.status.title", { status: error.status })}</h1>
        <p>{message ?? error.statusText ?? t("error.generic.body")}</p>
        <p>
          <Link to="/">{t("error.back")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="error-page">
      <h1>{t("error.unexpected.title")}</h1>
      <p>{t("error.unexpected.body")}</p>
      <p>
        <Link to="/">{t("error.back")}</Link>
      </p>
    </section>
  );
}
