/** What `npm start` (margin serve --demo) and `margin seed` print about the demo accounts: each with what it is for. */
export const firstRun = {
  "firstRun.accounts": "Demo accounts:",
  "firstRun.accountsJa": "Japanese demo accounts (they see the interface in Japanese):",
  "firstRun.line": "  {email}  {role}",
  "firstRun.role.owner": "owner: settings, phases and team; drafts and responds too",
  "firstRun.role.drafter": "drafter: edits the text, responds to comments",
  "firstRun.role.moderator": "moderator: the moderation queue",
  "firstRun.role.participant": "participant ({group}): comments, suggests changes, states positions",
  "firstRun.role.convener": "convener: creates consultations and information requests",
  "firstRun.role.reviewer": "recipient body member: reads the restricted answers sent to the body",
};
