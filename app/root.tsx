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
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import stylesUrl from "./styles.css?url";
import { mayCreateConsultations } from "./utils/services.server.js";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Margin — open consultations on living drafts" }];

export async function loader({ context }: LoaderFunctionArgs) {
  const m = context.margin;
  const user = m.auth?.user;
  return {
    user: user ? { displayName: user.display_name, email: user.email, mayCreate: mayCreateConsultations(user) } : null,
    flash: m.flash,
    nonce: m.nonce,
  };
}

function Shell({ children, nonce, user }: { children: ReactNode; nonce?: string; user: { displayName: string; mayCreate?: boolean } | null }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="site-header__inner">
            <Link to="/" className="brand">
              <span className="brand__mark" aria-hidden="true">
                M
              </span>
              Margin<span className="visually-hidden">, home</span>
            </Link>
            <nav aria-label="Main" className="site-nav">
              <NavLink to="/" end>
                Consultations
              </NavLink>
              <NavLink to="/transparency">Transparency</NavLink>
              <NavLink to="/requests">Information requests</NavLink>
              {user ? (
                <>
                  {user.mayCreate ? <NavLink to="/consultations/new">New consultation</NavLink> : null}
                  <NavLink to="/account/submissions">My submissions</NavLink>
                  <NavLink to="/account" end>
                    {user.displayName}
                  </NavLink>
                  {/* Signing out also forgets the sections this browser kept for offline editing. */}
                  <Form method="post" action="/logout" className="inline-form" onSubmit={() => void clearLocalCopies?.().catch(() => undefined)}>
                    <button type="submit" className="link-button">
                      Sign out
                    </button>
                  </Form>
                </>
              ) : (
                <>
                  <NavLink to="/login">Sign in</NavLink>
                  <NavLink to="/signup">Create account</NavLink>
                </>
              )}
            </nav>
          </div>
        </header>
        <main id="main" className="site-main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>
            Margin — open consultations on living drafts. Every change, version and moderation decision is public and{" "}
            <Link to="/transparency">verifiable</Link>.
          </p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <Shell nonce={data?.nonce} user={data?.user ?? null}>
      {children}
    </Shell>
  );
}

export default function App() {
  const { flash } = useLoaderData<typeof loader>();
  return (
    <>
      {flash ? (
        <div className="flash" role="status">
          {flash}
        </div>
      ) : null}
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
  if (isRouteErrorResponse(error)) {
    const message = typeof error.data === "object" && error.data && "message" in error.data ? String(error.data.message) : null;
    if (error.status === 404) {
      return (
        <section className="error-page">
          <h1>Page not found</h1>
          <p>{message ?? "There is nothing at this address. It may have moved, or it may not be public."}</p>
          <p>
            <Link to="/">See all consultations</Link>
          </p>
        </section>
      );
    }
    return (
      <section className="error-page">
        <h1>{error.status === 403 ? "Not allowed" : error.status === 401 ? "Please sign in" : `Error ${error.status}`}</h1>
        <p>{message ?? error.statusText ?? "The request could not be completed."}</p>
        <p>
          <Link to="/">Back to the start page</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="error-page">
      <h1>Something went wrong</h1>
      <p>We could not show this page. Please try again in a moment; your saved work is not affected.</p>
      <p>
        <Link to="/">Back to the start page</Link>
      </p>
    </section>
  );
}
