/**
 * A long drafting history written straight into a database through the server's own
 * writeChangeSet: words typed or deleted at random places in one section's paragraphs,
 * now and then two edits in one change set, by a few authors. For the history benchmark
 * and the tests of the history replay's kept points.
 */
import * as Y from "yjs";
import { createDb } from "../../db/client.js";
import { listChangeSetsForReplay } from "../../db/queries/collab.js";
import { contentHash, FRAGMENT } from "../../server/collab/content.js";
import { writeChangeSet } from "../../server/collab/persistence.js";
import { seededRandom } from "./random.js";

const BATCH = 500;
/** About the size of a long guidance section (the cold-load figure names 20,000 characters). */
const TARGET_CHARS = 20_000;

/** A paragraph longer than this gets a new one after it rather than more words. */
const PARAGRAPH_CHARS = 700;

const total = (texts: Y.XmlText[]) => texts.reduce((n, t) => n + t.length, 0);
const WORDS = "the council should publish its data openly and explain how each decision on the guideline was reached before it applies".split(" ");

const rand = seededRandom(0x9e3779b9);

function textsOf(doc: Y.Doc): Y.XmlText[] {
  const out: Y.XmlText[] = [];
  const visit = (el: Y.XmlElement | Y.XmlFragment) => {
    for (const child of el.toArray()) {
      if (child instanceof Y.XmlText) out.push(child);
      else if (child instanceof Y.XmlElement) visit(child);
    }
  };
  visit(doc.getXmlFragment(FRAGMENT));
  return out;
}

/** Adds `changeSets` change sets to the first section of consultation `slug`; returns it and the second section. */
export async function writeDraftingHistory(url: string, slug: string, changeSets: number): Promise<{ long: string; short: string }> {
  const db = createDb(url);
  try {
    const sections = await db.kysely
      .selectFrom("section")
      .innerJoin("consultation", "consultation.id", "section.consultation_id")
      .select(["section.id"])
      .where("consultation.slug", "=", slug)
      .orderBy("section.position")
      .execute();
    const long = sections[0]!.id;
    const short = sections[1]!.id;
    const authors = (await db.kysely.selectFrom("user").select("id").limit(3).execute()).map((u) => u.id);
    const doc = new Y.Doc();
    for (const r of await listChangeSetsForReplay(db.kysely, long)) Y.applyUpdate(doc, r.data);
    const lastUpdate = await db.kysely.selectFrom("section_update").select((eb) => eb.fn.max("seq").as("seq")).where("section_id", "=", long).executeTakeFirst();
    const lastSet = await db.kysely.selectFrom("change_set").select((eb) => eb.fn.max("seq_to").as("seq")).where("section_id", "=", long).executeTakeFirst();
    let seq = Math.max(Number(lastUpdate?.seq ?? 0), Number(lastSet?.seq ?? 0));
    const texts = textsOf(doc).filter((t) => t.length > 0);
    let pending: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => pending.push(u));
    const at = new Date().toISOString();
    for (let done = 0; done < changeSets; ) {
      const n = Math.min(BATCH, changeSets - done);
      await db.kysely.transaction().execute(async (tx) => {
        for (let i = 0; i < n; i++) {
          let inserted = 0;
          let deleted = 0;
          for (let e = rand(4) === 0 ? 2 : 1; e > 0; e--) {
            const t = texts[rand(texts.length)]!;
            // Drafting both adds and cuts: once the section is at its size, a cut is as likely as an addition.
            if (t.length > 200 && rand(total(texts) > TARGET_CHARS ? 2 : 5) === 0) {
              const len = 3 + rand(6);
              t.delete(rand(t.length - len), len);
              deleted += len;
            } else if (t.length > PARAGRAPH_CHARS && t.parent instanceof Y.XmlElement && t.parent.parent instanceof Y.XmlFragment) {
              // A paragraph that has grown long is followed by a new one, as a drafter would break it.
              const fragment = t.parent.parent;
              const paragraph = new Y.XmlElement("paragraph");
              const fresh = new Y.XmlText();
              const sentence = `${WORDS.slice(rand(8), 10 + rand(10)).join(" ")}.`;
              fragment.insert(fragment.toArray().indexOf(t.parent) + 1, [paragraph]);
              paragraph.insert(0, [fresh]);
              fresh.insert(0, sentence);
              texts.push(fresh);
              inserted += sentence.length;
            } else {
              const word = `${WORDS[rand(WORDS.length)]} `;
              t.insert(rand(t.length + 1), word);
              inserted += word.length;
            }
          }
          seq += 1;
          const data = Y.mergeUpdates(pending);
          pending = [];
          await writeChangeSet(tx, db.dialect, {
            id: `bench${String(seq).padStart(11, "0")}`,
            sectionId: long,
            seqFrom: seq,
            seqTo: seq,
            authors: [authors[rand(authors.length)]!],
            startedAt: at,
            endedAt: at,
            data,
            stateHash: contentHash(doc),
            stats: { inserted, deleted, summary: "bench" },
          });
        }
      });
      done += n;
    }
    return { long, short };
  } finally {
    await db.close();
  }
}

