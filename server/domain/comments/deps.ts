import type { JSONContent } from "@tiptap/core";
import type { Db } from "../../../db/client.js";
import type { CommentWithAuthor } from "../../../db/queries/comment.js";
import type { UserProfile } from "../../../db/queries/user.js";
import type { ConsultationView } from "../../auth/access.js";
import type { Limiter } from "../../auth/rate-limit.js";
import type { GroupingSettings } from "../grouping/index.js";
import type { Bus } from "../../bus/bus.js";
import type { CollabService } from "../../collab/service.js";
import { addressToConfirm } from "../../auth/policy.js";
import { AppError, confirmAddressFirst, unauthenticated } from "../../errors.js";
import type { Logger } from "../../logger.js";
import type { MailService } from "../../mail/index.js";

/** How long authors may still correct a comment (the edit is recorded). */
export const COMMENT_EDIT_WINDOW_MS = 15 * 60 * 1000;

export interface CommentDeps {
  db: Db;
  collab: CollabService;
  bus: Bus;
  limiter: Limiter;
  /** The public comment list per section, kept between requests (see createCommentCache). */
  cache?: CommentCache;
  /** Where a comment that cannot be rendered as Markdown is reported (it is then shown as text). */
  logger?: Logger;
  /** How deeply a comment's quotes and lists may nest before it is shown as plain text. */
  markdownMaxNesting?: number;
  /** First comments per page of the section's rail (RAIL_PAGE_SIZE; rail.ts has the default). */
  railPageSize?: number;
  /** Notifies the people an event concerns (a reply, a decision on a suggestion); absent for the demo seed, which notifies no one. */
  mail?: MailService;
  /** The grouping engines' thresholds (issue 18); absent: their defaults. */
  grouping?: GroupingSettings;
}

export interface CommentCache {
  publicRows(db: Db, sectionId: string): Promise<CommentWithAuthor[]>;
  /** A comment body's HTML, rendered once per process: marked can spend a third of a second on one 10,000-character body. */
  renderedHtml?(body: string, render: () => string): string;
  /**
   * The reader view's text and public passages for one section at text `seq`, made by
   * `compute` once and kept with `rows` (that section's public rows from publicRows, so
   * it goes when they do) until the seq moves on: the same answer for every reader.
   */
  readerText?(rows: CommentWithAuthor[], seq: number, compute: () => ReaderText): ReaderText;
}

/** A commented passage where it is in the current text: what the reader view marks. */
export interface Highlight {
  id: string;
  start: number;
  end: number;
}

/** The section's text (ProseMirror JSON, as docToJson gives it) at `seq` with its commented passages. */
export interface ReaderText {
  seq: number;
  doc: JSONContent;
  highlights: Highlight[];
}

/** The signed-in user, who must be allowed to comment here now. */
export function actingUser(view: ConsultationView, user: UserProfile | null): UserProfile {
  if (!user) throw unauthenticated();
  const unconfirmed = addressToConfirm(view.actor);
  if (unconfirmed && !view.may("comment.create")) throw confirmAddressFirst(unconfirmed);
  if (!view.may("comment.create")) {
    throw new AppError("forbidden", view.consultation.status === "open" ? "The comment window is not open right now." : "This consultation is not open for comments.");
  }
  return user;
}
