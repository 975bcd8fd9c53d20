/** A working copy's publication as a kind of ledger entry (ADR 026), on the transparency page; typing refused as it closed. */
export const publication = {
  "transparency.kind.publication": "Working copies published (who published, which positions)",
  "working.closed.unsaved":
    "The working copy closed while you were typing (the team went back to live drafting, or the consultation became final). Your last edit was not saved: type it again here if it is still needed.",
} as const;
