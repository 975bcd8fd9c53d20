/**
 * Small-cell suppression for the public results of an information request.
 *
 * A results table shows counts of organisations. A count from 1 to k-1 can point at a
 * particular respondent, so it is hidden (primary suppression). Hiding it is not enough
 * when the table's sums give it away — a row total minus the shown cells of the row is
 * the hidden cell — so further cells are hidden until no hidden value follows from the
 * shown ones (complementary suppression). A zero is shown: it says nothing about any one
 * respondent, and being shown it is a known value in every sum it belongs to.
 *
 * What we guarantee, and what we do not:
 * - Every sum (a total and its parts, one linear equation) ends with either none or at
 *   least two of its members hidden. An equation with exactly one unknown solves for it;
 *   with two or more it gives only their sum. This check is cheap and local, and it is
 *   the one a reader of the page would try first.
 * - It is not enough on its own: several equations, each with two unknowns, can together
 *   pin a value down (three pairwise sums of three hidden cells, or rows and columns
 *   that share hidden cells). So `derivableCells` solves the whole system exactly, and
 *   suppression goes on, one cell at a time, until it finds nothing. Only a degenerate
 *   system (a sum with no parts, a sum listed twice with different parts) can leave a
 *   derivable cell once everything near it is hidden; such tables are not ours to draw.
 * - That is an attack by equations only. An attacker who also uses that counts are
 *   whole numbers and never negative (the linear-programming or interval attack) can
 *   still narrow a hidden value: two hidden cells whose sum is known to be 1 are each 0
 *   or 1, and hidden cells whose sum is 0 are all 0. We do not compute protection
 *   intervals; a table that needs that guarantee needs a real solver.
 */

/** One number the results page would show. */
export interface Cell {
  id: string;
  count: number;
  /**
   * The id of a count this cell is a subset of without summing to it (a multiple-choice
   * cell and its group's number of respondents). When that count is small, this cell
   * is hidden with it: a group below k publishes nothing broken down.
   */
  within?: string;
}

/** `total` equals the sum of `parts` (all cell ids). */
export interface SumConstraint {
  total: string;
  parts: string[];
}

export interface SuppressionResult {
  /** Every hidden cell: `primary` and `complementary` together. */
  suppressed: Set<string>;
  /** Hidden for their own sake: small counts, and everything broken down from one. */
  primary: Set<string>;
  /** Hidden only so that the sums cannot give a primary cell away. */
  complementary: Set<string>;
}

/** Decides which cells of a table to hide so that no count below `k` is shown or derivable by its sums. */
export function suppressCells(cells: Cell[], constraints: SumConstraint[], k: number): SuppressionResult {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`The suppression threshold must be a whole number of at least 2, not ${k}.`);
  const byId = indexCells(cells);
  checkConstraints(byId, constraints);
  // Which equation is closed first can change which cell is hidden; a fixed order
  // makes the result depend on the table only, not on the order it was listed in.
  const ordered = [...constraints].sort((a, b) => compareText(equationKey(a), equationKey(b)));

  const primary = primaryCells(cells, ordered, k);
  const suppressed = new Set(primary);
  for (;;) {
    closeEquations(byId, ordered, suppressed);
    const derivable = derivableCells(cells, ordered, suppressed);
    const first = derivable[0];
    if (first === undefined) break;
    // One cell at a time: hiding one often protects several derivable cells at once,
    // and each extra hidden cell is information the public loses.
    const pick = nearestCandidate(byId, ordered, suppressed, first);
    if (pick === undefined) break;
    suppressed.add(pick);
  }

  const complementary = new Set([...suppressed].filter((id) => !primary.has(id)));
  return { suppressed, primary, complementary };
}

/**
 * The hidden cells whose values follow from the shown ones through the sums, in id order.
 * Solved exactly (Gauss–Jordan elimination in whole numbers), by equations only: see the
 * module comment for what nonnegativity adds.
 */
export function derivableCells(cells: Cell[], constraints: SumConstraint[], suppressed: ReadonlySet<string>): string[] {
  const byId = indexCells(cells);
  checkConstraints(byId, constraints);
  for (const id of suppressed) if (!byId.has(id)) throw new Error(`Hidden cell “${id}” is not among the cells.`);

  // Substituting the shown values moves them to the right-hand side. The true counts
  // satisfy the system, so it has a solution; whether a hidden value is the same in
  // every solution depends only on the left side, the hidden cells' coefficients.
  const unknowns = [...suppressed].sort();
  const column = new Map(unknowns.map((id, i) => [id, i]));
  const rows: bigint[][] = [];
  for (const c of constraints) {
    const row: bigint[] = unknowns.map(() => 0n);
    const add = (id: string, coefficient: bigint) => {
      const j = column.get(id);
      if (j !== undefined) row[j] = row[j]! + coefficient;
    };
    add(c.total, 1n);
    for (const p of c.parts) add(p, -1n);
    if (row.some((v) => v !== 0n)) rows.push(row);
  }

  // In reduced row echelon form a hidden value is determined exactly when its column
  // holds a pivot whose row has no other non-zero entry: that row reads "x = value".
  return reducedRows(rows, unknowns.length)
    .map((row) => row.flatMap((v, j) => (v === 0n ? [] : [j])))
    .filter((nonZero) => nonZero.length === 1)
    .map((nonZero) => unknowns[nonZero[0]!]!)
    .sort();
}

export interface TableOptions {
  /** Choice labels, or ["yes", "no"]. */
  rows: string[];
  /** The organisation kinds present. */
  groups: string[];
  counts: (row: string, group: string) => number;
  respondentsByGroup: Record<string, number>;
  /** True when every respondent is in exactly one row (single choice, yes/no); false for multiple choice. */
  rowsSumToTotal: boolean;
}

export interface Table {
  cells: Cell[];
  constraints: SumConstraint[];
}

/**
 * The cells and sums of one question's table: `cell:<row>:<group>`, `cell:<row>:all`,
 * `n:<group>` and `n:all`.
 */
export function tableFor(opts: TableOptions): Table {
  const { rows, groups, counts, respondentsByGroup, rowsSumToTotal } = opts;
  checkLabels(rows, "row");
  checkLabels(groups, "group");
  for (const g of groups) {
    // Group ids end every cell id, so a colon in one would make ids ambiguous.
    if (g === "all" || g.includes(":")) throw new Error(`“${g}” cannot name a group.`);
  }

  const cellId = (row: string, group: string) => `cell:${row}:${group}`;
  const nOf = (group: string) => {
    const n = respondentsByGroup[group];
    if (n === undefined) throw new Error(`No number of respondents for group “${group}”.`);
    return n;
  };

  const cells: Cell[] = [];
  for (const r of rows) {
    let all = 0;
    for (const g of groups) {
      const count = counts(r, g);
      all += count;
      cells.push({ id: cellId(r, g), count, within: `n:${g}` });
    }
    cells.push({ id: cellId(r, "all"), count: all, within: "n:all" });
  }
  const nAll = groups.reduce((sum, g) => sum + nOf(g), 0);
  for (const g of groups) cells.push({ id: `n:${g}`, count: nOf(g) });
  cells.push({ id: "n:all", count: nAll });

  const constraints: SumConstraint[] = rows.map((r) => ({ total: cellId(r, "all"), parts: groups.map((g) => cellId(r, g)) }));
  constraints.push({ total: "n:all", parts: groups.map((g) => `n:${g}`) });
  if (rowsSumToTotal) {
    const countOf = new Map(cells.map((c) => [c.id, c.count]));
    for (const g of [...groups, "all"]) {
      const parts = rows.map((r) => cellId(r, g));
      constraints.push({ total: `n:${g}`, parts });
      // A sum that does not hold would have the audit reason about a table that does not exist.
      const sum = parts.reduce((s, id) => s + countOf.get(id)!, 0);
      const n = countOf.get(`n:${g}`)!;
      if (sum !== n) throw new Error(`The rows of group “${g}” add up to ${sum}, not to its ${n} respondents.`);
    }
  }
  return { cells, constraints };
}

function indexCells(cells: Cell[]): Map<string, Cell> {
  const byId = new Map<string, Cell>();
  for (const c of cells) {
    if (byId.has(c.id)) throw new Error(`Cell “${c.id}” appears twice.`);
    if (!Number.isInteger(c.count) || c.count < 0) throw new RangeError(`Cell “${c.id}” has count ${c.count}; counts are whole numbers from 0.`);
    byId.set(c.id, c);
  }
  for (const c of cells) {
    if (c.within !== undefined && !byId.has(c.within)) throw new Error(`Cell “${c.id}” is within “${c.within}”, which is not among the cells.`);
  }
  return byId;
}

function checkConstraints(byId: Map<string, Cell>, constraints: SumConstraint[]): void {
  for (const c of constraints) {
    for (const id of [c.total, ...c.parts]) if (!byId.has(id)) throw new Error(`A sum names “${id}”, which is not among the cells.`);
  }
}

function checkLabels(labels: string[], what: string): void {
  if (new Set(labels).size !== labels.length) throw new Error(`Each ${what} may appear only once.`);
}

/** Small counts, then everything broken down from a small count (its parts, and the cells within it), transitively. */
function primaryCells(cells: Cell[], constraints: SumConstraint[], k: number): Set<string> {
  const below = new Map<string, string[]>();
  const link = (whole: string, part: string) => below.set(whole, [...(below.get(whole) ?? []), part]);
  for (const c of constraints) for (const p of c.parts) link(c.total, p);
  for (const c of cells) if (c.within !== undefined) link(c.within, c.id);

  const primary = new Set(cells.filter((c) => c.count > 0 && c.count < k).map((c) => c.id));
  const pending = [...primary];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    for (const part of below.get(id) ?? []) {
      if (primary.has(part)) continue;
      primary.add(part);
      pending.push(part);
    }
  }
  return primary;
}

/** Until stable: every equation with exactly one hidden member hides one more. */
function closeEquations(byId: Map<string, Cell>, constraints: SumConstraint[], suppressed: Set<string>): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const c of constraints) {
      const members = new Set([c.total, ...c.parts]);
      const hidden = [...members].filter((id) => suppressed.has(id)).length;
      if (hidden !== 1) continue;
      const pick = rankedCandidates(byId, [c], suppressed)[0];
      if (pick === undefined) continue;
      suppressed.add(pick);
      changed = true;
    }
  }
}

/**
 * The shown cell to hide so that `derivable` is no longer pinned down. Looked for in the
 * equations it is in, or, when those are all hidden already, in the equations one hidden
 * cell further away, and so on. Within those, the cheapest cell that actually frees it;
 * failing that, the cheapest cell, and the loop tries again.
 */
function nearestCandidate(byId: Map<string, Cell>, constraints: SumConstraint[], suppressed: Set<string>, derivable: string): string | undefined {
  const cells = [...byId.values()];
  const frees = (id: string) => !derivableCells(cells, constraints, new Set([...suppressed, id])).includes(derivable);
  const reached = new Set([derivable]);
  const used = new Set<SumConstraint>();
  let frontier = [derivable];
  while (frontier.length > 0) {
    const layer = constraints.filter((c) => !used.has(c) && [c.total, ...c.parts].some((id) => frontier.includes(id)));
    for (const c of layer) used.add(c);
    const ranked = rankedCandidates(byId, layer, suppressed);
    if (ranked.length > 0) return ranked.find(frees) ?? ranked[0];
    frontier = layer.flatMap((c) => [c.total, ...c.parts]).filter((id) => !reached.has(id));
    for (const id of frontier) reached.add(id);
  }
  return undefined;
}

/**
 * The shown members of these equations, cheapest to hide first. A zero comes last (it
 * hides little: nonnegativity bounds it by whatever it is summed with). Then a part
 * before a total, since totals are what readers most want. Then the smaller count,
 * then the id, so the same table always hides the same cells.
 */
function rankedCandidates(byId: Map<string, Cell>, equations: SumConstraint[], suppressed: ReadonlySet<string>): string[] {
  const keys = new Map<string, Key>();
  for (const c of equations) {
    const roles: [string, number][] = [[c.total, 1], ...c.parts.map((p): [string, number] => [p, 0])];
    for (const [id, role] of roles) {
      if (suppressed.has(id)) continue;
      const count = byId.get(id)!.count;
      const key: Key = [count === 0 ? 1 : 0, role, count];
      const known = keys.get(id);
      if (known === undefined || compareKeys(key, id, known, id) < 0) keys.set(id, key);
    }
  }
  return [...keys].sort(([aId, a], [bId, b]) => compareKeys(a, aId, b, bId)).map(([id]) => id);
}

type Key = [zero: number, role: number, count: number];

function compareKeys(a: Key, aId: string, b: Key, bId: string): number {
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return compareText(aId, bId);
}

function equationKey(c: SumConstraint): string {
  return JSON.stringify([c.total, [...c.parts].sort()]);
}

/** Code-unit order, unlike `localeCompare`, is the same on every machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Gauss–Jordan elimination kept in whole numbers: each step scales both rows rather
 * than dividing, then divides the row by its gcd so the numbers stay small. Pivots are
 * not scaled to 1; only which entries are zero matters to the caller.
 */
function reducedRows(input: bigint[][], width: number): bigint[][] {
  const rows = input.map((r) => [...r]);
  let next = 0;
  for (let col = 0; col < width && next < rows.length; col++) {
    const found = rows.findIndex((r, i) => i >= next && r[col] !== 0n);
    if (found < 0) continue;
    [rows[next], rows[found]] = [rows[found]!, rows[next]!];
    const pivotRow = rows[next]!;
    const pivot = pivotRow[col]!;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const factor = row[col]!;
      if (i === next || factor === 0n) continue;
      rows[i] = withoutCommonFactor(row.map((v, j) => v * pivot - pivotRow[j]! * factor));
    }
    next++;
  }
  return rows.slice(0, next);
}

function withoutCommonFactor(row: bigint[]): bigint[] {
  const g = row.reduce((acc, v) => gcd(acc, v < 0n ? -v : v), 0n);
  return g > 1n ? row.map((v) => v / g) : row;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
