// The consultation aggregate: the consultation itself, its creation and import,
// its phases, its sections and its team. Access (who may see it) is in
// server/auth/access.ts.
export { CONVENER_REQUIRED, listConsultations, mayCreateConsultations, publishedBy, publishersOf, updateConsultationSettings } from "./consultation.js";
export { createConsultation, importMarkdown, importParsed } from "./create.js";
export { actualWindowsOf, allowedNextPhases, changePhase, phaseHistory, phaseOf, recordPhaseChange, unansweredComments } from "./phases.js";
export { addSection, listSections, moveSection, removeSection, renameSection } from "./sections.js";
export { members, removeMember, setMemberRole } from "./members.js";
export { confidentialReaders, confidentialSummary, setConfidentialRecipients } from "./recipients.js";
export { DraftingModeSchema, PublishWorkingCopySchema, publishWorkingCopy, setDraftingMode, workingCopyStatus } from "./working-copy.js";
