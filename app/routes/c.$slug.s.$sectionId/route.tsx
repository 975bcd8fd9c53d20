import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { lazy, Suspense, useEffect, useState } from "react";
import { CommentRail } from "../../components/comments/comment-rail.js";
import { HeatStrip } from "../../components/comments/heat-strip.js";
import { PassagePositions, PositionsChart } from "../../components/comments/positions-chart.js";
import { CLOSE } from "../../../common/close-codes.js";
import { WorkingCopyBar } from "../../components/editor/working-copy-bar.js";
import type { PmNode } from "../../components/offset-text.js";
import type { SelectedQuote } from "../../components/reader/quote.js";
import { SectionText, type PassageKind } from "../../components/reader/section-text.js";
import { ErrorSummary } from "../../components/form.js";
import { PhaseBadge, WindowSentence } from "../../components/status.js";
import { FormattedMessage, metaTranslator, useT } from "../../i18n/index.js";
import { runIntent } from "../../utils/intents.server.js";
import { getUser, readForm } from "../../utils/request.server.js";
import { CommentForm, ReceivedNote } from "./comment-form.js";
import { loadSection, sectionPage } from "./data.server.js";
import { useActiveThread, useHydrated, useLiveText, usePostedItem, useQuietRevalidate, useSectionEvents } from "./hooks.js";
import { SECTION_INTENTS } from "./intents.server.js";
import { PositionForm } from "./position-form.js";
import { FollowButton } from "../../components/follow-button.js";
import type { FlashHandle } from "../../utils/flash.js";

// The editor and the collaboration code (TipTap, Yjs, the providers) are fetched only by those who edit (ADR 027).
const SectionEditor = lazy(() => import("../../components/editor/section-editor.client.js").then((m) => ({ default: m.SectionEditor })));

export { actionOrLoaderHeaders as headers } from "../../utils/request.server.js";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? `${data.section.title} · ${data.consultation.title} · Margin` : metaTranslator(matches).t("section.meta.title") },
];

/** After a post, the message shows beside the new item in the rail, not at the top of the page. */
export const handle: FlashHandle = { showsFlash: (data) => Boolean((data as { posted?: unknown } | undefined)?.posted) };

export async function loader(args: LoaderFunctionArgs) {
  return sectionPage(args);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { view, section } = await loadSection({ params, context });
  const form = await readForm(request);
  const here = `/c/${view.consultation.slug}/s/${section.id}`;
  return runIntent(SECTION_INTENTS, { context, view, section, user: getUser(context), here }, form);
}

export default function SectionPage() {
  const d = useLoaderData<typeof loader>();
  const { consultation: c, section, sections, previous, next, now, canEdit, canPost, me, threads, anchors } = d;
  const failed = useActionData<typeof action>();
  const hydrated = useHydrated();
  const revalidate = useQuietRevalidate();
  const [activeId, activate] = useActiveThread();
  const [quote, setQuote] = useState<SelectedQuote | null>(null);
  // The working copy closed under the user's typing: say that the last edit was not saved (ADR 026).
  const [editRefused, setEditRefused] = useState(false);
  const [chosen, setChosen] = useState<{ kind: PassageKind } | null>(null);
  // Drafters' text is live through the editor's document; everyone else fetches it again when told it changed.
  const [text, refreshText] = useLiveText(`/c/${c.slug}/s/${section.id}/text`, { seq: d.seq, doc: section.doc, highlights: d.highlights });
  useSectionEvents(`/c/${c.slug}/s/${section.id}/events`, revalidate, canEdit ? null : refreshText);
  usePostedItem(d.posted?.id ?? null, () => setQuote(null));
  // A passage chosen with the text's actions: once the form shows it, move there (the suggestion's kind picked).
  useEffect(() => {
    if (!chosen) return;
    setChosen(null);
    const form = document.getElementById("respond-title")?.closest("section");
    if (chosen.kind === "suggestion") form?.querySelector<HTMLInputElement>('input[name="kind"][value="suggestion"]:not(:checked)')?.click();
    // After the click's re-render, which adds the suggestion's field.
    requestAnimationFrame(() => form?.querySelector<HTMLElement>(chosen.kind === "suggestion" ? "#replacement" : "#body")?.focus());
  }, [chosen]);
  const choose = (q: SelectedQuote, kind: PassageKind) => {
    setQuote(q);
    setChosen({ kind });
  };
  const errors = failed?.fieldErrors as Record<string, string[]> | undefined;
  const { t } = useT();
  const lang = c.contentLanguage;

  return (
    <>
      <nav className="breadcrumbs" aria-label={t("consultation.breadcrumb")}>
        <Link to="/">{t("shell.nav.consultations")}</Link> ›{" "}
        <Link to={`/c/${c.slug}`} lang={lang}>
          {c.title}
        </Link>{" "}
        ›{" "}
        <span aria-current="page" lang={lang}>
          {section.title}
        </span>
      </nav>
      <div className="page-head">
        <PhaseBadge phase={c.phase} /> <span className="meta">
          <WindowSentence c={c} now={now} />
        </span>
        <h1 id="section-title" style={{ marginTop: "0.6rem" }} lang={lang}>
          {section.title}
        </h1>
        <p className="meta">
          <Link to={`/c/${c.slug}/s/${section.id}/history`}>{t("section.link.history")}</Link>
          {" · "}
          <Link to={`/c/${c.slug}/versions`}>{t("section.link.versions")}</Link>
        </p>
        <FollowButton state={d.follow} subject={t("follow.subject.section")} hint={t("follow.hint.section")} hintId="follow-hint" feed={`/c/${c.slug}/feed.atom`} />
      </div>
      <ErrorSummary formError={failed?.formError} fieldErrors={errors} />
      <div className="layout-section">
        <div>
          {editRefused ? (
            <p className="error-summary" role="alert" data-testid="working-copy-closed">
              {t("working.closed.unsaved")}
            </p>
          ) : null}
          {d.workingCopy ? <WorkingCopyBar slug={c.slug} sectionId={section.id} initial={d.workingCopy} onClosed={revalidate} /> : null}
          {/* Readers get the reader view (a fetched text is theirs only: once a viewer may edit, the editor takes over).
              The drafters' HTML comes from server/collab/content.ts, which escapes text and drops unsafe links. */}
          {!canEdit ? (
            <p className="meta" data-testid="text-note">
              {t(c.draftingMode === "working" ? "reader.note.working" : "reader.note.live")}
            </p>
          ) : null}
          {!canEdit && text.doc ? (
            <SectionText
              doc={text.doc as PmNode}
              title={section.title}
              contentLanguage={lang}
              highlights={text.highlights}
              activeId={activeId}
              onActivate={activate}
              interactive={hydrated}
              canChoose={canPost}
              onSelect={setQuote}
              onChoose={choose}
            />
          ) : hydrated ? (
            <Suspense fallback={<ServerHtml html={section.html ?? ""} lang={lang} />}>
              <SectionEditor
                sectionId={section.id}
                docName={d.workingCopy ? `${section.id}.working` : section.id}
                title={section.title}
                contentLanguage={lang}
                editable={canEdit}
                initialHtml={section.html ?? ""}
                me={me}
                onAccessChange={(code) => {
                  if (code === CLOSE.workingCopyClosed) setEditRefused(true);
                  revalidate();
                }}
                anchors={anchors}
                activeId={activeId}
                onActivate={activate}
                onSelect={setQuote}
              />
            </Suspense>
          ) : (
            <ServerHtml html={section.html ?? ""} lang={lang} />
          )}

          <section className="card" aria-labelledby="respond-title" style={{ marginTop: "1.25rem" }}>
            <h2 id="respond-title">{t("section.respond")}</h2>
            {d.received ? <ReceivedNote received={d.received} /> : null}
            {!canPost ? (
              <p className="muted">
                {d.signedIn ? (
                  t("section.closed")
                ) : (
                  <FormattedMessage
                    id="section.signIn"
                    values={{ link: (text) => <Link to={`/login?redirectTo=${encodeURIComponent(`/c/${c.slug}/s/${section.id}`)}`}>{text}</Link> }}
                  />
                )}
              </p>
            ) : (
              <>
                {/* A new receipt means the post went through: a fresh form, so the sent text is not left in the box to be sent twice. */}
                <CommentForm key={d.posted?.id ?? d.received?.reference ?? "form"} quote={quote} contentLanguage={lang} errors={errors} values={failed?.values} premoderated={c.moderationMode === "pre"} />
                <PositionForm quote={quote} contentLanguage={lang} myPosition={d.myPosition} positionHistory={d.positionHistory} error={errors?.positionQuote} />
              </>
            )}
          </section>

          <nav className="pager" aria-label={t("section.pager")}>
            {previous ? (
              <Link to={`/c/${c.slug}/s/${previous.id}`}>
                ← <span lang={lang}>{previous.title}</span>
              </Link>
            ) : (
              <span />
            )}
            {next ? (
              <Link to={`/c/${c.slug}/s/${next.id}`}>
                <span lang={lang}>{next.title}</span> →
              </Link>
            ) : (
              <span />
            )}
          </nav>
        </div>
        <aside className="side">
          <HeatStrip blocks={d.heat} active={d.passage?.index ?? null} lang={lang} />
          <CommentRail
            threads={threads}
            total={d.totalThreads}
            matching={d.matchingThreads}
            filter={d.filter}
            activeId={activeId}
            onActivate={activate}
            posted={d.posted}
            passages={d.passages}
            canPost={canPost}
            canDecide={d.canDecide}
            canReport={d.canReport}
            confidentialCount={d.confidentialCount}
            groups={d.groups}
            historyHref={`/c/${c.slug}/s/${section.id}/history`}
            setting={{ lang, timeZone: c.timeZone, now }}
            campaigns={d.campaigns}
            paging={d.paging}
            passage={d.passage}
            campaignHref={(id) => `/c/${c.slug}/campaigns/${id}`}
            answerHref={(id) => `/c/${c.slug}/group-answers/${id}`}
          />
          <section className="card" aria-labelledby="positions-title">
            <h2 id="positions-title">{t("section.positions")}</h2>
            <PositionsChart counts={d.counts} caption={t("section.positions.caption")} />
            <PassagePositions passages={d.passages} lang={lang} />
          </section>
          {d.informedBy.length > 0 ? (
            <section className="card" aria-labelledby="requests-title">
              <h2 id="requests-title">{t("section.requests")}</h2>
              <p className="muted">{t("section.requests.intro")}</p>
              <ul className="plain-list">
                {d.informedBy.map((r) => (
                  <li key={r.slug}>
                    <Link to={`/requests/${r.slug}`}>{r.title}</Link> <span className="muted">{t("section.requests.state", { open: String(r.open) })}</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <nav className="card" aria-labelledby="contents-title">
            <h2 id="contents-title">{t("section.contents")}</h2>
            <ol className="toc" lang={lang}>
              {sections.map((s) => (
                <li key={s.id}>
                  <Link to={`/c/${c.slug}/s/${s.id}`} aria-current={s.id === section.id ? "page" : undefined}>
                    {s.title}
                  </Link>
                </li>
              ))}
            </ol>
          </nav>
        </aside>
      </div>
    </>
  );
}

/** The drafter's text as the server rendered it, until the editor has loaded. */
function ServerHtml({ html, lang }: { html: string; lang: string }) {
  const { t } = useT();
  return html.trim() ? (
    <article className="prose" aria-labelledby="section-title" lang={lang} dangerouslySetInnerHTML={{ __html: html }} />
  ) : (
    <article className="prose">
      <p className="empty">{t("section.empty")}</p>
    </article>
  );
}
