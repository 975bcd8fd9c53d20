import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { CommentRail } from "../components/comments/comment-rail.js";
import { PositionsChart, STANCES, STANCE_TEXT } from "../components/comments/positions-chart.js";
import { SectionEditor, type SelectedQuote } from "../components/editor/section-editor.client.js";
import { ErrorSummary } from "../components/form.js";
import { PhaseBadge } from "../components/status.js";
import { ellipsize, windowSentence } from "../utils/format.js";
import {
  countConfidentialSubmissions,
  moderationDeps,
  reportComment,
  requestReview,
  commentDeps,
  acceptSuggestion,
  declineSuggestion,
  reactToSuggestion,
  createComment,
  deleteComment,
  editComment,
  listComments,
  listSections,
  myPositions,
  phaseOf,
  positionCounts,
  presenceColour,
  schemas,
  takePosition,
  threadsOf,
  requireConsultation,
  requireSection,
} from "../utils/services.server.js";
import { formFailure, getUser, handleFormError, orStatus, parseForm, readForm, redirectWithFlash } from "../utils/request.server.js";

export { actionOrLoaderHeaders as headers } from "../utils/request.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.section.title} · ${data.consultation.title} · Margin` : "Section · Margin" },
];

function deps(context: LoaderFunctionArgs["context"]) {
  return commentDeps(context.margin.services);
}

async function load({ params, context }: Pick<LoaderFunctionArgs, "params" | "context">) {
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const section = await orStatus(requireSection(db, view, params.sectionId ?? ""));
  return { view, section };
}

/** Threads rendered in the rail at first; the rest follow a "show all" link. */
export const RAIL_THREADS = 50;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const url = new URL(request.url);
  const filter = url.searchParams.get("filter") ?? "all";
  const showAll = url.searchParams.get("threads") === "all";
  const { view, section } = await load({ params, context });
  const user = getUser(context);
  // Authors may change or withdraw their submissions only while the window is open.
  const amendable = view.may("comment.create");
  const [sections, live, comments, counts, mine, confidentialCount] = await Promise.all([
    listSections(db, view),
    context.margin.services.collab.readSection(section.id),
    listComments(deps(context), view, section, user),
    positionCounts(deps(context), { sectionId: section.id }),
    myPositions(deps(context), section, user),
    countConfidentialSubmissions(deps(context), section),
  ]);
  const index = sections.findIndex((s) => s.id === section.id);
  const c = view.consultation;
  const now = new Date();
  return {
    now: now.toISOString(),
    consultation: { slug: c.slug, title: c.title, phase: phaseOf(c, now), opensAt: c.opens_at, closesAt: c.closes_at, moderationMode: c.moderation_mode },
    section: { id: section.id, title: section.title, html: live.html, number: index + 1 },
    canEdit: view.may("section.edit"),
    canPost: view.may("comment.create"),
    canDecide: view.may("section.edit"),
    signedIn: user !== null,
    // The team acts through moderation, never through the report button.
    canReport: user !== null && !view.may("comment.moderate") && !view.may("comment.respond"),
    me: user ? { name: user.display_name, color: presenceColour(user.id) } : null,
    sections: sections.map((s) => ({ id: s.id, title: s.title })),
    previous: index > 0 ? sections[index - 1]! : null,
    next: index >= 0 && index < sections.length - 1 ? sections[index + 1]! : null,
    ...railThreads(threadsOf(comments), filter, showAll, amendable),
    filter,
    anchors: comments.filter((x) => !x.parentId && x.anchor && x.status !== "deleted" && x.status !== "hidden").map((x) => ({ id: x.id, start: x.anchor!.relative.start, end: x.anchor!.relative.end })),
    counts,
    confidentialCount,
    myPosition: mine.find((p) => p.superseded_at === null) ?? null,
    positionHistory: mine.filter((p) => p.superseded_at !== null).length,
  };
}

type ThreadView = ReturnType<typeof threadsOf>[number];

/** Only what the rail shows, filtered and paged on the server so every thread stays reachable. */
function railThreads(all: ThreadView[], filter: string, showAll: boolean, amendable: boolean) {
  const matches = all.filter(({ root }) =>
    filter === "suggestions" ? root.kind === "suggestion" && root.suggestionStatus === "open" : filter === "mine" ? root.mine : filter === "all" ? true : root.author.group === filter,
  );
  const slim = (c: ThreadView["root"]) => ({
    id: c.id,
    parentId: c.parentId,
    kind: c.kind,
    status: c.status,
    body: c.body,
    replacement: c.replacement,
    author: c.author,
    mine: c.mine,
    createdAt: c.createdAt,
    editedAt: c.editedAt,
    editable: c.editable && amendable,
    amendable,
    withdrawn: c.withdrawn,
    suggestionStatus: c.suggestionStatus,
    decisionReason: c.decisionReason,
    reactions: c.reactions,
    overlaps: c.overlaps,
    moderationReason: c.moderationReason,
    reviewRequested: c.reviewRequested,
    anchor: c.anchor && { state: c.anchor.state, quote: { exact: c.anchor.quote.exact } },
    confidential: c.confidential,
    redactedVersion: c.redactedVersion,
    disposition: c.disposition,
    bodyHtml: c.bodyHtml,
  });
  return {
    threads: (showAll ? matches : matches.slice(0, RAIL_THREADS)).map((t) => ({ root: slim(t.root), replies: t.replies.map(slim) })),
    matchingThreads: matches.length,
    totalThreads: all.length,
    groups: [...new Set(all.map((t) => t.root.author.group))].sort(),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { view, section } = await load({ params, context });
  const user = getUser(context);
  const form = await readForm(request);
  const here = `/c/${view.consultation.slug}/s/${section.id}`;
  try {
    switch (form.get("intent")) {
      case "comment": {
        const parsed = parseForm(schemas.CommentFormSchema, form, [
          "body",
          "kind",
          "replacement",
          "quoteExact",
          "quotePrefix",
          "quoteSuffix",
          "quoteStart",
          "publication",
          "confidential",
          "redactedBody",
          "website",
        ]);
        if (!parsed.ok) return formFailure(parsed);
        const d = parsed.data;
        // The honeypot: people never fill it in. Bots get the usual answer and nothing is stored.
        if (d.website) {
          context.margin.services.logger.info("honeypot caught a comment", { ip: context.margin.clientIp });
          return redirectWithFlash(here, "Your comment is posted.");
        }
        const row = await createComment(deps(context), view, section, user, {
          body: d.body,
          kind: d.kind,
          replacement: d.replacement,
          quote: d.quoteExact ? { exact: d.quoteExact, prefix: d.quotePrefix, suffix: d.quoteSuffix, start: d.quoteStart } : null,
          publication: d.publication,
          confidential: d.confidential,
          redactedBody: d.redactedBody || null,
        });
        const done =
          row.visibility === "confidential"
            ? "Your confidential submission is with the consultation team."
            : row.status === "pending"
              ? "Thank you. Your comment is awaiting moderation."
              : "Your comment is posted.";
        return redirectWithFlash(`${here}#thread-${row.id}`, done);
      }
      case "reply": {
        const parsed = parseForm(schemas.ReplySchema, form, ["parentId", "body"]);
        if (!parsed.ok) return formFailure(parsed);
        await createComment(deps(context), view, section, user, { body: parsed.data.body, kind: "comment", parentId: parsed.data.parentId });
        return redirectWithFlash(`${here}#thread-${parsed.data.parentId}`, "Your reply is posted.");
      }
      case "edit": {
        const parsed = parseForm(schemas.EditCommentSchema, form, ["commentId", "body"]);
        if (!parsed.ok) return formFailure(parsed);
        await editComment(deps(context), section, user, parsed.data.commentId, parsed.data.body);
        return redirectWithFlash(here, "Your comment is updated; the earlier text is kept in its record.");
      }
      case "delete": {
        const parsed = parseForm(schemas.CommentIdSchema, form, ["commentId"]);
        if (!parsed.ok) return formFailure(parsed);
        const { withdrawn } = await deleteComment(deps(context), section, user, parsed.data.commentId);
        return redirectWithFlash(here, withdrawn ? "Your comment is withdrawn. It had a response, so its place and the response stay, marked as withdrawn." : "Your comment is deleted.");
      }
      case "accept": {
        const parsed = parseForm(schemas.CommentIdSchema, form, ["commentId"]);
        if (!parsed.ok) return formFailure(parsed);
        await acceptSuggestion(deps(context), view, section, user, parsed.data.commentId);
        return redirectWithFlash(`${here}#thread-${parsed.data.commentId}`, "The suggestion is applied to the text, credited to its proposer.");
      }
      case "decline": {
        const parsed = parseForm(schemas.DeclineSchema, form, ["commentId", "reason"]);
        if (!parsed.ok) return formFailure(parsed);
        await declineSuggestion(deps(context), view, section, user, parsed.data.commentId, parsed.data.reason);
        return redirectWithFlash(`${here}#thread-${parsed.data.commentId}`, "The suggestion is declined; your reason is shown with it.");
      }
      case "react": {
        const parsed = parseForm(schemas.ReactSchema, form, ["commentId", "reaction"]);
        if (!parsed.ok) return formFailure(parsed);
        await reactToSuggestion(deps(context), view, section, user, parsed.data.commentId, parsed.data.reaction);
        return redirectWithFlash(`${here}#thread-${parsed.data.commentId}`, "Thank you; your view on the suggestion is recorded.");
      }
      case "report": {
        const parsed = parseForm(schemas.ReportSchema, form, ["commentId", "reason"]);
        if (!parsed.ok) return formFailure(parsed);
        const { hidden } = await reportComment(moderationDeps(context.margin.services), view, user, parsed.data.commentId, parsed.data.reason);
        return redirectWithFlash(here, hidden ? "Thank you. The comment is hidden until a moderator reviews it." : "Thank you. The moderators will review the comment.");
      }
      case "review": {
        const parsed = parseForm(schemas.CommentIdSchema, form, ["commentId"]);
        if (!parsed.ok) return formFailure(parsed);
        await requestReview(moderationDeps(context.margin.services), view, user, parsed.data.commentId);
        return redirectWithFlash(`${here}#thread-${parsed.data.commentId}`, "Your request is with the moderators.");
      }
      case "position": {
        const parsed = parseForm(schemas.PositionSchema, form, ["stance", "rationale", "quote"]);
        if (!parsed.ok) return formFailure(parsed);
        await takePosition(deps(context), view, section, user, parsed.data);
        return redirectWithFlash(here, "Your position is recorded.");
      }
      default:
        return data({ ok: false as const, formError: "Unknown action.", fieldErrors: {}, values: {} }, { status: 400 });
    }
  } catch (e) {
    return handleFormError(e, form);
  }
}

function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/** Re-reads the page's data when the server says the section's discussion changed. */
function useSectionEvents(url: string, onActivity: () => void) {
  const latest = useRef(onActivity);
  latest.current = onActivity;
  useEffect(() => {
    const source = new EventSource(url);
    source.addEventListener("activity", () => latest.current());
    return () => source.close();
  }, [url]);
}

export default function SectionPage() {
  const d = useLoaderData<typeof loader>();
  const { consultation: c, section, sections, previous, next, now, canEdit, canPost, me, threads, anchors } = d;
  const failed = useActionData<typeof action>();
  const hydrated = useHydrated();
  const revalidator = useRevalidator();
  const [activeId, setActiveId] = useState<string | null>(null);
  const [quote, setQuote] = useState<SelectedQuote | null>(null);
  const [kind, setKind] = useState<"comment" | "suggestion">("comment");
  const [confidential, setConfidential] = useState(false);
  const navigation = useNavigation();
  // A navigation under way (signing out, posting) loads fresh data anyway; re-reading
  // alongside it could swallow its one-time message (the flash) or race its redirect.
  const revalidate = useCallback(() => {
    if (revalidator.state === "idle" && navigation.state === "idle") revalidator.revalidate();
  }, [revalidator, navigation.state]);
  useSectionEvents(`/c/${c.slug}/s/${section.id}/events`, revalidate);
  const activate = useCallback((id: string) => {
    setActiveId(id);
    const el = document.getElementById(`thread-${id}`);
    el?.scrollIntoView({ block: "nearest", behavior: "smooth" });
    el?.focus({ preventScroll: true });
  }, []);
  const errors = failed?.fieldErrors as Record<string, string[]> | undefined;
  const quoteText = quote?.exact ?? "";

  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">Consultations</Link> › <Link to={`/c/${c.slug}`}>{c.title}</Link> ›{" "}
        <span aria-current="page">{section.title}</span>
      </nav>
      <div className="page-head">
        <PhaseBadge phase={c.phase} /> <span className="meta">{windowSentence(c.phase, c.opensAt, c.closesAt, now)}</span>
        <h1 id="section-title" style={{ marginTop: "0.6rem" }}>
          {section.title}
        </h1>
        <p className="meta">
          <Link to={`/c/${c.slug}/s/${section.id}/history`}>History of this section</Link>
          {" · "}
          <Link to={`/c/${c.slug}/versions`}>Versions</Link>
        </p>
      </div>
      <ErrorSummary formError={failed?.formError} fieldErrors={errors} />
      <div className="layout-section">
        <div>
          {/* The HTML comes from server/collab/content.ts, which escapes text and drops unsafe links. */}
          {hydrated ? (
            <SectionEditor
              sectionId={section.id}
              title={section.title}
              editable={canEdit}
              initialHtml={section.html}
              me={me}
              onAccessChange={revalidate}
              anchors={anchors}
              activeId={activeId}
              onActivate={activate}
              onSelect={setQuote}
            />
          ) : section.html.trim() ? (
            <article className="prose" aria-labelledby="section-title" dangerouslySetInnerHTML={{ __html: section.html }} />
          ) : (
            <article className="prose">
              <p className="empty">This section has no text yet.</p>
            </article>
          )}

          <section className="card" aria-labelledby="respond-title" style={{ marginTop: "1.25rem" }}>
            <h2 id="respond-title">Respond to this section</h2>
            {!canPost ? (
              <p className="muted">
                {d.signedIn ? "Comments are open only while the consultation is open for comment." : <><Link to={`/login?redirectTo=${encodeURIComponent(`/c/${c.slug}/s/${section.id}`)}`}>Sign in</Link> to comment, suggest changes or state your position.</>}
              </p>
            ) : (
              <>
                <Form method="post" className="form form--wide">
                  <input type="hidden" name="intent" value="comment" />
                  <input type="hidden" name="quoteExact" value={quoteText} />
                  <input type="hidden" name="quotePrefix" value={quote?.prefix ?? ""} />
                  <input type="hidden" name="quoteSuffix" value={quote?.suffix ?? ""} />
                  <input type="hidden" name="quoteStart" value={quote ? String(quote.start) : ""} />
                  <p className="muted" id="quote-hint">
                    {quote ? (
                      <>
                        On the selected passage: <q>{ellipsize(quoteText, 160)}</q>
                      </>
                    ) : (
                      "On the whole section. To comment on a passage, select it in the text first."
                    )}
                  </p>
                  {errors?.quote ? <p className="field__error">{errors.quote.join(" ")}</p> : null}
                  <fieldset>
                    <legend>What would you like to do?</legend>
                    <label className="radio">
                      <input type="radio" name="kind" value="comment" checked={kind === "comment"} onChange={() => setKind("comment")} /> Comment
                    </label>
                    <label className="radio">
                      <input type="radio" name="kind" value="suggestion" checked={kind === "suggestion"} onChange={() => setKind("suggestion")} disabled={!quote} /> Suggest new
                      wording for the selected passage
                    </label>
                  </fieldset>
                  {kind === "suggestion" && quote ? (
                    <div className="field">
                      <label className="field__label" htmlFor="replacement">
                        Proposed text
                      </label>
                      <textarea id="replacement" name="replacement" className="input" rows={3} defaultValue={quoteText} maxLength={10000} />
                    </div>
                  ) : null}
                  <div className="hp" aria-hidden="true">
                    <label htmlFor="website">Leave this empty</label>
                    <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
                  </div>
                  <div className={errors?.body ? "field field--error" : "field"}>
                    <label className="field__label" htmlFor="body">
                      {kind === "suggestion" ? "Why this change?" : "Your comment"}
                    </label>
                    {errors?.body ? (
                      <p className="field__error" id="body-error">
                        {errors.body.join(" ")}
                      </p>
                    ) : null}
                    <p className="field__hint" id="body-hint">
                      You can use **bold**, *italics*, [links](https://example.org), lists and &gt; quotes.
                    </p>
                    <textarea id="body" name="body" className="input" rows={4} maxLength={10000} required aria-describedby="quote-hint body-hint" />
                  </div>
                  <fieldset>
                    <legend>How should you be shown publicly?</legend>
                    <label className="radio">
                      <input type="radio" name="publication" value="name" defaultChecked /> With my name and organisation
                    </label>
                    <label className="radio">
                      <input type="radio" name="publication" value="organisation" /> With my organisation only
                    </label>
                    <label className="radio">
                      <input type="radio" name="publication" value="anonymous" /> Anonymously (only my stakeholder group)
                    </label>
                    <p className="field__hint">The consultation team always sees who wrote it.</p>
                  </fieldset>
                  <label className="radio">
                    <input type="checkbox" name="confidential" checked={confidential} onChange={(e) => setConfidential(e.target.checked)} />
                    <span>Confidential: only the consultation team may read this. The public sees only that a confidential submission was made.</span>
                  </label>
                  {confidential ? (
                    <div className="field">
                      <label className="field__label" htmlFor="redactedBody">
                        Public version (optional)
                      </label>
                      <p className="field__hint">A redacted text anyone may read, shown beside your confidential submission.</p>
                      <textarea id="redactedBody" name="redactedBody" className="input" rows={3} maxLength={10000} />
                    </div>
                  ) : null}
                  <button type="submit" className="button">
                    {confidential ? "Send confidentially" : kind === "suggestion" ? "Propose amendment" : "Post comment"}
                  </button>
                  {c.moderationMode === "pre" ? <p className="muted">Comments are checked by a moderator before others see them.</p> : null}
                </Form>
                <Form method="post" className="form form--wide position-form">
                  <input type="hidden" name="intent" value="position" />
                  <input type="hidden" name="quote" value={quoteText} />
                  <fieldset>
                    <legend>Your position on this section{d.myPosition ? ` (now: ${STANCE_TEXT[d.myPosition.stance]})` : ""}</legend>
                    {STANCES.map((s) => (
                      <label key={s} className="radio">
                        <input type="radio" name="stance" value={s} defaultChecked={d.myPosition?.stance === s} required /> {STANCE_TEXT[s]}
                      </label>
                    ))}
                  </fieldset>
                  {quote ? <p className="muted">{`About the selected passage: “${ellipsize(quoteText, 80)}”`}</p> : null}
                  <div className="field">
                    <label className="field__label" htmlFor="rationale">
                      Reason (optional)
                    </label>
                    <textarea id="rationale" name="rationale" className="input" rows={2} maxLength={10000} defaultValue={d.myPosition?.rationale ?? ""} />
                  </div>
                  <button type="submit" className="button button--secondary">
                    {d.myPosition ? "Update my position" : "Record my position"}
                  </button>
                  {d.positionHistory > 0 ? (
                    <p className="muted">{d.positionHistory === 1 ? "Your earlier position stays in the record." : `Your ${d.positionHistory} earlier positions stay in the record.`}</p>
                  ) : null}
                </Form>
              </>
            )}
          </section>

          <nav className="pager" aria-label="Sections">
            {previous ? <Link to={`/c/${c.slug}/s/${previous.id}`}>← {previous.title}</Link> : <span />}
            {next ? <Link to={`/c/${c.slug}/s/${next.id}`}>{next.title} →</Link> : <span />}
          </nav>
        </div>
        <aside className="side">
          <CommentRail
            threads={threads}
            total={d.totalThreads}
            matching={d.matchingThreads}
            filter={d.filter}
            activeId={activeId}
            onActivate={activate}
            canPost={canPost}
            canDecide={d.canDecide}
            canReport={d.canReport}
            confidentialCount={d.confidentialCount}
            groups={d.groups}
            historyHref={`/c/${c.slug}/s/${section.id}/history`}
          />
          <section className="card" aria-labelledby="positions-title">
            <h2 id="positions-title">Positions</h2>
            <PositionsChart counts={d.counts} caption="Current positions on this section by stakeholder group" />
          </section>
          <nav className="card" aria-labelledby="contents-title">
            <h2 id="contents-title">Contents</h2>
            <ol className="toc">
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
