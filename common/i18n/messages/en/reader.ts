/** The section's text as readers see it (without the editor): choosing a passage by keyboard or selection. */
export const reader = {
  "reader.block.hint": "Press Enter to comment on this paragraph, or Shift and the arrow keys to select part of it; then Tab to the actions.",
  "reader.actions.label": "Actions on the passage",
  "reader.actions.comment": "Comment",
  "reader.actions.commentParagraph": "Comment on this paragraph",
  "reader.actions.suggest": "Suggest a change",
  "reader.note.live": "The drafting team may still edit this text; their changes appear here as they make them.",
  "reader.note.working": "The drafting team edits a working copy; changes appear here when they publish them.",
  "reader.footnotes.title": "Footnotes",
  "reader.footnote.ref": "Footnote {n}",
  "reader.footnote.back": "Back to the text of footnote {n}",
} as const;
