import type { CommentWithAuthor } from "../../db/queries/comment.js";

/** An author as one viewer may see them (the comment list, the version page and the report all show it). */
export interface ShownAuthor {
  name: string;
  organisation: string;
  group: string;
}

/** The author as this viewer may see them: the publication choice holds for everyone but the author and the team. */
export function shownAuthor(r: Pick<CommentWithAuthor, "publication" | "author_name" | "author_organisation" | "author_group">, full: boolean): ShownAuthor {
  if (full || r.publication === "name") return { name: r.author_name, organisation: r.author_organisation, group: r.author_group };
  if (r.publication === "organisation") return { name: r.author_organisation || "An organisation", organisation: "", group: r.author_group };
  return { name: "Anonymous", organisation: "", group: r.author_group };
}
