/** The transparency page: the public ledger, its signed checkpoints and witnesses. */
export const transparency = {
  "transparency.meta": "Transparency",
  "transparency.title": "Transparency",
  "transparency.lead":
    "Everything that shapes a consultation’s outcome is written to a public, append-only ledger. Each entry’s hash covers its content and the hash of the entry before it, so no past entry can be changed, removed or reordered without every later hash changing. This server signs the newest entry regularly, and independent witnesses keep copies of those signatures, so the operator cannot quietly replace the ledger with another one either.",
  "transparency.head": "The witnessed head",
  "transparency.head.unwitnessed": "Checkpoint #{seq} signed at {at}; no independent witness has co-signed it yet.",
  "transparency.head.witnessed": "Checkpoint #{seq} signed at {at}, seen by {n, plural, one {# independent witness} other {# independent witnesses}}.",
  "transparency.head.hash": "Its hash: <code>{hash}</code>",
  "transparency.witnesses.lead":
    "Witnesses that co-signed it. Each chose its own name; only its key is proven, and Margin does not check who holds a key: trust a witness whose key it publishes itself (on its own website, say).",
  "transparency.witness.line": "“{name}” (self-named), key <code>{keyId}</code>, {at}",
  "transparency.witnesses.none": "Anyone can become a witness: see “Run a witness” below.",
  "transparency.head.empty": "Nothing has been signed yet: the ledger is empty until a consultation opens.",
  "transparency.head.grown": "The ledger has grown to entry #{seq} since; the next checkpoint will cover it.",
  "transparency.covers": "What the record covers",
  "transparency.covers.text": "Every change to a consultation’s text, every published version and every phase change (opening, closing, reopening, final).",
  "transparency.covers.submissions": "Every submission: comments, replies and suggestions, their edits and withdrawals, and every position taken or changed.",
  "transparency.covers.moderation": "Every moderation decision with its reason, and every response to a comment or suggestion, including when a response is replaced.",
  "transparency.covers.settings": "Every change to a consultation’s settings (dates, moderation mode) and to its team (who joined, who left, with which role).",
  "transparency.covers.final": "The response report of a consultation marked final, frozen: later corrections appear as new entries, never as silent edits.",
  "transparency.covers.requests":
    "Information requests: issuing and changes, the invitation lists, each submission’s receipt (only a salted digest for answers that are not public), declines and the publication of results; organisations, their verification and representatives; recipient bodies and their members.",
  "transparency.notCovered": "What it does not cover",
  "transparency.notCovered.hidden":
    "The words of hidden or confidential submissions. The record holds only a salted digest of them: it proves the entry is about one particular text without revealing it.",
  "transparency.notCovered.drafting":
    "Drafting before a consultation opens stays private to its team. The entry that opens the consultation carries the hash of that private history and each section’s text at opening, so it cannot be rewritten afterwards.",
  "transparency.notCovered.refused":
    "The ledger can only show what was written to it: an operator who refuses to record something at all (turning a submission away before it is stored, say) leaves no entry. A submitter’s receipt is the proof that a submission was accepted.",
  "transparency.notCovered.unsigned":
    "Entries after the latest checkpoint are not yet signed. Until the next checkpoint, they are protected only by the witnesses and receipts that have seen them.",
  "transparency.verify": "Check it yourself",
  "transparency.verify.node": "With Node.js 20 or later, run:",
  "transparency.verify.does":
    "This downloads the whole ledger, checks every link and hash, replays every section’s recorded changes with Yjs (the same engine the editor uses) and checks that each step gives the text the ledger recorded, and that the replay ends at the text published today. It also checks every signed checkpoint: that this server’s key signed it, and that the ledger still holds the entry it signed, with the same hash. It stops at the first thing that does not match and names it.",
  "transparency.verify.api":
    "The ledger is also open to any tool: <ledger>/api/v1/ledger</ledger> (pages of entries; follow <code>nextCursor</code>), <head>/api/v1/ledger/head</head> and the signed checkpoints at <checkpoints>/api/v1/ledger/checkpoints</checkpoints>. An entry’s hash is SHA-256 of the canonical JSON (RFC 8785) of its chain, sequence number, kind, consultation, section, subject, time, payload and the previous entry’s hash. A checkpoint is an Ed25519 signature over the canonical JSON of <code>'{chain, seq, hash, time}'</code>.",
  "transparency.key": "This server’s signing key",
  "transparency.key.id": "Key id <code>{keyId}</code> (the first 16 hex characters of the SHA-256 of the public key).",
  "transparency.key.public": "Public key (Ed25519, base64 of its 32 bytes):",
  "transparency.key.also":
    "Also at <link>/.well-known/margin-ledger-key</link>. Compare it with the key the organisation publishes elsewhere (its own website, an official gazette): a witness pins it on its first run and reports any change.",
  "transparency.witness": "Run a witness",
  "transparency.witness.what":
    "A witness is anyone (a newspaper, an industry association, a university) who checks this ledger on a schedule and keeps what it saw. Each run fetches the newest checkpoint, checks its signature and that it extends the one the witness stored last time, entry by entry. If this server ever rewrites its history, cuts it short, or shows different people different histories, a witness that saw the earlier head notices and says so.",
  "transparency.witness.name": "Your organisation",
  "transparency.witness.cron": "To run it every 15 minutes with cron (it prints one line, and exits with an error on any problem):",
  "transparency.witness.key":
    "With <code>--key</code>, the witness also co-signs the checkpoint, and its name appears above. Without it, it only checks and keeps its own copy. Keep the state directory: it is the witness’s memory of what this server has signed.",
  "transparency.counts": "What the ledger holds ({n, plural, one {# entry} other {# entries}})",
  "transparency.counts.none": "Nothing yet.",
  "transparency.count": "{label}: {n}",
  "transparency.recent": "The newest ledger entries",
  "transparency.col.entry": "Entry",
  "transparency.col.when": "When",
  "transparency.col.what": "What",
  "transparency.col.consultation": "Consultation",
  "transparency.col.hash": "Hash",
  "transparency.kind.change_set": "Text changes",
  "transparency.kind.version": "Versions published",
  "transparency.kind.phase_change": "Phase changes",
  "transparency.kind.moderation": "Moderation decisions",
  "transparency.kind.disposition": "Responses to comments",
  "transparency.kind.suggestion_decision": "Decisions on suggestions",
  "transparency.kind.withdrawal": "Withdrawals",
  "transparency.kind.submission": "Submissions (comments, replies, suggestions)",
  "transparency.kind.edit": "Edits to submissions",
  "transparency.kind.position": "Positions taken or changed",
  "transparency.kind.settings": "Settings changes (dates, moderation, title)",
  "transparency.kind.membership": "Team changes",
  "transparency.kind.report_frozen": "Final reports frozen",
  "transparency.kind.organisation": "Organisations registered, verified and their representatives",
  "transparency.kind.request": "Information requests: issued, changed, submissions' receipts, declines, results",
  "transparency.kind.recipient_body": "Recipient bodies and their members",
} as const;
