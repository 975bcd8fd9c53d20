import { useT } from "../i18n/index.js";
import { windowSentence, type CommentWindow, type Phase } from "../utils/format.js";

export function PhaseBadge({ phase }: { phase: Phase }) {
  const { t } = useT();
  return <span className={`badge badge--${phase}`}>{t(`label.phase.${phase}`)}</span>;
}

/** The comment window in a sentence, dates in the consultation's time zone; `now` comes from the loader. */
export function WindowSentence({ c, now }: { c: CommentWindow; now: string }) {
  return <>{windowSentence(useT(), c, now)}</>;
}
