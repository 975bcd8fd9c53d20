import type { Generated, Insertable, Selectable, Updateable } from "kysely";

/**
 * The typed shape of every table. Columns are portable across SQLite and
 * PostgreSQL: ids and timestamps are text (ISO-8601 UTC), hashes are hex text.
 */
export interface Database {
  user: UserTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  consultation: ConsultationTable;
  consultation_member: ConsultationMemberTable;
  section: SectionTable;
  section_update: SectionUpdateTable;
  working_update: WorkingUpdateTable;
  comment_group: CommentGroupTable;
  comment_group_member: CommentGroupMemberTable;
  comment_signature: CommentSignatureTable;
  comment_lsh: CommentLshTable;
  term_df: TermDfTable;
  topic_term: TopicTermTable;
  group_response: GroupResponseTable;
  change_set: ChangeSetTable;
  section_checkpoint: SectionCheckpointTable;
  comment: CommentTable;
  comment_edit: CommentEditTable;
  comment_reaction: CommentReactionTable;
  position: PositionTable;
  moderation_action: ModerationActionTable;
  comment_report: CommentReportTable;
  phase_change: PhaseChangeTable;
  ledger_entry: LedgerEntryTable;
  version: VersionTable;
  version_section: VersionSectionTable;
  anchor_carry: AnchorCarryTable;
  disposition: DispositionTable;
  ledger_checkpoint: LedgerCheckpointTable;
  witness_signature: WitnessSignatureTable;
  receipt: ReceiptTable;
  frozen_report: FrozenReportTable;
  organisation: OrganisationTable;
  organisation_member: OrganisationMemberTable;
  recipient_body: RecipientBodyTable;
  recipient_body_member: RecipientBodyMemberTable;
  info_request: InfoRequestTable;
  info_request_question: InfoRequestQuestionTable;
  info_request_recipient: InfoRequestRecipientTable;
  info_request_invitation: InfoRequestInvitationTable;
  info_request_section: InfoRequestSectionTable;
  info_response: InfoResponseTable;
  info_response_revision: InfoResponseRevisionTable;
  info_answer: InfoAnswerTable;
  access_log: AccessLogTable;
  consultation_recipient: ConsultationRecipientTable;
  search_doc: SearchDocTable;
  account_token: AccountTokenTable;
  invitation: InvitationTable;
  notification: NotificationTable;
  follow: FollowTable;
  notify_sweep: NotifySweepTable;
  mail_outbox: MailOutboxTable;
}

export const STAKEHOLDER_GROUPS = [
  "government",
  "industry",
  "startup",
  "academia",
  "civil_society",
  "individual",
  "other",
] as const;
export type StakeholderGroup = (typeof STAKEHOLDER_GROUPS)[number];

/** convener: may create (and import) consultations; granted by an admin (`margin user add --role convener`). */
export const SITE_ROLES = ["admin", "convener", "member"] as const;
export type SiteRole = (typeof SITE_ROLES)[number];

export const CONSULTATION_ROLES = ["owner", "drafter", "moderator"] as const;
export type ConsultationRole = (typeof CONSULTATION_ROLES)[number];

export const CONSULTATION_STATUSES = ["draft", "open", "closed", "final"] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

export const MODERATION_MODES = ["pre", "post"] as const;
export type ModerationMode = (typeof MODERATION_MODES)[number];
/** live: drafters edit the public text; working: a team-only working copy, published on demand (ADR 026). */
export const DRAFTING_MODES = ["live", "working"] as const;
export type DraftingMode = (typeof DRAFTING_MODES)[number];

export interface UserTable {
  id: string;
  email: string;
  display_name: string;
  organisation: string;
  stakeholder_group: StakeholderGroup;
  password_hash: string;
  site_role: SiteRole;
  created_at: string;
  /** The interface language this person chose ("en", "ja"); null: the cookie or the browser decides. */
  locale: string | null;
  /** When the holder proved the address is theirs; null until then (accounts made before issue 16 count as verified). */
  email_verified_at: string | null;
  /** When the holder accepted the privacy notice at sign-up. */
  consented_at: string | null;
  /** When the holder deleted the account: the row stays, emptied, so submissions keep a stable author. */
  deleted_at: string | null;
  /** How a deleted account's submissions are shown: as a former participant, or under the organisation. */
  deleted_shown_as: DeletedShownAs | null;
  /** JSON: per notification kind, `{ app: boolean, email: boolean }`; kinds not listed take the defaults. */
  notify_prefs: Generated<string>;
  /** "off": one mail per notification; "daily": one digest a day. */
  digest: Generated<DigestMode>;
  /** The secret that signs this person's one-click unsubscribe links (made when the first mail is composed). */
  mail_key: string | null;
}

export const DELETED_SHOWN_AS = ["former_participant", "organisation"] as const;
export type DeletedShownAs = (typeof DELETED_SHOWN_AS)[number];

export const DIGEST_MODES = ["off", "daily"] as const;
export type DigestMode = (typeof DIGEST_MODES)[number];

/** What a single-use account link is for. */
export const ACCOUNT_TOKEN_PURPOSES = ["verify", "reset", "email_change"] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

export interface AccountTokenTable {
  id: string;
  user_id: string;
  purpose: AccountTokenPurpose;
  /** SHA-256 (hex) of the link's secret; the secret itself is only in the mail. */
  secret_hash: string;
  /** The address the link was sent to (for email_change: the new address). */
  email: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export const INVITATION_TARGETS = ["team", "organisation"] as const;
export type InvitationTarget = (typeof INVITATION_TARGETS)[number];

export interface InvitationTable {
  id: string;
  email: string;
  target_kind: InvitationTarget;
  /** For a team invitation: the consultation and the role offered. */
  consultation_id: string | null;
  role: ConsultationRole | null;
  /** For an organisation invitation. */
  organisation_id: string | null;
  secret_hash: string;
  invited_by: string;
  /** The language the invitation mail was written in (the inviter's choice, else theirs). */
  locale: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
  revoked_at: string | null;
}

/** Whether a notification still owes a mail: none owed, a single mail queued, waiting for the digest, sent in one. */
export const NOTIFICATION_MAIL_STATES = ["none", "queued", "digest", "digested"] as const;
export type NotificationMailState = (typeof NOTIFICATION_MAIL_STATES)[number];

export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  /** The event's identity for this person: the same event never notifies twice. */
  dedupe_key: string;
  consultation_id: string | null;
  /** JSON: what the message needs (titles, outcome, reason code), already visible to this person. */
  params: Generated<string>;
  /** The site path the notification leads to. */
  link: string;
  created_at: string;
  read_at: string | null;
  mail_state: Generated<NotificationMailState>;
}

export const FOLLOW_TARGETS = ["consultation", "section", "organisation_requests"] as const;
export type FollowTarget = (typeof FOLLOW_TARGETS)[number];

export interface FollowTable {
  user_id: string;
  target_kind: FollowTarget;
  target_id: string;
  created_at: string;
}

/** An event the notification sweep has handled (a window opening or closing by time, a deadline drawing near): handled once, on whichever node. */
export interface NotifySweepTable {
  event_key: string;
  created_at: string;
}

/** queued: waiting (or retrying); claimed: taken by a node, nothing sent yet; sending: being handed to the SMTP server; sent: the SMTP server accepted it; dead: gave up; uncertain: a node stopped mid-delivery. */
export const MAIL_STATUSES = ["queued", "claimed", "sending", "sent", "dead", "uncertain"] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export interface MailOutboxTable {
  id: string;
  kind: string;
  to_address: string;
  user_id: string | null;
  subject: string;
  text_body: string;
  html_body: string;
  /** JSON: extra headers (List-Unsubscribe, List-Unsubscribe-Post). */
  headers: Generated<string>;
  /** The Message-ID, fixed when queued, so a retried delivery carries the same one. */
  message_id: string;
  status: MailStatus;
  attempts: Generated<number>;
  next_attempt_at: string;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface SessionTable {
  id: string;
  user_id: string;
  secret_hash: string;
  created_at: string;
  last_seen_at: string;
  user_agent: string;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  secret_hash: string;
  created_at: string;
  last_used_at: string | null;
}

export interface ConsultationTable {
  id: string;
  slug: string;
  title: string;
  summary: string;
  status: ConsultationStatus;
  opens_at: string | null;
  closes_at: string | null;
  moderation_mode: ModerationMode;
  /** 1: a participant's first contribution waits for a moderator even in post-moderation. */
  premoderate_first_posts: Generated<number>;
  /** 1: the public moderation log names the moderator behind each decision. */
  show_moderator_names: Generated<number>;
  /** The language the draft is written in (BCP 47: "en", "ja"), marked with `lang` on its content. */
  content_language: Generated<string>;
  /** IANA time zone its dates are entered and shown in, e.g. "Asia/Tokyo". */
  time_zone: Generated<string>;
  /** Whether drafters edit the public text or a team-only working copy (ADR 026). */
  drafting_mode: Generated<DraftingMode>;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ConsultationMemberTable {
  consultation_id: string;
  user_id: string;
  role: ConsultationRole;
  created_at: string;
}

export interface SectionTable {
  id: string;
  consultation_id: string;
  position: number;
  title: string;
  created_at: string;
  updated_at: string;
  /** The last log position handed out (see GroupCommitter). */
  last_seq: Generated<number>;
  /** The last working-copy log position handed out (ADR 026). */
  working_seq: Generated<number>;
}

export type UserRow = Selectable<UserTable>;
export type NewUserRow = Insertable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type ApiTokenRow = Selectable<ApiTokenTable>;
export type ConsultationRow = Selectable<ConsultationTable>;
export type NewConsultationRow = Insertable<ConsultationTable>;
export type ConsultationUpdate = Updateable<ConsultationTable>;
export type ConsultationMemberRow = Selectable<ConsultationMemberTable>;
export type SectionRow = Selectable<SectionTable>;
export type NewSectionRow = Insertable<SectionTable>;

export interface SectionUpdateTable {
  section_id: string;
  seq: number;
  user_id: string | null;
  created_at: string;
  data: Uint8Array;
  /** Set on the update that applied an accepted suggestion. */
  suggestion_id: Generated<string | null>;
  /** JSON array of user ids credited with that update besides its author. */
  credit: Generated<string | null>;
}

export interface ChangeSetTable {
  id: string;
  section_id: string;
  seq_from: number;
  seq_to: number;
  /** JSON array of user ids, in order of first edit. */
  authors: string;
  started_at: string;
  ended_at: string;
  /** The merged Yjs update (V1) of the whole run. */
  data: Uint8Array;
  /** SHA-256 (hex) of the section's canonical content after this change set. */
  state_hash: string;
  inserted: number;
  deleted: number;
  summary: string;
  /** Set when the change set applied an accepted suggestion. */
  suggestion_id: string | null;
  /** 0 while the consultation was a draft: the drafting team's history, not the public's. */
  public: Generated<number>;
}

export interface SectionCheckpointTable {
  section_id: string;
  seq: number;
  created_at: string;
  data: Uint8Array;
  /** The Yjs update encoding of `data`: 1 (V1, every checkpoint before ADR 041) or 2 (V2). */
  format: number;
}

/** A team-only working copy's update, not yet published (ADR 026); published, it moves to section_update. */
export interface WorkingUpdateTable {
  section_id: string;
  seq: number;
  user_id: string | null;
  created_at: string;
  data: Uint8Array;
}

export type SectionUpdateRow = Selectable<SectionUpdateTable>;
export type WorkingUpdateRow = Selectable<WorkingUpdateTable>;
export type NewSectionUpdateRow = Insertable<SectionUpdateTable>;
export type ChangeSetRow = Selectable<ChangeSetTable>;
export type SectionCheckpointRow = Selectable<SectionCheckpointTable>;

export const COMMENT_KINDS = ["comment", "suggestion"] as const;
export type CommentKind = (typeof COMMENT_KINDS)[number];
export const COMMENT_STATUSES = ["published", "pending", "hidden", "deleted"] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];
export type Visibility = "public" | "confidential";
export const PUBLICATIONS = ["name", "organisation", "anonymous"] as const;
export type Publication = (typeof PUBLICATIONS)[number];
export type SuggestionStatus = "open" | "accepted" | "declined";
export const STANCES = ["support", "support_with_changes", "oppose", "neutral"] as const;
export type Stance = (typeof STANCES)[number];

export interface CommentTable {
  id: string;
  section_id: string;
  consultation_id: string;
  author_id: string;
  parent_id: string | null;
  kind: CommentKind;
  body: string;
  replacement: string | null;
  anchor_start: Uint8Array | null;
  anchor_end: Uint8Array | null;
  quote_exact: string | null;
  quote_prefix: string | null;
  quote_suffix: string | null;
  position_start: number | null;
  position_end: number | null;
  base_seq: number;
  visibility: Visibility;
  status: CommentStatus;
  suggestion_status: SuggestionStatus | null;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  applied_seq: number | null;
  moderation_reason: ModerationReason | null;
  review_requested_at: string | null;
  publication: Publication;
  redacted_of: string | null;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
}

export interface CommentEditTable {
  id: string;
  comment_id: string;
  body: string;
  replaced_at: string;
}

export interface CommentReactionTable {
  comment_id: string;
  user_id: string;
  kind: "endorse" | "oppose";
  created_at: string;
}

export interface PositionTable {
  id: string;
  section_id: string;
  consultation_id: string;
  user_id: string;
  stance: Stance;
  rationale: string;
  quote_exact: string | null;
  /** The group at the time, so later profile changes do not rewrite the aggregate. */
  stakeholder_group: StakeholderGroup;
  created_at: string;
  superseded_at: string | null;
}

export type CommentRow = Selectable<CommentTable>;
export type PositionRow = Selectable<PositionTable>;

export const MODERATION_REASONS = ["off_topic", "abusive", "spam", "personal_data", "duplicate", "other"] as const;
/** The codes a moderator picks, plus "reported" for items hidden automatically after enough reports. */
export type ModerationReason = (typeof MODERATION_REASONS)[number] | "reported";
export const MODERATION_ACTIONS = ["approve", "hide", "restore", "reject", "review_requested"] as const;
export type ModerationActionKind = (typeof MODERATION_ACTIONS)[number];

export interface ModerationActionTable {
  id: string;
  consultation_id: string;
  comment_id: string;
  action: ModerationActionKind;
  reason_code: ModerationReason | null;
  note: string;
  actor_id: string | null;
  /** "moderator", "owner", "admin", "reports" (hidden by enough reports), "author" ("system" in older rows): what the public ledger shows. */
  actor_role: string;
  created_at: string;
}

export interface CommentReportTable {
  comment_id: string;
  user_id: string;
  reason: string;
  created_at: string;
  resolved_at: string | null;
}

export type ModerationActionRow = Selectable<ModerationActionTable>;

export interface PhaseChangeTable {
  id: string;
  consultation_id: string;
  from_status: ConsultationStatus;
  to_status: ConsultationStatus;
  actor_id: string | null;
  created_at: string;
}

export type PhaseChangeRow = Selectable<PhaseChangeTable>;

export interface LedgerEntryTable {
  /** "public", or "team:<consultation id>" for drafting before a consultation opens. */
  chain: string;
  seq: number;
  kind: LedgerKind;
  consultation_id: string | null;
  section_id: string | null;
  /** The row the entry records (change set, version, comment...). */
  subject_id: string | null;
  created_at: string;
  /** Canonical JSON (RFC 8785) of what the entry says. */
  payload: string;
  prev_hash: string;
  hash: string;
  /** Salt of the entry's private digests; never published. */
  salt: string | null;
}

export const LEDGER_KINDS = [
  "change_set",
  "version",
  "phase_change",
  "moderation",
  "disposition",
  "suggestion_decision",
  "withdrawal",
  // The participation (issue 13): submissions and their edits, positions, settings and the team, frozen reports.
  "submission",
  "edit",
  "position",
  "settings",
  "membership",
  "report_frozen",
  // Organisations (issue 14): registered, verified, members added or removed; not tied to a consultation.
  "organisation",
  // Information requests (issue 14): issued, changed, invitations, each submission's receipt, declines, results; and recipient bodies.
  "request",
  "recipient_body",
  // A working copy's updates made public (ADR 026): who published, which section, which positions.
  "publication",
  // One considered answer to a group of comments (issue 18, ADR 032); each member's share is a disposition naming it.
  "group_response",
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
export type LedgerEntryRow = Selectable<LedgerEntryTable>;

export interface VersionTable {
  id: string;
  consultation_id: string;
  number: number;
  name: string;
  note: string;
  public: number;
  created_by: string | null;
  created_at: string;
}

export interface VersionSectionTable {
  version_id: string;
  section_id: string;
  position: number;
  title: string;
  /** The log position the version froze (a change-set boundary). */
  seq: number;
  state_hash: string;
  /** ProseMirror JSON of the frozen content. */
  content: string;
  text: string;
}

export const ANCHOR_OUTCOMES = ["exact", "moved", "changed", "orphaned"] as const;
export type AnchorOutcome = (typeof ANCHOR_OUTCOMES)[number];

export interface AnchorCarryTable {
  version_id: string;
  comment_id: string;
  outcome: AnchorOutcome;
  start_offset: number | null;
  end_offset: number | null;
  current_text: string | null;
}

export const DISPOSITION_OUTCOMES = ["adopted", "partly_adopted", "not_adopted", "noted", "out_of_scope"] as const;
export type DispositionOutcome = (typeof DISPOSITION_OUTCOMES)[number];
// How each outcome reads: DISPOSITION_LABEL in common/labels.ts.

export interface DispositionTable {
  id: string;
  consultation_id: string;
  section_id: string;
  comment_id: string;
  outcome: DispositionOutcome;
  response: string;
  /** JSON array of change set ids that answer the comment. */
  change_set_ids: string;
  version_id: string | null;
  decided_by: string | null;
  created_at: string;
  superseded_at: string | null;
  /** Set when this row is a member's share of a group's considered answer (group_response). */
  group_response_id: Generated<string | null>;
}

export type VersionRow = Selectable<VersionTable>;
export type VersionSectionRow = Selectable<VersionSectionTable>;
export type AnchorCarryRow = Selectable<AnchorCarryTable>;
export type DispositionRow = Selectable<DispositionTable>;

/** A ledger head signed by this server's key (Ed25519 over the canonical JSON of { chain, seq, hash, time }). */
export interface LedgerCheckpointTable {
  id: string;
  chain: string;
  seq: number;
  hash: string;
  /** The signed "time". */
  signed_at: string;
  /** Which server key signed (the key's fingerprint). */
  key_id: string;
  /** Base64 Ed25519 signature. */
  signature: string;
}
export type LedgerCheckpointRow = Selectable<LedgerCheckpointTable>;

/** A third party's co-signature of a checkpoint: it saw this head and it extended what it saw before. */
export interface WitnessSignatureTable {
  id: string;
  checkpoint_id: string;
  /** Fingerprint of the witness's public key. */
  key_id: string;
  /** Base64 raw Ed25519 public key (32 bytes). */
  public_key: string;
  /** The name the witness gives itself (not verified by Margin). */
  name: string;
  signature: string;
  created_at: string;
}
export type WitnessSignatureRow = Selectable<WitnessSignatureTable>;

export const RECEIPT_SUBJECTS = ["comment", "position"] as const;
export type ReceiptSubject = (typeof RECEIPT_SUBJECTS)[number];

/** What a submitter can later show: a reference number, the ledger entry that holds the submission, and its digest. */
export interface ReceiptTable {
  /** The short reference number shown to the submitter (受付番号). */
  reference: string;
  subject_kind: ReceiptSubject;
  subject_id: string;
  user_id: string;
  consultation_id: string;
  chain: string;
  seq: number;
  hash: string;
  /** SHA-256 of the submitted text, or its salted digest when the text is not public. */
  digest: string;
  /** 1 when `digest` is salted (confidential or held submissions). */
  salted: number;
  created_at: string;
}
export type ReceiptRow = Selectable<ReceiptTable>;

/** A version's response report as it stood when the consultation became final; later corrections are ledger entries. */
export interface FrozenReportTable {
  consultation_id: string;
  version_id: string;
  /** Canonical JSON (RFC 8785) of the report. */
  body: string;
  /** SHA-256 of `body`; the ledger's report_frozen entry carries it. */
  hash: string;
  created_at: string;
}
export type FrozenReportRow = Selectable<FrozenReportTable>;

/** Organisations (issue 14). */
export const ORGANISATION_KINDS = ["government", "company", "startup", "academia", "civil_society", "other"] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
/** A representative speaks for the organisation (and is named publicly); a member belongs to it. */
export const ORGANISATION_ROLES = ["representative", "member"] as const;
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

export interface OrganisationTable {
  id: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
  /** The email domain its members' accounts use, when it has one (e.g. meti.go.jp). */
  email_domain: string | null;
  /** Set when a site admin verified it; the evidence says how. */
  verified_at: string | null;
  verified_by: string | null;
  verification_evidence: string | null;
  created_at: string;
}
export type OrganisationRow = Selectable<OrganisationTable>;

/** One organisation per person: user_id is the key. */
export interface OrganisationMemberTable {
  user_id: string;
  organisation_id: string;
  role: OrganisationRole;
  added_at: string;
}

/** Recipient bodies (issue 14): named groups of accounts that may read restricted answers; membership is public. */
export interface RecipientBodyTable {
  id: string;
  slug: string;
  name: string;
  description: string;
  created_by: string | null;
  created_at: string;
}
export type RecipientBodyRow = Selectable<RecipientBodyTable>;

export interface RecipientBodyMemberTable {
  body_id: string;
  user_id: string;
  added_at: string;
}

/** draft: seen by its convener only; issued: public, answerable until the deadline. Closed is derived from the deadline. */
export const REQUEST_STATUSES = ["draft", "issued"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** From most open to most closed; a question's max_level is the most open level an answer may choose. */
export const DISCLOSURE_LEVELS = ["public_named", "public_unnamed", "recipients", "aggregate"] as const;
export type DisclosureLevel = (typeof DISCLOSURE_LEVELS)[number];

export const QUESTION_KINDS = ["text", "single", "multiple", "number", "yes_no"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export interface InfoRequestTable {
  id: string;
  slug: string;
  title: string;
  /** What the information is for, in plain words. */
  purpose: string;
  /** E.g. "Voluntary; no sanctions; used to update the Guidelines." */
  legal_basis: string;
  status: RequestStatus;
  /** ISO-8601 UTC instant; answers are accepted until then. */
  deadline: string;
  /** Days after the deadline that restricted answers are kept. */
  retention_days: number;
  /** Cells and groups with fewer respondents than this are not published. */
  k_threshold: number;
  /** JSON array of OrganisationKind: any verified organisation of these kinds may answer, besides the invited ones. */
  open_to_kinds: string;
  /** The language the request is written in (BCP 47: "en", "ja"). */
  content_language: Generated<string>;
  /** IANA time zone its deadline is entered and shown in. */
  time_zone: Generated<string>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  issued_at: string | null;
  results_published_at: string | null;
}
export type InfoRequestRow = Selectable<InfoRequestTable>;

export interface InfoRequestQuestionTable {
  id: string;
  request_id: string;
  position: number;
  kind: QuestionKind;
  prompt: string;
  help: string | null;
  /** JSON array of the choice labels (single and multiple choice), else null. */
  choices: string | null;
  max_level: DisclosureLevel;
  required: number;
}
export type InfoRequestQuestionRow = Selectable<InfoRequestQuestionTable>;

export interface InfoRequestRecipientTable {
  request_id: string;
  body_id: string;
}

export interface InfoRequestInvitationTable {
  request_id: string;
  organisation_id: string;
  invited_at: string;
}

export interface InfoRequestSectionTable {
  request_id: string;
  section_id: string;
}

export const RESPONSE_STATUSES = ["draft", "submitted", "declined"] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

/** One per organisation and request. */
export interface InfoResponseTable {
  id: string;
  request_id: string;
  organisation_id: string;
  status: ResponseStatus;
  /** The answers being written (sealed JSON), or null. */
  draft: string | null;
  /** The latest submitted revision; 0 before the first submission. */
  revision: number;
  /** A decline's public reason, if given. */
  decline_reason: string | null;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}
export type InfoResponseRow = Selectable<InfoResponseTable>;

export interface InfoResponseRevisionTable {
  response_id: string;
  revision: number;
  /** The receipt's reference. */
  reference: string;
  /** What the ledger's submission entry carries for this revision. */
  digest: string;
  submitted_by: string | null;
  submitted_at: string;
}
export type InfoResponseRevisionRow = Selectable<InfoResponseRevisionTable>;

export interface InfoAnswerTable {
  /** Its own id, so its sealed value has a context of its own (and keys rotate finds it). */
  id: string;
  response_id: string;
  revision: number;
  question_id: string;
  level: DisclosureLevel;
  /** JSON of the answer's value; sealed unless the level is public. */
  value: string;
}
export type InfoAnswerRow = Selectable<InfoAnswerTable>;

export const ACCESS_SUBJECTS = ["answer", "comment"] as const;
export type AccessSubject = (typeof ACCESS_SUBJECTS)[number];
/** read: one item opened; export: a download of many (items says how many). */
export const ACCESS_ACTIONS = ["read", "export"] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

export interface AccessLogTable {
  id: string;
  subject_kind: AccessSubject;
  request_id: string | null;
  response_id: string | null;
  question_id: string | null;
  comment_id: string | null;
  consultation_id: string | null;
  reader_id: string | null;
  /** The reader's name when they read (kept if the account is deleted). */
  reader_name: string;
  action: AccessAction;
  items: number;
  at: string;
}
export type AccessLogRow = Selectable<AccessLogTable>;

/** The bodies that read a consultation's confidential submissions; none: its owners and drafters. */
export interface ConsultationRecipientTable {
  consultation_id: string;
  body_id: string;
}

/** What search finds: a consultation, a section's live text, a comment or reply, a response to one, an information request. */
export const SEARCH_KINDS = ["consultation", "section", "comment", "response", "request"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/**
 * One searchable public item, written in the same transaction as the item (SQLite: an FTS5
 * trigram index over `title` and `body`, kept by triggers; PostgreSQL: a pg_trgm GIN index on `title || ' ' || body`).
 * Only what the public may read is written here; the search query checks the source rows again.
 */
export interface SearchDocTable {
  id: Generated<number>;
  kind: SearchKind;
  /** The item's id in its own table (for a response: the disposition's). */
  ref_id: string;
  consultation_id: string | null;
  section_id: string | null;
  /** A comment's own id, or the comment a response answers: whose visibility decides. */
  comment_id: string | null;
  /** The date the item carries (posted, responded, issued, last changed): the date filter's. */
  at: string;
  /** A consultation's, section's or request's title; empty for comments and responses. */
  title: string;
  /** The text searched and quoted in snippets. */
  body: string;
}

/** How comments are grouped (issue 18, ADR 030): near-identical texts, or what they are about. */
export const GROUP_KINDS = ["campaign", "topic"] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

export interface CommentGroupTable {
  id: string;
  consultation_id: string;
  kind: GroupKind;
  /** The team's name for the group; null: its distinctive `terms` name it. */
  label: string | null;
  /** JSON array of the group's distinctive terms (topics) or the words a campaign's texts share. */
  terms: Generated<string>;
  /** The team's gist of the opinions (提出意見の概要); null: the canonical or most representative comment stands for it. */
  gist: string | null;
  /** The comment that stands for the group (a campaign's first text, a topic's most central comment). */
  canonical_id: string | null;
  size: Generated<number>;
  /** Topics: the centroid as a JSON object term → weight (top terms only). */
  centroid: string | null;
  /** 1 once the team renamed, merged, split or moved into it: regrouping keeps it. */
  curated: Generated<number>;
  merged_into: string | null;
  created_at: string;
  updated_at: string;
}

export interface CommentGroupMemberTable {
  comment_id: string;
  kind: GroupKind;
  group_id: string;
  consultation_id: string;
  section_id: string;
  /** Estimated Jaccard (campaigns) or cosine (topics) to the group when it joined. */
  similarity: Generated<number>;
  /** 1: the team put it here; automatic regrouping never moves it. */
  pinned: Generated<number>;
  created_at: string;
  /** Campaigns: what this text adds to the canonical text (words, runs joined by " … "); null: nothing. */
  variation: string | null;
}

export interface CommentSignatureTable {
  comment_id: string;
  consultation_id: string;
  /** MinHash signature: little-endian uint32 per hash function. */
  minhash: Uint8Array;
  /** How many distinct shingles the text had (0: too short to compare). */
  shingles: number;
  /** JSON object term → count, from Intl.Segmenter words. */
  terms: string;
}

export interface CommentLshTable {
  consultation_id: string;
  /** "<band>:<hash of the band's rows>". */
  bucket: string;
  comment_id: string;
}

export interface TermDfTable {
  consultation_id: string;
  /** The term ('' holds the consultation's document count). */
  term: string;
  df: number;
}

/** A live topic's heaviest centroid terms (ADR 031): which topics share a new comment's words. */
export interface TopicTermTable {
  consultation_id: string;
  term: string;
  group_id: string;
}

export interface GroupResponseTable {
  id: string;
  consultation_id: string;
  group_id: string;
  outcome: DispositionOutcome;
  response: string;
  change_set_ids: Generated<string>;
  version_id: string | null;
  decided_by: string | null;
  /** How many member comments received it when it was given. */
  member_count: number;
  created_at: string;
  superseded_at: string | null;
}

// Row types (Selectable<CommentGroupTable> and so on) are exported where a module first reads them: knip refuses unused exports.
