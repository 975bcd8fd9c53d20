// /healthz latency while hostile inputs are processed, against the same server
// idle: one input must never cost more than its own request (issue 11). The
// real server runs on a fresh SQLite database; a poller asks /healthz back to
// back (one request in flight) while each case runs. Add a case to CASES.
import { buildDocx, buildDocxBomb, type DocxParagraph } from "../tests/helpers/docx.js";
import { Browser } from "../tests/helpers/client.js";
import { createTestDatabase } from "../tests/helpers/databases.js";
import { startServer } from "../tests/helpers/server.js";
import { fmt, heading, percentile, row } from "./lib.js";

const PASSWORD = "bench-password";
const MiB = 1024 * 1024;
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 3000);
const READS = Number(process.env.BENCH_READS ?? 40);

interface Context {
  url: string;
  owner: Browser;
  token: string;
  sectionId: string;
}

interface HostileCase {
  name: string;
  /**
   * Builds the input before polling starts (that work must not count against
   * the server) and returns the hostile operation, which resolves to the
   * status(es) the server answered.
   */
  prepare(ctx: Context): Promise<() => Promise<string>>;
}

const upload = (ctx: Context, name: string, bytes: Uint8Array | string) => {
  const form = new FormData();
  form.append("file", new Blob([typeof bytes === "string" ? bytes : new Uint8Array(bytes)]), name);
  return ctx.owner.post("/consultations/import", form);
};

/** Posts `body` as a comment, then reads the section's comment list and page `READS` times in turn. */
function commentCase(name: string, body: string): HostileCase {
  return {
    name,
    async prepare(ctx) {
      const res = await fetch(`${ctx.url}/api/v1/sections/${ctx.sectionId}/comments`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${ctx.token}` },
        body: JSON.stringify({ body }),
      });
      if (res.status !== 201) throw new Error(`comment: ${res.status}`);
      return async () => {
        const seen = new Set<number>();
        for (let i = 0; i < READS; i++) {
          const path = i % 2 === 0 ? `/api/v1/sections/${ctx.sectionId}/comments` : `/c/ai-guideline/s/${ctx.sectionId}`;
          const r = await fetch(ctx.url + path);
          await r.arrayBuffer();
          seen.add(r.status);
        }
        return [...seen].join("/");
      };
    },
  };
}

const CASES: HostileCase[] = [
  commentCase(`2,000-">" comment, ${READS} reads`, `${">".repeat(2000)} deep`),
  // Within the limits and not nested, but about 0.3 s of marked per render.
  commentCase(`5,000 "_a" comment, ${READS} reads`, "_a".repeat(5000)),
  {
    name: "Word import, 45 MiB unpacked (bomb)",
    async prepare(ctx) {
      const bomb = await buildDocxBomb(45 * MiB);
      return async () => String((await upload(ctx, "bomb.docx", bomb)).status);
    },
  },
  {
    name: `Markdown import, 4 MiB of ">"`,
    async prepare(ctx) {
      const md = `# Deep\n\n${">".repeat(4 * MiB)}\n`;
      return async () => String((await upload(ctx, "deep.md", md)).status);
    },
  },
  {
    name: "Word import, ordinary 4 MiB XML",
    async prepare(ctx) {
      const paragraphs: DocxParagraph[] = [{ style: "Title", runs: [{ text: "Bench import" }] }];
      for (let i = 0; i < 8000; i++) {
        if (i % 100 === 0) paragraphs.push({ style: "Heading1", runs: [{ text: `Part ${i / 100 + 1}` }] });
        paragraphs.push({ runs: [{ text: `Paragraph ${i}. ${"Ordinary words in an ordinary sentence. ".repeat(10)}` }] });
      }
      const docx = await buildDocx(paragraphs);
      return async () => String((await upload(ctx, "ordinary.docx", docx)).status);
    },
  },
];

/** Polls /healthz back to back until `work` settles (or for `idleMs` when there is none). */
async function pollDuring(url: string, work: (() => Promise<string>) | null, idleMs = IDLE_MS) {
  const samples: number[] = [];
  let done = false;
  const poller = (async () => {
    while (!done) {
      const start = performance.now();
      const res = await fetch(`${url}/healthz`);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`/healthz answered ${res.status}`);
      samples.push(performance.now() - start);
    }
  })();
  const start = performance.now();
  const outcome = work ? await work() : await new Promise<string>((r) => setTimeout(() => r("-"), idleMs));
  const took = performance.now() - start;
  done = true;
  await poller;
  return { samples: samples.sort((a, b) => a - b), outcome, took };
}

async function main() {
  const tdb = await createTestDatabase("sqlite");
  const server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, LOG_LEVEL: "error", COMMENT_LIMIT_PER_MINUTE: "100000" });
  try {
    const owner = new Browser(server.url);
    await owner.signIn("owner@example.org", PASSWORD);
    const industry = new Browser(server.url);
    await industry.signIn("industry@example.org", PASSWORD);
    const created = await industry.postForm("/account", { intent: "create-token", name: "bench" });
    const token = /mgn_[a-z2-7]{16}_[a-z2-7]{24}/.exec(await created.text())![0];
    const c = await (await fetch(`${server.url}/api/v1/consultations/ai-guideline`)).json();
    const ctx: Context = { url: server.url, owner, token, sectionId: c.sections[1].id as string };

    // Warm up the server (first page render, first worker) before measuring.
    await (await fetch(`${server.url}/c/ai-guideline/s/${ctx.sectionId}`)).arrayBuffer();
    await upload(ctx, "warm.md", "# Warm\n\n## One\n\nText.\n");

    heading("/healthz latency while one hostile input is processed (sequential polls, one server, same run)");
    row(["case", "polls", "p50 ms", "p99 ms", "max ms", "case took ms", "answered"]);
    const show = (name: string, r: Awaited<ReturnType<typeof pollDuring>>) =>
      row([name, r.samples.length, fmt(percentile(r.samples, 50)), fmt(percentile(r.samples, 99)), fmt(r.samples[r.samples.length - 1] ?? Number.NaN), fmt(r.took, 0), r.outcome]);
    show("idle (baseline)", await pollDuring(server.url, null));
    for (const hostile of CASES) {
      show(hostile.name, await pollDuring(server.url, await hostile.prepare(ctx)));
    }
  } finally {
    await server.stop();
    await tdb.drop();
  }
}

await main();
process.exit(0);
