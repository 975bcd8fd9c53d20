// The section page, the moderation queue and the response report with N comments on
// one consultation (issue 18: 50,000), against the same pages of a consultation with
// 100 comments, on one running server over HTTP. Comments are inserted in bulk straight
// into a SQLite database (texts from bench/corpus.ts), a share of them anchored to real
// passages of their section: the anchors are copied from comments posted through the API.
//
//   npx tsx bench/section-scale.ts            # 50,000 comments
//   npx tsx bench/section-scale.ts --n 5000   # a short run
import { readFileSync } from "node:fs";
import { createDb } from "../db/client.js";
import type { CommentRow } from "../db/schema.js";
import { Browser } from "../tests/helpers/client.js";
import { createTestDatabase } from "../tests/helpers/databases.js";
import { startServer, type TestServer } from "../tests/helpers/server.js";
import { generateCorpus } from "./corpus.js";
import { fmt, heading, percentile, row } from "./lib.js";

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const N = arg("n", 50_000);
const BASELINE = arg("baseline", 100);
const REQUESTS = arg("requests", 30);
const SLUG = "ai-guideline";
const PASSWORD = "bench-password";
/** Passages posted through the API per section, whose anchors the bulk rows copy. */
const PASSAGES = 12;
/** Share of first comments anchored to a passage. */
const ANCHORED = 0.6;
const AUTHORS = 2000;

const SERVER_ENV: Record<string, string> = { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, LOG_LEVEL: "error", COMMENT_LIMIT_PER_MINUTE: "100000", DEMO_JAPANESE: "0" };

interface Template {
  section: string;
  anchor: Pick<CommentRow, "anchor_start" | "anchor_end" | "quote_exact" | "quote_prefix" | "quote_suffix" | "position_start" | "position_end" | "base_seq">;
}

/** A server on a fresh demo database with `n` extra comments; returns it running with the ids the pages need. */
async function prepare(n: number) {
  const tdb = await createTestDatabase("sqlite");
  let server = await startServer(tdb.url, SERVER_ENV);
  const b = new Browser(server.url);
  await b.signIn("industry@example.org", PASSWORD);
  const created = await b.postForm("/account", { intent: "create-token", name: "bench" });
  const token = /mgn_[a-z2-7]{16}_[a-z2-7]{24}/.exec(await created.text())![0];
  const c = await (await fetch(`${server.url}/api/v1/consultations/${SLUG}`)).json();
  const sections = (c.sections as { id: string }[]).map((s) => s.id);
  // Passages of each section's real text, posted once through the API: the bulk rows copy their anchors.
  for (const sectionId of sections) {
    const text = (await (await fetch(`${server.url}/api/v1/sections/${sectionId}`)).json()).text as string;
    const words = text.split(/\s+/).filter(Boolean);
    for (let i = 0; i < PASSAGES && words.length > 6; i++) {
      const at = Math.floor((i * (words.length - 4)) / PASSAGES);
      const exact = words.slice(at, at + 3).join(" ");
      const res = await fetch(`${server.url}/api/v1/sections/${sectionId}/comments`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ body: `On "${exact}"`, selector: { type: "TextQuoteSelector", exact } }),
      });
      // A passage refused (ambiguous, or not whole words) is skipped.
      if (res.status >= 500) throw new Error(`passage: ${res.status} ${await res.text()}`);
    }
  }
  await server.stop();
  const db = createDb(tdb.url);
  const k = db.kysely;
  const consultation = await k.selectFrom("consultation").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow();
  const templates: Template[] = await k
    .selectFrom("comment")
    .select(["section_id as section", "anchor_start", "anchor_end", "quote_exact", "quote_prefix", "quote_suffix", "position_start", "position_end", "base_seq"])
    .where("consultation_id", "=", consultation.id)
    .where("anchor_start", "is not", null)
    .execute()
    .then((rows) => rows.map(({ section, ...anchor }) => ({ section, anchor })));
  const baseSeq = new Map<string, number>();
  for (const t of templates) baseSeq.set(t.section, Math.max(baseSeq.get(t.section) ?? 0, t.anchor.base_seq));
  const now = Date.now();
  const users: string[] = [];
  await k.transaction().execute(async (tx) => {
    const groups = ["industry", "academia", "civil_society", "individual", "startup"] as const;
    for (let i = 0; i < AUTHORS; i += 200) {
      const batch = Array.from({ length: Math.min(200, AUTHORS - i) }, (_, j) => {
        const id = `bench-user-${i + j}`;
        users.push(id);
        return {
          id,
          email: `bench${i + j}@example.org`,
          display_name: `Participant ${i + j}`,
          organisation: "",
          stakeholder_group: groups[(i + j) % groups.length]!,
          password_hash: "x",
          site_role: "member" as const,
          created_at: new Date(now - 86_400_000).toISOString(),
          locale: null,
          email_verified_at: new Date(now - 86_400_000).toISOString(),
          consented_at: null,
          deleted_at: null,
          deleted_shown_as: null,
          mail_key: null,
        };
      });
      await tx.insertInto("user").values(batch).execute();
    }
    const corpus = generateCorpus({ total: n, sections: sections.length, seed: 18 });
    const roots: string[][] = sections.map(() => []);
    let rows: CommentRow[] = [];
    for (let i = 0; i < corpus.length; i++) {
      const item = corpus[i]!;
      const sectionId = sections[item.section]!;
      const reply = i % 10 === 9 && roots[item.section]!.length > 0;
      const own = templates.filter((t) => t.section === sectionId);
      const anchored = !reply && own.length > 0 && (i * 7919) % 100 < ANCHORED * 100;
      const anchor = anchored ? own[i % own.length]!.anchor : null;
      const id = `bench-${i.toString().padStart(6, "0")}`;
      if (!reply) roots[item.section]!.push(id);
      rows.push({
        id,
        section_id: sectionId,
        consultation_id: consultation.id,
        author_id: users[i % users.length]!,
        parent_id: reply ? roots[item.section]![(i * 31) % roots[item.section]!.length]! : null,
        kind: "comment",
        body: item.body,
        replacement: null,
        anchor_start: anchor?.anchor_start ?? null,
        anchor_end: anchor?.anchor_end ?? null,
        quote_exact: anchor?.quote_exact ?? null,
        quote_prefix: anchor?.quote_prefix ?? null,
        quote_suffix: anchor?.quote_suffix ?? null,
        position_start: anchor?.position_start ?? null,
        position_end: anchor?.position_end ?? null,
        base_seq: anchor?.base_seq ?? baseSeq.get(sectionId) ?? 0,
        visibility: i % 50 === 7 ? "confidential" : "public",
        status: i % 100 === 3 ? "pending" : i % 100 === 5 ? "hidden" : "published",
        suggestion_status: null,
        decided_by: null,
        decided_at: null,
        decision_reason: null,
        applied_seq: null,
        moderation_reason: i % 100 === 5 ? "off_topic" : null,
        review_requested_at: null,
        publication: "name",
        redacted_of: null,
        created_at: new Date(now - 3_600_000 + i * 10).toISOString(),
        edited_at: null,
        deleted_at: null,
      });
      if (rows.length === 500) {
        await tx.insertInto("comment").values(rows).execute();
        rows = [];
      }
    }
    if (rows.length) await tx.insertInto("comment").values(rows).execute();
  });
  await db.close();
  server = await startServer(tdb.url, SERVER_ENV);
  const team = new Browser(server.url);
  await team.signIn("owner@example.org", PASSWORD);
  // A published version, so that its response report lists every comment.
  const published = await team.postForm(`/c/${SLUG}/versions`, { name: "Bench draft", note: "" });
  if (published.status !== 302) throw new Error(`publishing a version: ${published.status}`);
  const check = createDb(tdb.url);
  const version = await check.kysely.selectFrom("version").select("number").where("consultation_id", "=", consultation.id).orderBy("number", "desc").executeTakeFirstOrThrow();
  await check.close();
  return { tdb, server, team, sections, version: version.number };
}

/** Sorted times of REQUESTS sequential requests after 3 warm-ups; empty (printed "failed") when the page does not answer 200. */
async function time(fetchOnce: () => Promise<Response>, server: TestServer): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < REQUESTS + 3; i++) {
    const start = performance.now();
    const res = await fetchOnce();
    await res.text();
    if (res.status !== 200) {
      process.stderr.write(`answered ${res.status}; the server said:\n${server.output().slice(-2000)}\n`);
      return [];
    }
    if (i >= 3) samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b);
}

function peakRss(server: TestServer): number {
  const status = readFileSync(`/proc/${server.process.pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

async function measure(n: number) {
  const { tdb, server, team, sections, version } = await prepare(n);
  const busiest = sections[0]!;
  const page = (path: string, who: "anonymous" | "team") => time(() => (who === "team" ? team.get(path) : fetch(`${server.url}${path}`)), server);
  const out = {
    anonymous: await page(`/c/${SLUG}/s/${busiest}`, "anonymous"),
    team: await page(`/c/${SLUG}/s/${busiest}`, "team"),
    moderation: await page(`/c/${SLUG}/moderation`, "team"),
    report: await page(`/c/${SLUG}/v/${version}/report`, "team"),
    rss: 0,
  };
  out.rss = peakRss(server);
  await server.stop();
  await tdb.drop();
  return out;
}

async function main() {
  const base = await measure(BASELINE);
  const big = await measure(N);
  heading(`Pages at ${N} comments on one consultation vs ${BASELINE} (${REQUESTS} sequential requests each, SQLite)`);
  row(["page", `p50 @${BASELINE}`, `p95 @${BASELINE}`, `p50 @${N}`, `p95 @${N}`, "p50 ratio"]);
  const p = (xs: number[], q: number) => (xs.length ? fmt(percentile(xs, q)) : "failed");
  const line = (label: string, a: number[], b: number[]) => row([label, p(a, 50), p(a, 95), p(b, 50), p(b, 95), `${fmt(percentile(b, 50) / percentile(a, 50), 2)}×`]);
  line("section page, anonymous reader", base.anonymous, big.anonymous);
  line("section page, team member", base.team, big.team);
  line("moderation queue", base.moderation, big.moderation);
  line("response report", base.report, big.report);
  row(["server peak RSS (MiB)", fmt(base.rss), "", fmt(big.rss), "", `${fmt(big.rss / base.rss, 2)}×`]);
  process.stdout.write(`\nTarget: section page p50 < 50 ms at ${N}.\n`);
}

await main();
process.exit(0);
