/** A working copy's publication as a kind of ledger entry (ADR 026), on the transparency page. */
export const publication = {
  "transparency.kind.publication": "Working copies published (who published, which positions)",
} as const;
