// Fails when the modules of server/, app/, db/ or common/ import each other in a circle,
// type-only imports included: a circle of types is still two modules that cannot be
// understood (or split) apart. docs/decisions/014-lint-and-test-rules.md.
import { globFiles, parseCircular, parseDependencyTree, shortenTree } from "dpdm";

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
const circles = [...new Set(parseCircular(tree).map(key))];
for (const c of circles) process.stderr.write(`import circle: ${c}\n`);
if (circles.length) process.exit(1);
process.stdout.write(`no import circles in ${files.length} modules\n`);
