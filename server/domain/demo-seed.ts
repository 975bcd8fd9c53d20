import type { Db } from "../../db/client.js";
import { findConsultationBySlug } from "../../db/queries/consultation.js";
import { findLastChangeSet } from "../../db/queries/collab.js";
import { findSectionById, listSectionSummaries } from "../../db/queries/section.js";
import type { UserProfile } from "../../db/queries/user.js";
import type { StakeholderGroup } from "../../db/schema.js";
import { DEMO_ACCOUNTS, DEMO_SLUG, readDemoMarkdown } from "../../db/seed/demo.js";
import { DEMO_JA_ACCOUNTS } from "../../db/seed/demo-ja.js";
import { newSecret } from "../ids.js";
import { publishVersion } from "../history/versions.js";
import { acceptSuggestion, createComment } from "./comments/index.js";
import { requireConsultation } from "../auth/access.js";
import { importMarkdown } from "./consultations/index.js";
import { recordDisposition, respondToGroup } from "./dispositions/index.js";
import { DEMO_CONVENER, DEMO_REVIEWERS, seedDemoRequests } from "./demo-requests.js";
import { seedDemoCrowd } from "./demo-crowd.js";
import { seedJapaneseDemo } from "./demo-seed-ja.js";
import { addDemoTeam, openDemo, replaceText, seedAccounts, type DemoHistoryDeps } from "./demo-steps.js";

const DEMO_OPENED_DAYS_AGO = 3;
const DEMO_OPEN_FOR_DAYS = 45;

/** What a demo account is for, so the start-up message can say whom to sign in as. */
export type DemoAccountRole = "owner" | "drafter" | "moderator" | "participant" | "convener" | "reviewer";

export interface DemoAccount {
  email: string;
  role: DemoAccountRole;
  group: StakeholderGroup;
  /** Which demo it belongs to: the English one (with its information requests) or the Japanese one. */
  demo: "en" | "ja";
}

export interface DemoSeedResult {
  created: boolean;
  password: string;
  accounts: DemoAccount[];
}

/**
 * Creates the demo consultation (open for comment) and the demo accounts.
 * The consultation is created once; the demo accounts are (re)set to the
 * given password on every run, so the password printed at start always works.
 * With `history`, the demo also gets a drafting edit, a first version,
 * comments, a suggestion accepted, responses and a revised version. With `requests`
 * (the default), the information-requests demo too (server/domain/demo-requests.ts).
 * With `japanese` (the default), the Japanese demo beside it (server/domain/demo-seed-ja.ts).
 */
export async function seedDemo(db: Db, password: string = newSecret(), history: DemoHistoryDeps | null = null, requests = true, japanese = true): Promise<DemoSeedResult> {
  const emails: DemoAccount[] = [
    ...DEMO_ACCOUNTS.map((a) => ({ email: a.email, role: a.role ?? ("participant" as const), group: a.stakeholderGroup, demo: "en" as const })),
    ...(requests
      ? [
          { email: DEMO_CONVENER.email, role: "convener" as const, group: DEMO_CONVENER.stakeholderGroup, demo: "en" as const },
          ...DEMO_REVIEWERS.map((p) => ({ email: p.email, role: "reviewer" as const, group: p.stakeholderGroup, demo: "en" as const })),
        ]
      : []),
    ...(japanese ? DEMO_JA_ACCOUNTS.map((a) => ({ email: a.email, role: a.role ?? ("participant" as const), group: a.stakeholderGroup, demo: "ja" as const })) : []),
  ];
  const users = await seedAccounts(db, DEMO_ACCOUNTS, password);
  const existing = await findConsultationBySlug(db.kysely, DEMO_SLUG);
  if (existing) {
    if (requests) await seedDemoRequests(db, existing.id, password);
    if (japanese) await seedJapaneseDemo(db, password, history);
    return { created: false, password, accounts: emails };
  }
  const owner = users.find((u) => u.account.role === "owner")!.user;
  const consultation = await importMarkdown(db, owner, readDemoMarkdown(), { slug: DEMO_SLUG });
  await addDemoTeam(db, consultation.id, users);
  const byEmail = (email: string) => users.find((u) => u.account.email === email)!.user;
  if (history) await draftBeforeOpening(db, history, consultation.id, byEmail("drafter@example.org"));

  const day = 86_400_000;
  const opensAt = new Date(Date.now() - DEMO_OPENED_DAYS_AGO * day).toISOString();
  await openDemo(db, consultation.id, owner.id, opensAt, new Date(Date.now() + DEMO_OPEN_FOR_DAYS * day).toISOString());
  if (history) await commentAndRevise(db, history, byEmail, opensAt);
  if (requests) await seedDemoRequests(db, consultation.id, password);
  if (japanese) await seedJapaneseDemo(db, password, history);
  return { created: true, password, accounts: emails };
}

async function sectionsOf(db: Db, consultationId: string) {
  return listSectionSummaries(db.kysely, consultationId);
}

async function draftBeforeOpening(db: Db, deps: DemoHistoryDeps, consultationId: string, drafter: UserProfile): Promise<void> {
  const sections = await sectionsOf(db, consultationId);
  await deps.collab.applyEdit({
    sectionId: sections[2]!.id,
    consultationId,
    author: drafter.id,
    credit: [],
    suggestionId: null,
    edit: (doc) => replaceText(doc, "proportionate to what could go wrong.", "proportionate to what could go wrong for the people affected."),
  });
}

async function commentAndRevise(db: Db, deps: DemoHistoryDeps, byEmail: (email: string) => UserProfile, opensAt: string): Promise<void> {
  const full = { ...deps, db };
  const owner = byEmail("owner@example.org");
  const drafter = byEmail("drafter@example.org");
  const industry = byEmail("industry@example.org");
  const civil = byEmail("civil@example.org");
  const viewAs = (u: UserProfile) => requireConsultation(db, DEMO_SLUG, u);
  const consultation = (await viewAs(owner)).consultation;
  const sections = await Promise.all((await sectionsOf(db, consultation.id)).map(async (s) => (await findSectionById(db.kysely, s.id))!));
  // The first version is what opened for comment, so it carries the opening's date.
  await publishVersion(full, await viewAs(drafter), drafter, { name: "Draft for comment", note: "The text as opened for comment." }, opensAt);

  const risk = sections[2]!;
  const transparency = sections[3]!;
  const incidents = sections[4]!;
  const onRisk = await createComment(full, await viewAs(industry), risk, industry, {
    kind: "comment",
    body: "Please say who decides what counts as high risk. Companies need one list to work from, not a judgement made case by case.",
    quote: { exact: "Organisations should classify their AI systems by the severity and likelihood of harm to people" },
  });
  const suggestion = await createComment(full, await viewAs(civil), transparency, civil, {
    kind: "suggestion",
    body: "A recommendation is not enough here: people have a right to know.",
    replacement: "must be told",
    quote: { exact: "should be told" },
  });
  const onIncidents = await createComment(full, await viewAs(civil), incidents, civil, {
    kind: "comment",
    body: "Reporters need legal protection, not only a promise of confidentiality.",
    quote: { exact: "how to protect reporters" },
  });

  await acceptSuggestion(full, await viewAs(owner), transparency, owner, suggestion.id);
  await deps.collab.applyEdit({
    sectionId: risk.id,
    consultationId: consultation.id,
    author: drafter.id,
    credit: [],
    suggestionId: null,
    edit: (doc) => replaceText(doc, "Organisations should classify their AI systems by", "Organisations should classify their AI systems, using the risk categories in Annex A, by"),
  });
  const change = await findLastChangeSet(db.kysely, risk.id);
  const drafterView = await viewAs(drafter);
  await recordDisposition(full, drafterView, drafter, {
    commentId: onRisk.id,
    outcome: "partly_adopted",
    response: "We now point to a single list of risk categories (Annex A); applying them to a given system remains the organisation's judgement.",
    changeSetIds: change ? [change.id] : [],
  });
  await recordDisposition(full, drafterView, drafter, {
    commentId: onIncidents.id,
    outcome: "noted",
    response: "Legal protection needs legislation; we will raise it in the review of the incident-reporting channel after one year.",
    changeSetIds: [],
  });
  // The crowd of the first week: a campaign and people's own words, grouped as they arrive (issue 18).
  await seedDemoCrowd(db, deps, DEMO_SLUG, sections);
  // The team answers the campaign once, together (ADR 032), when the grouping engine has found it.
  const campaign = await db.kysely
    .selectFrom("comment_group")
    .select("id")
    .where("consultation_id", "=", drafterView.consultation.id)
    .where("kind", "=", "campaign")
    .where("merged_into", "is", null)
    .where("size", ">", 1)
    .orderBy("size", "desc")
    .executeTakeFirst();
  if (campaign) {
    await respondToGroup(full, drafterView, drafter, {
      groupId: campaign.id,
      outcome: "partly_adopted",
      response: "Thank you to everyone who sent this text. Section 4 now asks organisations to tell people when an automated system shaped a decision about them; making it a legal duty needs legislation, which we will propose in the one-year review.",
      changeSetIds: [],
    });
  }
  await publishVersion(full, drafterView, drafter, { name: "Revised draft", note: "Responds to the first week of comments: risk categories and transparency duties." });
}
