// What a reader's page costs the server each time the text changes: the reader view
// fetches GET /c/:slug/s/:id/text (the section's text and its commented passages) on
// every `text` event. On a section with about 200 anchored comments, this prints p50
// and p95 of sequential fetches by anonymous readers and by a signed-in participant
// (who has a confidential comment of their own, so their passages differ from the public ones),
// at one text seq (every reader after the first) and right after an edit (the first).
//
//   npx tsx bench/reader-text.ts            (starts a server from this checkout's build)
//   BENCH_FETCHES=400 npx tsx bench/reader-text.ts
import { Browser } from "../tests/helpers/client.js";
import { createTestDatabase } from "../tests/helpers/databases.js";
import { startServer } from "../tests/helpers/server.js";
import { fmt, heading, percentile, row } from "./lib.js";

const PASSWORD = "demo-password-1";
const SLUG = "ai-guideline";
const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 200);
const FETCHES = Number(process.env.BENCH_FETCHES ?? 200);

async function timed(n: number, fetchOne: () => Promise<Response>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await fetchOne();
    if (res.status !== 200) throw new Error(`/text answered ${res.status}`);
    await res.arrayBuffer();
    ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b);
}

async function main() {
  const tdb = await createTestDatabase("sqlite");
  const server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, LOG_LEVEL: "error", COMMENT_LIMIT_PER_MINUTE: "100000" });
  try {
    const sectionId: string = (await (await fetch(`${server.url}/api/v1/consultations/${SLUG}`)).json()).sections[0].id;
    const here = `/c/${SLUG}/s/${sectionId}`;
    const text: string = (await (await fetch(`${server.url}/api/v1/sections/${sectionId}`)).json()).text;
    const words = [...text.matchAll(/\S+ \S+/g)];
    const authors = await Promise.all(["civil@example.org", "industry@example.org", "owner@example.org"].map(async (email) => {
      const b = new Browser(server.url);
      if ((await b.signIn(email, PASSWORD)).status !== 302) throw new Error(`cannot sign in as ${email}`);
      return b;
    }));
    for (let i = 0; i < COMMENTS; i++) {
      const m = words[i % words.length]!;
      const body = `Bench comment ${i}: **why** this passage matters, with a [link](https://example.org/${i}) and *emphasis*.`;
      const res = await authors[i % authors.length]!.postForm(here, { intent: "comment", kind: "comment", body: `${body}`, quoteExact: m[0], quoteStart: String(m.index) });
      if (res.status !== 302) throw new Error(`comment ${i}: ${res.status}`);
    }
    const anonymous = () => fetch(`${server.url}${here}/text`);
    const participant = authors[0]!;
    const m = words[COMMENTS % words.length]!;
    if ((await participant.postForm(here, { intent: "comment", kind: "comment", body: "Bench: for the team only", quoteExact: m[0], quoteStart: String(m.index), confidential: "on" })).status !== 302) throw new Error("confidential comment");
    const first = await (await anonymous()).json();
    heading(`GET ${here.replace(sectionId, ":id")}/text, ${first.highlights.length} commented passages, ${FETCHES} sequential fetches`);
    row(["reader", "p50 ms", "p95 ms"]);
    const anon = await timed(FETCHES, anonymous);
    row(["anonymous, same seq", fmt(percentile(anon, 50), 2), fmt(percentile(anon, 95), 2)]);
    const signed = await timed(FETCHES, () => participant.get(`${here}/text`));
    row(["signed-in participant, same seq", fmt(percentile(signed, 50), 2), fmt(percentile(signed, 95), 2)]);
    // The first reader after a change pays for it: a new comment changes the list the passages come from.
    const afterChange: number[] = [];
    for (let i = 0; i < Math.min(40, FETCHES); i++) {
      const m = words[(COMMENTS + i) % words.length]!;
      if ((await authors[1]!.postForm(here, { intent: "comment", kind: "comment", body: `Bench later ${i}`, quoteExact: m[0], quoteStart: String(m.index) })).status !== 302) throw new Error("later comment");
      afterChange.push(...(await timed(1, anonymous)));
    }
    afterChange.sort((a, b) => a - b);
    row(["anonymous, first after a change", fmt(percentile(afterChange, 50), 2), fmt(percentile(afterChange, 95), 2)]);
  } finally {
    await server.stop();
    await tdb.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
