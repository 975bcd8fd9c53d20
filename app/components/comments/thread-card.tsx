import { Form, Link, useParams } from "@remix-run/react";
import type { RailThread } from "../../utils/presenters.server.js";
import { ellipsize } from "../../utils/format.js";
import { FormattedMessage, useT } from "../../i18n/index.js";
import { Body, Byline, PostedNote, useShownName, type PostedNoteView } from "./comment-parts.js";
import { OwnActions } from "./own-actions.js";
import { RespondBox } from "./respond-box.js";
import { usePassageTally, type PassagePositionsView } from "./positions-chart.js";
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
  thread: { root, replies, respondable },
  active,
  onActivate,
  posted,
  passage,
  historyHref,
  can: { canPost, canDecide, canReport },
  setting,
}: {
  thread: RailThread;
  active: boolean;
  onActivate: (id: string) => void;
  /** The viewer's item just posted: its message is shown beside it. */
  posted: PostedNoteView | null;
  /** The positions taken on this thread's passage, if any. */
  passage?: PassagePositionsView | undefined;
  historyHref: string;
  can: ThreadPermissions;
  setting: ThreadSetting;
}) {
  const { t } = useT();
  const shownName = useShownName();
  const tally = usePassageTally();
  const { lang } = setting;
  const slug = useParams().slug ?? "";
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
      {passage ? <p className="muted passage-tally">{tally(passage)}</p> : null}
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
      <PostedNote posted={posted} id={root.id} />
      <Byline c={root} timeZone={setting.timeZone} now={setting.now} />
      <Body c={root} lang={lang} />
      {root.kind === "suggestion" ? <SuggestionPanel c={root} canPost={canPost} canDecide={canDecide} lang={lang} /> : null}
      {root.disposition ? (
        <p className="disposition">
          <span className="muted">{t("comments.thread.response")}</span>
          <span className={`outcome outcome--${root.disposition.outcome}`}>{t(`label.disposition.${root.disposition.outcome}`)}</span>{" "}
          <span lang={lang}>{root.disposition.response}</span>
          {root.disposition.together ? (
            <>
              {" "}
              <Link className="meta" to={`/c/${slug}/group-answers/${root.disposition.together.groupResponseId}`}>
                {t("groupResponse.together", { n: root.disposition.together.count })}
              </Link>
            </>
          ) : null}
        </p>
      ) : null}
      {respondable ? <RespondBox c={root} lang={lang} /> : null}
      <OwnActions c={root} canReport={canReport} />
      {replies.length > 0 ? (
        <ol className="replies" aria-label={t("comments.thread.replies")}>
          {replies.map((r) => (
            <li key={r.id} id={`comment-${r.id}`} tabIndex={-1}>
              <PostedNote posted={posted} id={r.id} />
              <Byline c={r} timeZone={setting.timeZone} now={setting.now} />
              <Body c={r} lang={lang} />
              <OwnActions c={r} canReport={canReport} />
            </li>
          ))}
        </ol>
      ) : null}
      {canPost && root.status !== "deleted" && root.status !== "hidden" ? (
        // A reply just sent gives a fresh box: closed, with nothing left in it to send twice.
        <details className="reply-box" key={posted && replies.some((r) => r.id === posted.id) ? `sent-${posted.id}` : "reply"}>
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
