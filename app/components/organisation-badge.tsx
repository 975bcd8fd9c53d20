/** What a badge needs (the server's OrganisationBadge, as JSON). */
interface Badge {
  name: string;
  label: string;
}

/**
 * The mark of a verified organisation beside an author. Its words say it all (no
 * colour or icon needed to understand it): "Verified government body: Ministry of …".
 * A self-declared organisation is plain text beside the name and never gets this.
 */
export function OrganisationBadge({ badge }: { badge: Badge | null | undefined }) {
  if (!badge) return null;
  return (
    <span className="tag tag--verified">
      <span aria-hidden="true">✓ </span>
      {`${badge.label}: ${badge.name}`}
    </span>
  );
}
