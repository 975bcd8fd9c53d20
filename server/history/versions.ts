import * as Y from "yjs";
import type { Db } from "../../db/client.js";
import { findLastChangeSet, listChangeSetsForReplay } from "../../db/queries/collab.js";
import { listSectionSummaries } from "../../db/queries/section.js";
import {
  findMaxVersionNumber,
  findVersion,
  insertVersion,
  listAnchorCarries,
  listLatestCarries,
  listOpenAnchoredComments,
  listVersionSections,
  listVersions,
} from "../../db/queries/history.js";
import type { UserProfile } from "../../db/queries/user.js";
import type { AnchorCarryRow, AnchorOutcome, VersionRow, VersionSectionRow } from "../../db/schema.js";
import { contentHash, docToJson, docToText } from "../collab/content.js";
import type { CollabService } from "../collab/service.js";
import { flatten, resolveAnchor } from "../collab/text-model.js";
import type { ConsultationView } from "../auth/access.js";
import { AppError, forbidden, notFound, unauthenticated } from "../errors.js";
import { newId, nowIso } from "../ids.js";
import { appendLedger } from "../ledger/append.js";
import type { MailService } from "../mail/index.js";
import { notifyVersion } from "../domain/follows/index.js";

export interface VersionDeps {
  db: Db;
  collab: Pick<CollabService, "settle">;
  /** Tells the consultation's followers, in the publishing transaction (none: nobody is told, as in the demo seed). */
  mail?: MailService | null;
}

/** A section's document at a change-set boundary, rebuilt from the stored change sets. */
async function docAt(db: Db, sectionId: string, seq: number): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const r of await listChangeSetsForReplay(db.kysely, sectionId, seq)) Y.applyUpdate(doc, r.data);
  return doc;
}

/**
 * Where an open comment's passage stands in the new version, compared with
 * the previous version (or, the first time, with the text as quoted):
 * "exact": the same words at the same place; "moved": the same words
 * elsewhere; "changed": the words were edited; "orphaned": the passage is gone.
 */
function carryAnchor(
  doc: Y.Doc,
  flat: ReturnType<typeof flatten>,
  c: { anchor_start: Uint8Array; anchor_end: Uint8Array; quote_exact: string | null; position_start: number | null },
  previous: { start_offset: number | null; current_text: string | null } | null,
): { outcome: AnchorOutcome; start: number | null; end: number | null; current: string | null } {
  const exact = previous ? (previous.current_text ?? "") : (c.quote_exact ?? "");
  const startOffset = previous ? (previous.start_offset ?? -1) : (c.position_start ?? 0);
  const r = resolveAnchor(doc, flat, { start: c.anchor_start, end: c.anchor_end, exact, startOffset });
  if (r.start === null || r.end === null || !r.current) return { outcome: "orphaned", start: null, end: null, current: null };
  return { outcome: r.state, start: r.start, end: r.end, current: r.current };
}

export interface PublishedVersion {
  id: string;
  number: number;
  anchors: Record<AnchorOutcome, number>;
}

/**
 * Publishes a named version: settles every section, freezes each one's state
 * at its last change set, carries every open comment's anchor into it with the
 * outcome, and records it all in the ledger.
 */
export async function publishVersion(
  deps: VersionDeps,
  view: ConsultationView,
  user: UserProfile | null,
  input: { name: string; note: string },
  /** When it was published: now, except for the demo seed's back-dated history. */
  at: string = nowIso(),
): Promise<PublishedVersion> {
  if (!user) throw unauthenticated();
  if (!view.may("version.publish")) throw forbidden("Only the drafting team can publish versions.");
  const { db } = deps;
  const consultationId = view.consultation.id;
  const sections = await listSectionSummaries(db.kysely, consultationId);
  if (sections.length === 0) throw new AppError("conflict", "Add a section before publishing a version.");
  for (const s of sections) await deps.collab.settle(s.id);

  const versionId = newId();
  const frozen: VersionSectionRow[] = [];
  const carries: AnchorCarryRow[] = [];
  const tally: Record<AnchorOutcome, number> = { exact: 0, moved: 0, changed: 0, orphaned: 0 };
  const open = await listOpenAnchoredComments(db.kysely, consultationId);
  const previous = await listLatestCarries(db.kysely, consultationId);
  for (const s of sections) {
    const last = await findLastChangeSet(db.kysely, s.id);
    const seq = last?.seq_to ?? 0;
    const doc = await docAt(db, s.id, seq);
    try {
      const hash = contentHash(doc);
      if (last && hash !== last.state_hash) {
        throw new Error(`section ${s.id}: replayed state does not match change set ${last.id}; run margin verify`);
      }
      frozen.push({ version_id: versionId, section_id: s.id, position: s.position, title: s.title, seq, state_hash: hash, content: JSON.stringify(docToJson(doc)), text: docToText(doc) });
      const flat = flatten(doc);
      for (const c of open.filter((x) => x.section_id === s.id)) {
        const carried = carryAnchor(doc, flat, c, previous.get(c.id) ?? null);
        tally[carried.outcome] += 1;
        carries.push({ version_id: versionId, comment_id: c.id, outcome: carried.outcome, start_offset: carried.start, end_offset: carried.end, current_text: carried.current });
      }
    } finally {
      doc.destroy();
    }
  }

  let number = 0;
  try {
    await db.kysely.transaction().execute(async (tx) => {
      number = (await findMaxVersionNumber(tx, consultationId)) + 1;
      const row: VersionRow = {
        id: versionId,
        consultation_id: consultationId,
        number,
        name: input.name,
        note: input.note,
        public: view.consultation.status === "draft" ? 0 : 1,
        created_by: user.id,
        created_at: at,
      };
      await insertVersion(tx, row, frozen, carries);
      await appendLedger(tx, db.dialect, {
        kind: "version",
        consultationId,
        subjectId: versionId,
        createdAt: at,
        payload: {
          number,
          name: input.name,
          note: input.note,
          publishedBy: user.id,
          sections: frozen.map((f) => ({ sectionId: f.section_id, title: f.title, seq: f.seq, stateHash: f.state_hash })),
          anchors: carries.map((c) => ({ commentId: c.comment_id, outcome: c.outcome, start: c.start_offset, end: c.end_offset })),
        },
      });
      if (deps.mail) await notifyVersion(tx, deps.mail, consultationId, { id: versionId, number }, user.id);
    });
    deps.mail?.kick();
  } catch (e) {
    if (e instanceof Error && /unique|UNIQUE/.test(e.message)) throw new AppError("conflict", "Another version was published at the same moment. Reload and try again.");
    throw e;
  }
  return { id: versionId, number, anchors: tally };
}

export async function versionsOf(db: Db, view: ConsultationView): Promise<VersionRow[]> {
  return listVersions(db.kysely, view.consultation.id, !view.may("history.viewDrafting"));
}

export interface VersionDetail {
  version: VersionRow;
  /** The version after this one, if any: comments made before it was published were made against this one. */
  next: VersionRow | null;
  previous: VersionRow | null;
  sections: VersionSectionRow[];
  carries: Map<string, AnchorCarryRow>;
}

export async function versionDetail(db: Db, view: ConsultationView, number: number): Promise<VersionDetail> {
  const version = await findVersion(db.kysely, view.consultation.id, number);
  if (!version || (!version.public && !view.may("history.viewDrafting"))) throw notFound(`Version ${number}`);
  const all = await versionsOf(db, view);
  const next = all.filter((v) => v.number > number).sort((a, b) => a.number - b.number)[0] ?? null;
  const previous = all.filter((v) => v.number < number).sort((a, b) => b.number - a.number)[0] ?? null;
  const sections = await listVersionSections(db.kysely, version.id);
  const carries = new Map((await listAnchorCarries(db.kysely, version.id)).map((c) => [c.comment_id, c]));
  return { version, next, previous, sections, carries };
}
