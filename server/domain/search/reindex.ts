import type { Db } from "../../../db/client.js";
import { deleteSectionDocs, listUnindexedSections, refreshCommentDocs, refreshConsultationDoc, refreshRequestDoc, writeSectionDoc } from "../../../db/queries/search.js";
import { docToText } from "../../collab/content.js";
import { loadSectionState } from "../../collab/persistence.js";

/**
 * Indexes the sections that have no search row yet: a database from before search
 * (the migration copies comments, responses, consultations and requests with SQL, but
 * a section's text is in its Yjs log, which SQL cannot read). The server runs it at
 * start; each section is loaded and written on its own, so it is cheap when nothing is missing.
 */
export async function indexUnindexedSections(db: Db): Promise<number> {
  const missing = await listUnindexedSections(db.kysely);
  for (const s of missing) {
    const { doc } = await loadSectionState(db, s.id);
    try {
      await writeSectionDoc(db.kysely, s.id, docToText(doc), s.updated_at);
    } finally {
      doc.destroy();
    }
  }
  return missing.length;
}

/** `margin search reindex`: every search row written again from the source rows and the sections' texts. */
export async function reindexAll(db: Db): Promise<number> {
  await db.kysely.transaction().execute(async (tx) => {
    await refreshConsultationDoc(tx, "all");
    await refreshRequestDoc(tx, "all");
    await refreshCommentDocs(tx, "all");
    await deleteSectionDocs(tx);
  });
  return indexUnindexedSections(db);
}
