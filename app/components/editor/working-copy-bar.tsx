import { useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Translatable } from "../../../common/i18n/intl.js";
import { useT } from "../../i18n/index.js";

/** How often the team's page asks whether anything is waiting to be published (the bar's only live input). */
const STATUS_POLL_MS = 4000;

interface Status {
  mode: "live" | "working";
  unpublished: Record<string, number>;
}

type PublishResult = { ok: true; published: number } | { ok: false; formError: Translatable | null; fieldErrors?: Record<string, Translatable[]> };

/** Why a publication was refused (final, drafted live, a section not of this consultation). */
const refusal = (r: Extract<PublishResult, { ok: false }>): Translatable | null => r.formError ?? r.fieldErrors?.sectionId?.[0] ?? null;

/**
 * Shown to the drafting team above the editor while a consultation drafts in
 * a working copy (ADR 026): says that what they type is not public, whether
 * this section (and others) have unpublished changes, and publishes them.
 */
export function WorkingCopyBar({ slug, sectionId, initial, onClosed }: { slug: string; sectionId: string; initial: Status; onClosed: () => void }) {
  const { t, msg } = useT();
  const publish = useFetcher<PublishResult>();
  const endpoint = `/c/${slug}/working`;
  const [current, look] = useWorkingCopyStatus(endpoint, initial, onClosed);

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") look();
    }, STATUS_POLL_MS);
    return () => clearInterval(timer);
  }, [look]);

  useEffect(() => {
    // After publishing, the counts change at once rather than at the next poll (only when a publication finishes).
    if (publish.state === "idle" && publish.data) look();
  }, [publish.state, publish.data, look]);

  const here = (current.unpublished[sectionId] ?? 0) > 0;
  const others = Object.entries(current.unpublished).filter(([id, n]) => id !== sectionId && n > 0).length;
  const result = publish.data;
  const busy = publish.state !== "idle";
  const msgOr = (m: Translatable | null) => (m === null ? null : msg(m));

  return (
    <section className="notice working-copy" aria-labelledby="working-copy-title">
      <h2 id="working-copy-title" style={{ fontSize: "1.05rem", margin: "0 0 0.3rem" }}>
        {t("working.bar.title")}
      </h2>
      <p className="muted" style={{ margin: "0 0 0.5rem" }}>
        {t("working.bar.lead")}
      </p>
      <p role="status" data-testid="working-copy-status" style={{ margin: "0 0 0.5rem" }}>
        {here ? t("working.bar.unpublished") : t("working.bar.clean")}
        {others > 0 ? ` ${t("working.bar.others", { n: others })}` : ""}
      </p>
      <div className="button-row">
        <publish.Form method="post" action={endpoint} className="inline-form">
          <input type="hidden" name="intent" value="publish" />
          <input type="hidden" name="sectionId" value={sectionId} />
          <button type="submit" className="button" disabled={busy}>
            {t("working.bar.publish")}
          </button>
        </publish.Form>
        {others > 0 ? (
          <publish.Form method="post" action={endpoint} className="inline-form">
            <input type="hidden" name="intent" value="publish" />
            <input type="hidden" name="sectionId" value="" />
            <button type="submit" className="button button--secondary" disabled={busy}>
              {t("working.bar.publishAll")}
            </button>
          </publish.Form>
        ) : null}
      </div>
      <p aria-live="polite" style={{ margin: "0.5rem 0 0" }}>
        {result ? (result.ok ? t("working.bar.published", { n: result.published }) : msgOr(refusal(result))) : null}
      </p>
    </section>
  );
}

/**
 * The working copy's status, fetched again on `look()`. Not a Remix fetcher: when the working copy
 * has closed under the page (the consultation became final, went back to live drafting, or the
 * user left the team), the endpoint answers 404, and a fetcher would replace the whole page with
 * that error. Here it calls `onClosed` instead, and the page re-reads what its user may do.
 * A failed request (offline, a busy server) is tried again at the next look.
 */
function useWorkingCopyStatus(endpoint: string, initial: Status, onClosed: () => void): [Status, () => void] {
  // What the endpoint last said, and of which endpoint; until it has answered, what the page was loaded with.
  const [fetched, setFetched] = useState<{ endpoint: string; status: Status } | null>(null);
  const inFlight = useRef<AbortController | null>(null);
  const closed = useRef(onClosed);
  closed.current = onClosed;
  // A look still under way when the bar goes (another page, another section) is called off: its answer is not this page's.
  useEffect(() => () => inFlight.current?.abort(), [endpoint]);
  const look = useCallback(() => {
    if (inFlight.current) return;
    const controller = new AbortController();
    inFlight.current = controller;
    fetch(endpoint, { headers: { Accept: "application/json" }, signal: controller.signal })
      .then(async (res) => {
        if (res.status === 404) return closed.current();
        if (!res.ok) return;
        const next = (await res.json()) as Status;
        if (next.mode !== "working") return closed.current();
        setFetched({ endpoint, status: next });
      })
      .catch(() => undefined)
      .finally(() => {
        if (inFlight.current === controller) inFlight.current = null;
      });
  }, [endpoint]);
  return [fetched?.endpoint === endpoint ? fetched.status : initial, look];
}
