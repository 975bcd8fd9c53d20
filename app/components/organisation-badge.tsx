import { useT } from "../i18n/index.js";

/** What a badge needs (the server's OrganisationBadge, as JSON). */
interface Badge {
  label: string;
}

/**
 * The mark of a verified organisation, right after its name (a byline shows the verified
 * organisation's registered name in place of the profile's text). Its words say it all,
 * no colour or icon needed: "Verified government body". A self-declared organisation is
 * plain text and never gets this. The label is the server's English phrase, shown in the reader's language.
 */
export function OrganisationBadge({ badge }: { badge: Badge | null | undefined }) {
  const { msg } = useT();
  if (!badge) return null;
  return (
    <span className="tag tag--verified">
      <span aria-hidden="true">✓ </span>
      {msg(badge.label)}
    </span>
  );
}
