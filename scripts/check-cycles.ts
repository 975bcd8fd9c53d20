// Fails when the modules of server/, app/, db/ or common/ import each other in a circle,
// type-only imports included: a circle of types is still two modules that cannot be
// understood (or split) apart. docs/decisions/014-lint-and-test-rules.md.
import { globFiles, parseCircular, parseDependencyTree, shortenTree } from "dpdm";
import allowlist from "./cycles-allowlist.json" with { type: "json" };

const GLOBS = ["server/**/*.{ts,tsx}", "app/**/*.{ts,tsx}", "db/**/*.ts", "common/**/*.{ts,tsx}"];

const cwd = process.cwd();
const files = (await Promise.all(GLOBS.map((g) => globFiles(g, cwd)))).flat();
const tree = shortenTree(
  cwd,
  await parseDependencyTree(files, { context: cwd, transform: false, skipDynamicImports: false, include: /\.(ts|tsx|js)$/, exclude: /node_modules/ }),
);

// A circle is the same circle whichever module it is printed from.
const key = (circle: readonly string[]) => {
  const start = circle.indexOf([...circle].sort()[0]!);
  return [...circle.slice(start), ...circle.slice(0, start)].join(" -> ");
};
const found = new Set(parseCircular(tree).map(key));
const allowed = new Set(allowlist.circles.map((c) => key(c.split(" -> "))));

const unexpected = [...found].filter((c) => !allowed.has(c));
const stale = [...allowed].filter((c) => !found.has(c));
for (const c of unexpected) process.stderr.write(`import circle: ${c}\n`);
for (const c of stale) process.stderr.write(`scripts/cycles-allowlist.json lists a circle that is gone — delete the entry: ${c}\n`);
if (unexpected.length || stale.length) process.exit(1);
process.stdout.write(`no import circles in ${files.length} modules${allowed.size ? ` (${allowed.size} allowlisted, see scripts/cycles-allowlist.json)` : ""}\n`);
