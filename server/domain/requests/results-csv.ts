import { answerText } from "../../../common/answer-text.js";
import type { ResultCell, ResultsDocument } from "./results.js";

/**
 * The results document as one CSV, line for line what the page shows: each table
 * cell (a suppressed one has an empty value and "suppressed" in the note), each
 * statistic, the participation list and its counts, and the public answers.
 */
export const RESULTS_CSV_COLUMNS = ["part", "question", "prompt", "item", "group", "value", "note"] as const;

/** Marks a suppressed cell in the CSV's note column. */
export const SUPPRESSED_NOTE = "suppressed";

function csvCell(value: string | number | null): string {
  const s = value === null ? "" : String(value);
  // Spreadsheets run cells that start with these as formulas.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function resultsToCsv(doc: ResultsDocument): string {
  const lines: (string | number | null)[][] = [[...RESULTS_CSV_COLUMNS]];
  const cellLine = (part: string, q: { position: number; prompt: string }, item: string, c: ResultCell) => [
    part,
    q.position,
    q.prompt,
    item,
    c.group,
    c.value,
    c.suppressed ? SUPPRESSED_NOTE : null,
  ];
  for (const q of doc.questions) {
    for (const c of q.respondents) lines.push(cellLine("respondents", q, "respondents", c));
    for (const r of q.rows) for (const c of r.cells) lines.push(cellLine("count", q, r.key, c));
    for (const s of q.statistics ?? []) {
      for (const stat of ["q1", "median", "q3"] as const) {
        lines.push(["statistic", q.position, q.prompt, stat, s.group, s.quartiles ? s.quartiles[stat] : null, s.quartiles ? null : SUPPRESSED_NOTE]);
      }
    }
  }
  const p = doc.participation;
  for (const o of p.invited) lines.push(["participation", null, null, o.name, o.kind, o.status, o.reason]);
  for (const [item, n] of Object.entries(p.counts)) lines.push(["participation_count", null, null, item, null, n, null]);
  lines.push(["participation_count", null, null, "openCallRespondents", null, p.openCallRespondents, null]);
  const position = new Map(doc.questions.map((q) => [q.id, q]));
  for (const a of doc.publicAnswers.named) {
    const q = position.get(a.questionId);
    lines.push(["public_named", q?.position ?? null, q?.prompt ?? null, a.organisation.name, a.organisation.kind, answerText(a.value), a.day]);
  }
  for (const a of doc.publicAnswers.unnamed) {
    const q = position.get(a.questionId);
    lines.push(["public_unnamed", q?.position ?? null, q?.prompt ?? null, null, a.kind, answerText(a.value), a.day]);
  }
  const withheld = doc.publicAnswers.unnamedWithheld ?? 0;
  if (withheld > 0) lines.push(["public_unnamed_withheld", null, null, null, null, withheld, null]);
  return lines.map((l) => l.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
