import { Form, Link } from "@remix-run/react";
import type { RailThread } from "../../utils/presenters.server.js";
import { ellipsize } from "../../utils/format.js";
import { FormattedMessage, useT } from "../../i18n/index.js";
import { Body, Byline, useShownName } from "./comment-parts.js";
import { OwnActions } from "./own-actions.js";
import { SuggestionPanel } from "./suggestion-panel.js";
import { COMMENT_BODY_MAX } from "../../../common/limits.js";

/** What every card shows in the consultation's terms: its content language, time zone, and the loader's `now`. */
export interface ThreadSetting {
  lang: string;
  timeZone: string;
  now: string;
}

export interface ThreadPermissions {
  canPost: boolean;
  canDecide: boolean;
  canReport: boolean;
}

/** One thread: the quoted passage, the root comment or suggestion, its response, replies and the reply box. */
export function ThreadCard({
  thread: { root, replies },
  active,
  onActivate,
  historyHref,
  can: { canPost, canDecide, canReport },
  setting,
}: {
  thread: RailThread;
  active: boolean;
  onActivate: (id: string) => void;
  historyHref: string;
  can: ThreadPermissions;
  setting: ThreadSetting;
}) {
  const { t } = useT();
  const shownName = useShownName();
  const { lang } = setting;
  return (
    <article
      id={`thread-${root.id}`}
      tabIndex={-1}
      className={active ? "thread thread--active" : "thread"}
      aria-label={t("comments.thread.label", { kind: root.kind, author: shownName(root.author.name) })}
    >
      {root.anchor ? (
        <button type="button" className="quote" onClick={() => onActivate(root.id)} aria-label={t("comments.thread.showPassage", { quote: ellipsize(root.anchor.quote.exact, 140) })}>
          <span lang={lang}>“{ellipsize(root.anchor.quote.exact, 140)}”</span>
        </button>
      ) : (
        <p className="muted quote-none">{t("comments.thread.wholeSection")}</p>
      )}
      {root.anchor?.state === "changed" ? (
        <p className="notice notice--small">
          <FormattedMessage id="comments.thread.changed" values={{ link: (text) => <Link to={historyHref}>{text}</Link> }} />
        </p>
      ) : null}
      {root.kind === "suggestion" ? (
        <p className="tag tag--suggestion">
          {root.suggestionStatus && root.suggestionStatus !== "open" ? t("comments.thread.suggestionState", { state: root.suggestionStatus }) : t("comments.thread.suggestion")}
        </p>
      ) : null}
      <Byline c={root} timeZone={setting.timeZone} now={setting.now} />
      <Body c={root} lang={lang} />
      {root.kind === "suggestion" ? <SuggestionPanel c={root} canPost={canPost} canDecide={canDecide} lang={lang} /> : null}
      {root.disposition ? (
        <p className="disposition">
          <span className="muted">{t("comments.thread.response")}</span>
          <span className={`outcome outcome--${root.disposition.outcome}`}>{t(`label.disposition.${root.disposition.outcome}`)}</span>{" "}
          <span lang={lang}>{root.disposition.response}</span>
        </p>
      ) : null}
      <OwnActions c={root} canReport={canReport} />
      {replies.length > 0 ? (
        <ol className="replies" aria-label={t("comments.thread.replies")}>
          {replies.map((r) => (
            <li key={r.id}>
              <Byline c={r} timeZone={setting.timeZone} now={setting.now} />
              <Body c={r} lang={lang} />
              <OwnActions c={r} canReport={canReport} />
            </li>
          ))}
        </ol>
      ) : null}
      {canPost && root.status !== "deleted" && root.status !== "hidden" ? (
        <details className="reply-box">
          <summary>{t("comments.reply")}</summary>
          <Form method="post">
            <input type="hidden" name="intent" value="reply" />
            <input type="hidden" name="parentId" value={root.id} />
            <label className="visually-hidden" htmlFor={`reply-${root.id}`}>
              {t("comments.reply.label")}
            </label>
            <textarea id={`reply-${root.id}`} name="body" className="input" rows={3} maxLength={COMMENT_BODY_MAX} required />
            <button type="submit" className="button button--small">
              {t("comments.reply.send")}
            </button>
          </Form>
        </details>
      ) : null}
    </article>
  );
}
