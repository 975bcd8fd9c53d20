import { spawnSync } from "node:child_process";

/** Debian's Python, which .ci/run gives python3-feedparser; a developer's other Pythons are not looked at. */
const PYTHON = "/usr/bin/python3";

/**
 * Whether Python's feedparser is there to read feeds with. Without it the tests
 * that need it are skipped with a hint, unless E2E_REQUIRED=1 (CI) makes that a
 * failure, like a missing Chromium.
 */
export function feedparserAvailable(): boolean {
  if (spawnSync(PYTHON, ["-c", "import feedparser"], { stdio: "ignore" }).status === 0) return true;
  if (process.env.E2E_REQUIRED === "1") {
    throw new Error(`E2E_REQUIRED=1 but ${PYTHON} cannot import feedparser: install it with \`apt-get install -y python3-feedparser\`.`);
  }
  process.stderr.write(`feed reader tests skipped: ${PYTHON} has no feedparser (apt-get install -y python3-feedparser)\n`);
  return false;
}

export interface ParsedFeed {
  bozo: number;
  bozoException: string | null;
  id: string;
  language: string | null;
  title: string;
  titleType: string;
  authors: { name: string; href?: string }[];
  entries: { id: string; title: string; titleType: string; titleLanguage: string | null; link: string; authors: { name: string; href?: string }[]; tags: string[] }[];
}

// Reads the feed from stdin and prints what a feed reader would show of it, as JSON.
const READER = `
import feedparser, json, sys
d = feedparser.parse(sys.stdin.buffer.read())
f = d.feed
print(json.dumps({
  "bozo": int(d.bozo),
  "bozoException": str(d.get("bozo_exception")) if d.bozo else None,
  "id": f.get("id"),
  "language": f.get("language"),
  "title": f.get("title"),
  "titleType": f.get("title_detail", {}).get("type"),
  "authors": [dict(a) for a in f.get("authors", [])],
  "entries": [{
    "id": e.get("id"),
    "title": e.get("title"),
    "titleType": e.get("title_detail", {}).get("type"),
    "titleLanguage": e.get("title_detail", {}).get("language"),
    "link": e.get("link"),
    "authors": [dict(a) for a in e.get("authors", [])],
    "tags": [t.get("term") for t in e.get("tags", [])],
  } for e in d.entries],
}))
`;

/** The feed as Python's feedparser reads it. */
export function parseWithFeedparser(xml: string): ParsedFeed {
  const run = spawnSync(PYTHON, ["-c", READER], { input: xml, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`feedparser failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as ParsedFeed;
}
