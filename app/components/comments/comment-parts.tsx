import type { RailComment } from "../../utils/presenters.server.js";
import type { Translatable } from "../../../common/i18n/intl.js";
import { OrganisationBadge } from "../organisation-badge.js";
import { useT } from "../../i18n/index.js";
import { useLabel } from "../../i18n/labels.js";

/** The names server/domain/shown-author.ts gives a comment shown without its author's; anything else is a person's or organisation's own name. */
const STAND_IN_NAMES = new Set(["Anonymous", "An organisation", "Former participant"]);

/** An author's name as shown: a stand-in in the reader's language, a real name as it is. */
export function useShownName(): (name: string) => string {
  const { msg } = useT();
  return (name) => (STAND_IN_NAMES.has(name) ? msg(name) : name);
}

/** The comment's text, or the tombstone that takes its place; the text is in the consultation's language. */
export function Body({ c, lang }: { c: RailComment; lang: string }) {
  const { t } = useT();
  const label = useLabel();
  if (c.status === "deleted") return <p className="tombstone">{c.withdrawn ? t("comments.body.withdrawn") : t("comments.body.deleted")}</p>;
  if (c.status === "hidden" && !c.mine) {
    return <p className="tombstone">{t("comments.body.removed", { reason: label("reason", c.moderationReason ?? "other") })}</p>;
  }
  return (
    <>
      <div className="comment-body" lang={lang} dangerouslySetInnerHTML={{ __html: c.bodyHtml }} />
      {c.kind === "suggestion" && c.replacement !== null ? (
        <div className="suggestion">
          <p className="muted">{t("comments.body.proposed")}</p>
          <p>
            <del lang={lang}>{c.anchor?.quote.exact}</del> {c.replacement ? <ins lang={lang}>{c.replacement}</ins> : <ins>{t("comments.body.remove")}</ins>}
          </p>
        </div>
      ) : null}
    </>
  );
}

/** Who wrote it and when, with its state (awaiting moderation, confidential, a public version). */
export function Byline({ c, timeZone, now }: { c: RailComment; timeZone: string; now: string }) {
  const { t, dateTime, ago } = useT();
  const label = useLabel();
  const shownName = useShownName();
  return (
    <p className="byline">
      <strong>{shownName(c.author.name)}</strong>
      {c.author.organisation ? `, ${c.author.organisation}` : ""} <OrganisationBadge badge={c.author.verifiedOrganisation} />{" "}
      <span className="tag">{label("group", c.author.group)}</span>{" "}
      <time dateTime={c.createdAt} className="muted" title={dateTime(c.createdAt, timeZone)}>
        {ago(c.createdAt, now)}
      </time>
      {c.editedAt ? <span className="muted">{t("comments.byline.edited")}</span> : null}
      {c.status === "pending" ? <span className="tag tag--pending">{t("comments.byline.pending")}</span> : null}
      {c.confidential ? <span className="tag tag--pending">{t("comments.byline.confidential")}</span> : null}
      {c.redactedVersion ? <span className="tag">{t("comments.byline.redacted")}</span> : null}
    </p>
  );
}

export interface PostedNoteView {
  id: string;
  message: Translatable;
}

/** The success message beside the item just posted, announced where the focus lands. */
export function PostedNote({ posted, id }: { posted: PostedNoteView | null; id: string }) {
  const { msg } = useT();
  if (posted?.id !== id) return null;
  return (
    <p className="posted-note" role="status">
      {msg(posted.message)}
    </p>
  );
}
