import { Feed } from "feed";
import { DISPOSITION_LABEL, PHASE_CHANGE_LABEL, labelOf } from "../../common/labels.js";
import type { Db } from "../../db/client.js";
import { listConsultationEntries } from "../../db/queries/ledger.js";
import { listSectionSummaries } from "../../db/queries/section.js";
import type { ConsultationView } from "../auth/access.js";
import { recentPublicCheckpoints } from "../ledger/checkpoints.js";
import { escapeHtml } from "../text/markdown.js";
import { reportFrozenFeedItem, settingsFeedItem } from "./feed-record.js";

/** How many events the feed carries. */
const FEED_ENTRIES = 50;
/** How many of the newest signed checkpoints it carries besides. */
const FEED_CHECKPOINTS = 10;


/**
 * An Atom feed of a consultation's public record: versions, phase changes,
 * settings changes, frozen final reports and responses to comments, straight
 * from the ledger (each entry's id is its ledger address, so a feed reader's copy
 * can be checked against it), and the newest signed checkpoints of the whole
 * public ledger: a feed reader that keeps old entries holds signed heads the
 * operator cannot take back.
 */
export async function consultationFeed(db: Db, view: ConsultationView, origin: string): Promise<string> {
  const c = view.consultation;
  const base = `${origin}/c/${c.slug}`;
  const entries = await listConsultationEntries(db.kysely, c.id, ["version", "phase_change", "disposition", "settings", "report_frozen"], FEED_ENTRIES);
  const sections = new Map((await listSectionSummaries(db.kysely, c.id)).map((s) => [s.id, s.title]));
  const feed = new Feed({
    title: `${c.title} — Margin`,
    description: "Versions, phase changes, settings changes, final reports and responses to comments in this consultation.",
    id: `${base}/feed.atom`,
    link: base,
    copyright: "",
    updated: new Date(entries[0]?.created_at ?? c.updated_at),
    feedLinks: { atom: `${base}/feed.atom` },
  });
  for (const e of entries) {
    const p = JSON.parse(e.payload) as Record<string, any>;
    let title: string;
    let link = base;
    let content: string;
    // Whether `content` is the consultation's own words (a version's note, a response), in its content language.
    let ownWords = false;
    if (e.kind === "version") {
      title = `Version ${p.number} published: ${p.name}`;
      link = `${base}/v/${p.number}`;
      const n = (p.sections as unknown[]).length;
      ownWords = Boolean(p.note);
      content = p.note ? String(p.note) : `${n} ${n === 1 ? "section" : "sections"} frozen.`;
    } else if (e.kind === "phase_change") {
      title = Object.hasOwn(PHASE_CHANGE_LABEL, p.to) ? labelOf(PHASE_CHANGE_LABEL, p.to) : `Now ${p.to}`;
      content = `The consultation moved from ${p.from} to ${p.to}.`;
    } else if (e.kind === "settings") {
      const item = settingsFeedItem(p);
      if (!item) continue;
      ({ title, content } = item);
      link = `${base}/history`;
    } else if (e.kind === "report_frozen") {
      ({ title, content } = reportFrozenFeedItem(p));
      link = `${base}/v/${p.versionNumber}/report`;
    } else {
      const outcome = labelOf(DISPOSITION_LABEL, p.outcome);
      title = `Response to a ${p.commentKind === "suggestion" ? "suggestion" : "comment"} on “${sections.get(e.section_id ?? "") ?? "a section"}”: ${outcome}`;
      link = `${base}/s/${e.section_id}#thread-${p.commentId}`;
      ownWords = p.response !== null;
      content = p.response === null ? "A response to a confidential submission (not published)." : String(p.response);
    }
    feed.addItem({
      // Atom titles from the feed library are type="html": escaped, a version name or section title is shown as the words it is.
      title: escapeHtml(title),
      id: `${origin}/api/v1/ledger?after=${e.seq - 1}&limit=1`,
      link,
      date: new Date(e.created_at),
      content: ownWords ? `<p lang="${escapeHtml(c.content_language)}">${escapeHtml(content)}</p>` : `<p>${escapeHtml(content)}</p>`,
      category: [{ name: e.kind, term: e.kind }],
    });
  }
  for (const cp of await recentPublicCheckpoints(db, FEED_CHECKPOINTS)) {
    const seen = cp.witnesses.length === 0 ? "No witness has co-signed it yet." : `Co-signed by ${cp.witnesses.length} witness(es): ${cp.witnesses.map((w) => `${w.name} (key ${w.keyId}, self-named)`).join(", ")}.`;
    feed.addItem({
      title: `Ledger checkpoint: entry #${cp.seq} signed`,
      id: `${origin}/api/v1/ledger/checkpoints?after=${cp.seq - 1}&limit=1#${cp.keyId}`,
      link: `${origin}/transparency`,
      date: new Date(cp.time),
      content: `<p>${escapeHtml(`The server signed the public ledger's head: entry #${cp.seq} with hash ${cp.hash}, at ${cp.time}, with key ${cp.keyId}. Signature (Ed25519, base64): ${cp.signature}. ${seen}`)}</p>`,
      category: [{ name: "checkpoint", term: "checkpoint" }],
    });
  }
  // Newest first, checkpoints among the consultation's own events.
  feed.items.sort((a, b) => b.date.getTime() - a.date.getTime());
  // The feed's own words are English (it is data, like the CSV and JSON exports); the consultation's words say their language where they stand.
  return feed.atom1().replace('<feed xmlns="http://www.w3.org/2005/Atom">', '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">');
}
