import { DISPOSITION_LABEL, PHASE_CHANGE_LABEL, labelOf } from "../../common/labels.js";
import type { Db } from "../../db/client.js";
import { listConsultationEntries } from "../../db/queries/ledger.js";
import { findSectionsChangedAt, listSectionSummaries } from "../../db/queries/section.js";
import type { ConsultationView } from "../auth/access.js";
import { publishersOf } from "../domain/consultations/index.js";
import { sha256Hex } from "../ledger/chain.js";
import { recentPublicCheckpoints } from "../ledger/checkpoints.js";
import { atomXml, type AtomEntry, type AtomPerson } from "../text/atom.js";
import { reportFrozenFeedItem, settingsFeedItem } from "./feed-record.js";

/** How many events the feed carries. */
const FEED_ENTRIES = 50;
/** How many of the newest signed checkpoints it carries besides. */
const FEED_CHECKPOINTS = 10;
/** The tag authority of a site without ORIGIN, which answers on loopback names only (README, "ORIGIN"). */
const LOCAL_TAG_AUTHORITY = "localhost";
/** Margin's own words in the feed (titles it composes, explanations) are English data, like the CSV and JSON exports. */
const MARGIN_LANG = "en";

/** Where the feed's links point, and the site name its ids are minted under. */
export interface FeedSite {
  /** The origin links are built from (ORIGIN, else the request's). */
  origin: string;
  /** ORIGIN when configured: its host name is the `tag:` authority of every id, so no request header can change an id. */
  configuredOrigin: string | undefined;
}

export interface ConsultationFeed {
  xml: string;
  /** The newest time anything the feed shows changed: its HTTP Last-Modified. */
  lastModified: Date;
  /** A strong validator of the exact bytes. */
  etag: string;
}

/**
 * The ids of a consultation's feed (ADR 036): `tag:` URIs (RFC 4151) minted under
 * ORIGIN's host name and the day the consultation was created, independent of
 * the Host a reader used:
 *   feed        tag:<host>,<YYYY-MM-DD>:consultation/<id>
 *   a version   tag:<host>,<YYYY-MM-DD>:consultation/<id>/version/<n>
 *   other event tag:<host>,<YYYY-MM-DD>:consultation/<id>/ledger/<public seq>
 *   checkpoint  tag:<host>,<day signed>:ledger/checkpoint/<seq>/<key id>
 */
function feedIds(site: FeedSite, consultationId: string, createdAt: string) {
  const authority = site.configuredOrigin ? new URL(site.configuredOrigin).hostname : LOCAL_TAG_AUTHORITY;
  const base = `tag:${authority},${createdAt.slice(0, 10)}:consultation/${consultationId}`;
  return {
    feed: base,
    version: (n: number) => `${base}/version/${n}`,
    event: (seq: number) => `${base}/ledger/${seq}`,
    checkpoint: (cp: { seq: number; keyId: string; time: string }) => `tag:${authority},${cp.time.slice(0, 10)}:ledger/checkpoint/${cp.seq}/${cp.keyId}`,
  };
}

const latest = (times: string[]) => times.reduce((a, b) => (b > a ? b : a));

/**
 * An Atom feed of a consultation's public record: versions, phase changes,
 * settings changes, frozen final reports and responses to comments, straight
 * from the ledger (each entry links to its ledger address, so a feed reader's
 * copy can be checked against it), and the newest signed checkpoints of the
 * whole public ledger: a feed reader that keeps old entries holds signed heads
 * the operator cannot take back. The consultation's publisher is the author of
 * the feed and of its events; the site's ledger is the author of checkpoints.
 */
export async function consultationFeed(db: Db, view: ConsultationView, site: FeedSite): Promise<ConsultationFeed> {
  const c = view.consultation;
  const base = `${site.origin}/c/${c.slug}`;
  const ids = feedIds(site, c.id, c.created_at);
  const ledgerAddress = (seq: number) => `${site.origin}/api/v1/ledger?after=${seq - 1}&limit=1`;
  const entries = await listConsultationEntries(db.kysely, c.id, ["version", "phase_change", "disposition", "settings", "report_frozen"], FEED_ENTRIES);
  const sections = await listSectionSummaries(db.kysely, c.id);
  const sectionTitles = new Map(sections.map((s) => [s.id, s.title]));
  const publisher = (await publishersOf(db, [c])).get(c.id)!;
  // The convening organisation speaks for the consultation; a convener without one, in their own name.
  const convener: AtomPerson = { name: publisher.organisation || publisher.name, uri: base };
  const ledger: AtomPerson = { name: "Margin public ledger", uri: `${site.origin}/transparency` };
  const items: AtomEntry[] = [];
  for (const e of entries) {
    const p = JSON.parse(e.payload) as Record<string, any>;
    let title: string;
    let link = base;
    let content: string;
    let id = ids.event(e.seq);
    // Whether `content` is the consultation's own words (a version's note, a response), in its content language.
    let ownWords = false;
    if (e.kind === "version") {
      id = ids.version(Number(p.number));
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
      title = `Response to a ${p.commentKind === "suggestion" ? "suggestion" : "comment"} on “${sectionTitles.get(e.section_id ?? "") ?? "a section"}”: ${outcome}`;
      link = `${base}/s/${e.section_id}#thread-${p.commentId}`;
      ownWords = p.response !== null;
      content = p.response === null ? "A response to a confidential submission (not published)." : String(p.response);
    }
    items.push({
      id,
      title: { text: title, lang: MARGIN_LANG },
      updated: e.created_at,
      links: [
        { rel: "alternate", type: "text/html", href: link },
        { rel: "related", type: "application/json", href: ledgerAddress(e.seq) },
      ],
      authors: [convener],
      content: ownWords ? { text: content } : { text: content, lang: MARGIN_LANG },
      categories: [e.kind],
    });
  }
  const checkpoints = await recentPublicCheckpoints(db, FEED_CHECKPOINTS);
  for (const cp of checkpoints) {
    const seen = cp.witnesses.length === 0 ? "No witness has co-signed it yet." : `Co-signed by ${cp.witnesses.length} witness(es): ${cp.witnesses.map((w) => `${w.name} (key ${w.keyId}, self-named)`).join(", ")}.`;
    items.push({
      id: ids.checkpoint(cp),
      title: { text: `Ledger checkpoint: entry #${cp.seq} signed`, lang: MARGIN_LANG },
      updated: cp.time,
      links: [
        { rel: "alternate", type: "text/html", href: `${site.origin}/transparency` },
        { rel: "related", type: "application/json", href: `${site.origin}/api/v1/ledger/checkpoints?after=${cp.seq - 1}&limit=1` },
      ],
      authors: [ledger],
      content: {
        text: `The server signed the public ledger's head: entry #${cp.seq} with hash ${cp.hash}, at ${cp.time}, with key ${cp.keyId}. Signature (Ed25519, base64): ${cp.signature}. ${seen}`,
        lang: MARGIN_LANG,
      },
      categories: ["checkpoint"],
    });
  }
  // Newest first, checkpoints among the consultation's own events.
  items.sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0));
  const updated = items[0]?.updated ?? c.updated_at;
  const xml = atomXml({
    id: ids.feed,
    lang: c.content_language,
    title: { text: c.title },
    subtitle: { text: "Versions, phase changes, settings changes, final reports and responses to comments in this consultation.", lang: MARGIN_LANG },
    updated,
    links: [
      { rel: "alternate", type: "text/html", href: base },
      { rel: "self", type: "application/atom+xml", href: `${base}/feed.atom` },
    ],
    authors: [convener],
    entries: items,
  });
  // Renamed sections, a new title and witnesses' co-signatures change the bytes without a new entry: they count too.
  const sectionsChangedAt = await findSectionsChangedAt(db.kysely, c.id);
  const changed = latest([updated, c.updated_at, ...(sectionsChangedAt ? [sectionsChangedAt] : []), ...checkpoints.flatMap((cp) => cp.witnesses.map((w) => w.at))]);
  return { xml, lastModified: new Date(changed), etag: `"${sha256Hex(xml).slice(0, 32)}"` };
}
