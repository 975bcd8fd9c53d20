import type { RailComment } from "../../utils/presenters.server.js";
import { OrganisationBadge } from "../organisation-badge.js";
import { REASON_LABEL, STAKEHOLDER_LABEL, formatDateTime } from "../../utils/format.js";

/** The comment's text, or the tombstone that takes its place. */
export function Body({ c }: { c: RailComment }) {
  if (c.status === "deleted") return <p className="tombstone">{c.withdrawn ? "Withdrawn by its author." : "Deleted by its author."}</p>;
  if (c.status === "hidden" && !c.mine) {
    return <p className="tombstone">{`Removed by moderation. Reason: ${REASON_LABEL[c.moderationReason ?? "other"] ?? "Other"}.`}</p>;
  }
  return (
    <>
      <div className="comment-body" dangerouslySetInnerHTML={{ __html: c.bodyHtml }} />
      {c.kind === "suggestion" && c.replacement !== null ? (
        <div className="suggestion">
          <p className="muted">Proposed text:</p>
          <p>
            <del>{c.anchor?.quote.exact}</del> <ins>{c.replacement || "(remove the passage)"}</ins>
          </p>
        </div>
      ) : null}
    </>
  );
}

/** Who wrote it and when, with its state (awaiting moderation, confidential, a public version). */
export function Byline({ c }: { c: RailComment }) {
  return (
    <p className="byline">
      <strong>{c.author.name}</strong>
      {c.author.organisation ? `, ${c.author.organisation}` : ""}{" "}<OrganisationBadge badge={c.author.verifiedOrganisation} />{" "}
      <span className="tag">{STAKEHOLDER_LABEL[c.author.group] ?? c.author.group}</span>{" "}
      <time dateTime={c.createdAt} className="muted">
        {formatDateTime(c.createdAt)}
      </time>
      {c.editedAt ? <span className="muted"> (edited)</span> : null}
      {c.status === "pending" ? <span className="tag tag--pending">Awaiting moderation</span> : null}
      {c.confidential ? <span className="tag tag--pending">Confidential — its readers only</span> : null}
      {c.redactedVersion ? <span className="tag">Public version of a confidential submission</span> : null}
    </p>
  );
}
