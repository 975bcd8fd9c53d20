// What checking every drafter's update against the editor's schema costs per
// keystroke on a ~20k-character section: the shadow document that checks only
// what an update inserts (server/collab/schema-guard.ts) against a scratch copy
// of the whole document converted and checked for each update. The baseline is
// applying the update to the live document, which the server does anyway.
import * as Y from "yjs";
import { FRAGMENT, jsonToUpdate, markdownToJson, schema, storedJson } from "../server/collab/content.js";
import { SchemaGuard } from "../server/collab/schema-guard.js";
import { fmt, heading, percentile, row } from "./lib.js";

const CHARS = Number(process.env.BENCH_CHARS ?? 20_000);
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 2_000);
const SCRATCH_KEYSTROKES = Number(process.env.BENCH_SCRATCH_KEYSTROKES ?? 200);

function section(): Uint8Array {
  const sentence = "Providers should document the data used to train a system and the tests it passed. ";
  const paragraphs: string[] = [];
  let length = 0;
  for (let i = 0; length < CHARS; i++) {
    const p = i % 10 === 0 ? `## Part ${i / 10 + 1}` : i % 7 === 0 ? `- ${sentence}\n- **${sentence}**` : sentence.repeat(3);
    paragraphs.push(p);
    length += p.length;
  }
  return jsonToUpdate(markdownToJson(paragraphs.join("\n\n")));
}

/** One update per keystroke, typed at random places in the text by a client that starts from `base`. */
function keystrokes(base: Uint8Array, n: number): Uint8Array[] {
  const client = new Y.Doc();
  Y.applyUpdate(client, base);
  const texts: Y.XmlText[] = [];
  const collect = (el: Y.XmlElement | Y.XmlFragment) => {
    for (const c of el.toArray()) {
      if (c instanceof Y.XmlText) texts.push(c);
      else if (c instanceof Y.XmlElement) collect(c);
    }
  };
  collect(client.getXmlFragment(FRAGMENT));
  const out: Uint8Array[] = [];
  client.on("update", (u: Uint8Array) => out.push(u));
  let seed = 7;
  const rand = (k: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % k);
  for (let i = 0; i < n; i++) {
    const t = texts[rand(texts.length)]!;
    if (i % 25 === 24) t.format(0, Math.min(3, t.length), { bold: {} });
    else t.insert(rand(t.length + 1), "x");
  }
  return out;
}

function measure(label: string, updates: Uint8Array[], base: Uint8Array, step: (live: Y.Doc, update: Uint8Array) => void, setup?: (live: Y.Doc) => void): void {
  const live = new Y.Doc();
  Y.applyUpdate(live, base);
  setup?.(live);
  const times: number[] = [];
  for (const u of updates) {
    const t = performance.now();
    step(live, u);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  row([label, `${fmt(mean * 1000, 0)} µs`, `${fmt(percentile(times, 50) * 1000, 0)} µs`, `${fmt(percentile(times, 99) * 1000, 0)} µs`]);
  live.destroy();
}

function main(): void {
  const base = section();
  const probe = new Y.Doc();
  Y.applyUpdate(probe, base);
  const blocks = probe.getXmlFragment(FRAGMENT).toArray().length;
  heading(`Per-update schema check on a section of ${CHARS.toLocaleString("en")}+ characters (${blocks} top-level blocks), ${KEYSTROKES} keystrokes`);
  row(["", "mean", "p50", "p99"]);
  const updates = keystrokes(base, KEYSTROKES);
  measure("apply to the live doc only (baseline)", updates, base, (live, u) => Y.applyUpdate(live, u));
  let guard: SchemaGuard | null = null;
  measure(
    "shadow doc: check what it inserts + apply",
    updates,
    base,
    (live, u) => {
      if (guard!.check(u) !== null) throw new Error("a keystroke was refused");
      Y.applyUpdate(live, u);
      guard!.applied(u);
    },
    (live) => (guard = new SchemaGuard(live)),
  );
  guard!.destroy();
  measure("scratch copy: whole doc converted + checked", updates.slice(0, SCRATCH_KEYSTROKES), base, (live, u) => {
    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(live));
    Y.applyUpdate(scratch, u);
    schema.nodeFromJSON(storedJson(scratch)).check();
    scratch.destroy();
    Y.applyUpdate(live, u);
  });
}

main();
