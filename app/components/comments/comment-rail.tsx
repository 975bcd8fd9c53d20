import { Form, Link, useRouteLoaderData, useSubmit } from "@remix-run/react";
import type { loader as rootLoader } from "../../root.js";
import type { RailThread } from "../../utils/presenters.server.js";
import { useT } from "../../i18n/index.js";
import { useLabel } from "../../i18n/labels.js";
import type { DispositionOutcome } from "../../../common/enums.js";
import { ThreadCard, type ThreadSetting } from "./thread-card.js";
import type { PostedNoteView } from "./comment-parts.js";
import type { PassagePositionsView } from "./positions-chart.js";

/** The rail's heading with the thread filter, which applies as soon as it changes (a button without script). */
function RailHead({ total, filter, groups }: { total: number; filter: string; groups: string[] }) {
  const submit = useSubmit();
  const { t } = useT();
  const label = useLabel();
  // "Mine" means nothing to someone signed out, so it is offered only to the signed in.
  const signedIn = Boolean(useRouteLoaderData<typeof rootLoader>("root")?.user);
  return (
    <Form method="get" className="rail__head" preventScrollReset onChange={(e) => submit(e.currentTarget, { preventScrollReset: true, replace: true })}>
      <h2 id="comments-title">{t("comments.title", { count: total })}</h2>
      <label className="visually-hidden" htmlFor="comment-filter">
        {t("comments.filter.label")}
      </label>
      <select id="comment-filter" name="filter" className="input input--small" defaultValue={filter}>
        <option value="all">{t("comments.filter.all")}</option>
        <option value="suggestions">{t("comments.filter.suggestions")}</option>
        {signedIn || filter === "mine" ? <option value="mine">{t("comments.filter.mine")}</option> : null}
        {groups.map((g) => (
          <option key={g} value={g}>
            {label("group", g)}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="button button--small">
          {t("comments.filter.apply")}
        </button>
      </noscript>
    </Form>
  );
}

export interface RailCampaignView {
  id: string;
  members: number;
  textHtml: string | null;
  answer: { groupResponseId: string; outcome: DispositionOutcome; response: string; count: number } | null;
}

/** A page of the rail: its filter, passage and page in the query, and the rail's heading as the place to land. */
function railHref({ filter, passage, page }: { filter: string; passage: number | null; page: number }): string {
  const q = new URLSearchParams();
  if (filter !== "all") q.set("filter", filter);
  if (passage !== null) q.set("passage", String(passage));
  if (page > 1) q.set("page", String(page));
  const query = q.toString();
  return `${query ? `?${query}` : "?"}#comments-title`;
}

/** The threads beside the text, in reading order, linked both ways with their highlights. */
export function CommentRail({
  threads,
  total,
  matching,
  filter,
  activeId,
  onActivate,
  posted,
  passages = [],
  canPost,
  canDecide,
  canReport,
  confidentialCount,
  groups,
  historyHref,
  setting,
  campaigns = [],
  paging = { page: 1, pages: 1, pageSize: threads.length },
  passage = null,
  campaignHref,
  answerHref,
}: {
  threads: RailThread[];
  total: number;
  matching: number;
  filter: string;
  activeId: string | null;
  onActivate: (id: string) => void;
  /** The viewer's item just posted, with its success message, shown beside it. */
  posted: PostedNoteView | null;
  /** Positions by passage: each thread on one of these passages shows its tally. */
  passages?: PassagePositionsView[];
  canPost: boolean;
  canDecide: boolean;
  canReport: boolean;
  confidentialCount: number;
  groups: string[];
  /** The section's history page, where a changed passage's edit can be seen. */
  historyHref: string;
  /** The consultation's content language and time zone, and the loader's `now`. */
  setting: ThreadSetting;
  /** The section's campaigns, each one entry instead of a row per member (ADR 033). */
  campaigns?: RailCampaignView[];
  /** Which page of the matching threads this is (the server pages them). */
  paging?: { page: number; pages: number; pageSize: number };
  /** The block of the text the rail is filtered to (the heat strip's links), if any. */
  passage?: { index: number; excerpt: string } | null;
  /** Where a campaign's own page is. */
  campaignHref?: (id: string) => string;
  /** Where a group's public answer is (ADR 032). */
  answerHref?: (groupResponseId: string) => string;
}) {
  const { t } = useT();
  const can = { canPost, canDecide, canReport };
  const byQuote = new Map(passages.map((p) => [p.quote, p]));
  return (
    <section className="rail" aria-labelledby="comments-title">
      <RailHead total={total} filter={filter} groups={groups} />
      {confidentialCount > 0 ? <p className="muted">{t("comments.confidential", { count: confidentialCount })}</p> : null}
      {threads.length === 0 ? <p className="empty">{total === 0 ? t("comments.none") : t("comments.noMatch")}</p> : null}
      {passage ? (
        <p className="rail__passage" data-testid="rail-passage">
          {t("heat.filtered", { number: String(passage.index + 1), excerpt: passage.excerpt })}{" "}
          <Link to={railHref({ filter, passage: null, page: 1 })}>{t("heat.filtered.clear")}</Link>
        </p>
      ) : null}
      {campaigns.length > 0 ? (
        <ul className="threads campaigns" aria-label={t("heat.campaigns")}>
          {campaigns.map((c) => (
            <li key={c.id} className="campaign" data-testid="campaign-entry" data-campaign={c.id}>
              <details>
                <summary>
                  <strong data-testid="campaign-count">{t("heat.campaign.count", { count: c.members })}</strong>
                </summary>
                {c.textHtml !== null ? (
                  <div className="comment__body" lang={setting.lang} dangerouslySetInnerHTML={{ __html: c.textHtml }} />
                ) : (
                  <p className="muted">{t("heat.campaign.hidden")}</p>
                )}
              </details>
              {c.answer ? (
                <p className="thread__response" data-testid="campaign-answer">
                  <span className="muted">{t("comments.thread.response")}</span>{" "}
                  <span className={`outcome outcome--${c.answer.outcome}`}>{t(`label.disposition.${c.answer.outcome}`)}</span>{" "}
                  <span lang={setting.lang}>{c.answer.response}</span>{" "}
                  {answerHref ? <Link className="meta" to={answerHref(c.answer.groupResponseId)}>{t("groupResponse.together", { n: c.answer.count })}</Link> : null}
                </p>
              ) : null}
              {campaignHref ? (
                <p>
                  <Link to={campaignHref(c.id)}>{t("heat.campaign.open")}</Link>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <ol className="threads">
        {threads.map((thread) => (
          <li key={thread.root.id}>
            <ThreadCard thread={thread} active={thread.root.id === activeId} onActivate={onActivate} posted={posted} passage={thread.root.anchor ? byQuote.get(thread.root.anchor.quote.exact) : undefined} historyHref={historyHref} can={can} setting={setting} />
          </li>
        ))}
      </ol>
      {paging.pages > 1 ? (
        <nav className="rail__pager" aria-label={t("heat.page.nav")} data-testid="rail-pager">
          {paging.page > 1 ? (
            <Link to={railHref({ filter, passage: passage?.index ?? null, page: paging.page - 1 })} rel="prev">
              ← {t("heat.page.previous", { count: String(paging.pageSize) })}
            </Link>
          ) : (
            <span />
          )}
          <span className="muted">{t("heat.page", { page: String(paging.page), pages: String(paging.pages) })}</span>
          {paging.page < paging.pages ? (
            <Link to={railHref({ filter, passage: passage?.index ?? null, page: paging.page + 1 })} rel="next" data-testid="rail-next">
              {t("heat.page.next", { count: String(Math.min(paging.pageSize, matching - paging.page * paging.pageSize)) })} →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </section>
  );
}
