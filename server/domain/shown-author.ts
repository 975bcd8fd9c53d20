import type { OrganisationKind, Publication } from "../../db/schema.js";
import type { VerifiedOrganisation } from "./organisations/index.js";
import type { CommentWithAuthor } from "../../db/queries/comment.js";

/**
 * How a deleted account is named everywhere, when its holder chose not to be shown under
 * their organisation. Deleting writes it into the account's row (with the organisation
 * emptied), so every page and export that joins the author shows it, whatever publication
 * the submission chose; ledger entries keep what they recorded at the time.
 */
export const FORMER_PARTICIPANT = "Former participant";

/** An author as one viewer may see them (the comment list, the version page and the report all show it). */
export interface ShownAuthor {
  name: string;
  organisation: string;
  group: string;
}

type Authored = Pick<CommentWithAuthor, "publication" | "author_name" | "author_organisation" | "author_group"> & { redacted_of?: string | null };

/**
 * How an author is shown publicly. The public version of a confidential submission never
 * names its submitter, whatever they chose: it would tie the disclosure to them (ADR 019).
 */
function publicationOf(r: Authored): Publication {
  return r.redacted_of ? "anonymous" : r.publication;
}

/** The author as this viewer may see them: the publication choice holds for everyone but the author and the team. */
export function shownAuthor(raw: Authored, full: boolean): ShownAuthor {
  const r = { ...raw, publication: publicationOf(raw) };
  // A deleted account shown under its organisation carries the organisation as its name: say it once.
  if (full || r.publication === "name") return { name: r.author_name, organisation: r.author_organisation === r.author_name ? "" : r.author_organisation, group: r.author_group };
  // A deleted account shown as a former participant has no organisation left; it stays a former participant.
  if (r.publication === "organisation") return { name: r.author_organisation || (r.author_name === FORMER_PARTICIPANT ? FORMER_PARTICIPANT : "An organisation"), organisation: "", group: r.author_group };
  return { name: "Anonymous", organisation: "", group: r.author_group };
}

/** The badge of a verified organisation, as the pages and the API show it beside an author. */
export interface OrganisationBadge {
  slug: string;
  name: string;
  kind: OrganisationKind;
  /** "Verified government body" or "Verified organisation": the words the badge shows and screen readers read. */
  label: string;
}

/**
 * The badge beside an author, only when they belong to a verified organisation and
 * chose to be shown by name or by organisation (anonymous shows no organisation at all;
 * the author and the team see it whatever the choice). A self-declared organisation
 * text never gets one.
 */
function organisationBadge(publication: Publication, full: boolean, verified: VerifiedOrganisation | undefined): OrganisationBadge | null {
  if (!verified || (!full && publication === "anonymous")) return null;
  return { ...verified, label: verified.kind === "government" ? "Verified government body" : "Verified organisation" };
}

/**
 * The author with their badge. A member of a verified organisation is shown with that
 * organisation's registered name in place of the text in their profile, so a byline
 * never names two organisations, one verified and one not.
 */
export function shownAuthorWithBadge(
  raw: Authored,
  full: boolean,
  verified: VerifiedOrganisation | undefined,
): ShownAuthor & { verifiedOrganisation: OrganisationBadge | null } {
  const r = { ...raw, publication: publicationOf(raw) };
  const shown = shownAuthor(r, full);
  const badge = organisationBadge(r.publication, full, verified);
  if (!badge) return { ...shown, verifiedOrganisation: null };
  if (!full && r.publication === "organisation") return { ...shown, name: badge.name, verifiedOrganisation: badge };
  return { ...shown, organisation: badge.name, verifiedOrganisation: badge };
}
