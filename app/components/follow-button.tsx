import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { FormattedMessage } from "../i18n/index.js";

/** What a follow button needs (from follow.server.ts's followButton, in a loader). */
export interface FollowButtonState {
  kind: "consultation" | "section" | "organisation_requests";
  /** What the form names: a consultation's slug, a section's id, an organisation's slug. */
  target: string;
  following: boolean;
  signedIn: boolean;
  /** Where the form comes back to. */
  back: string;
}

const hidden = (chunks: ReactNode[]) => <span className="visually-hidden">{chunks}</span>;

/**
 * Follow / "Following ✓ — Unfollow": a plain form, so it works without
 * JavaScript; the button's text says the state and, for screen readers, what
 * it follows. Anonymous people get a link to sign in; a feed, when given, is
 * offered beside it.
 */
export function FollowButton({ state, subject, hint, hintId, feed }: { state: FollowButtonState; subject: string; hint?: string; hintId: string; feed?: string }) {
  const feedLink = feed ? (
    <span className="muted">
      {" "}
      <FormattedMessage
        id="follow.feed"
        values={{
          link: (c: ReactNode[]) => (
            <a href={feed} type="application/atom+xml">
              {c}
            </a>
          ),
        }}
      />
    </span>
  ) : null;
  return (
    <div className="follow">
      {state.signedIn ? (
        <Form method="post" action="/follow" className="inline-form">
          <input type="hidden" name="intent" value={state.following ? "unfollow" : "follow"} />
          <input type="hidden" name="kind" value={state.kind} />
          <input type="hidden" name="target" value={state.target} />
          <input type="hidden" name="back" value={state.back} />
          <button type="submit" className={state.following ? "button button--secondary button--small" : "button button--small"} aria-describedby={hint ? hintId : undefined}>
            <FormattedMessage id={state.following ? "follow.button.unfollow" : "follow.button.follow"} values={{ subject, hidden }} />
          </button>
        </Form>
      ) : (
        <FormattedMessage id="follow.signIn" values={{ link: (c: ReactNode[]) => <Link to={`/login?redirectTo=${encodeURIComponent(state.back)}`}>{c}</Link> }} />
      )}
      {feedLink}
      {hint ? (
        <p id={hintId} className="muted hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
