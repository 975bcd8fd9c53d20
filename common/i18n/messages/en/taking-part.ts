/** Taking part on the section page: responding from the rail, positions by passage. */
export const takingPart = {
  "takingPart.respond.hint": "Links to changes and versions stay as they are; set them in the response report.",
  "takingPart.respond.label": "Respond to the comment by {author}",
  "takingPart.passages.title": "By passage",
  "takingPart.passages.caption": "Positions on this passage, by stakeholder group",
  "takingPart.passage.tally": "{counts} on this passage",
  "takingPart.passage.count": "{n} {stance}",
};
