import type { Db } from "../../db/client.js";
import { findConsultationBySlug, updateConsultation } from "../../db/queries/consultation.js";
import { findLastChangeSet } from "../../db/queries/collab.js";
import { findSectionById, listSectionSummaries } from "../../db/queries/section.js";
import { findUserByEmail, type UserProfile } from "../../db/queries/user.js";
import { DEMO_ACCOUNTS, DEMO_SLUG, readDemoMarkdown } from "../../db/seed/demo.js";
import type * as Y from "yjs";
import { flatten, locate } from "../collab/text-model.js";
import { newId, newSecret, nowIso } from "../ids.js";
import { publishVersion } from "../history/versions.js";
import { createAccount, resetAccount } from "./accounts.js";
import { acceptSuggestion, createComment, type CommentDeps } from "./comments/index.js";
import { requireConsultation } from "../auth/access.js";
import { importMarkdown, recordPhaseChange, setMemberRole } from "./consultations/index.js";
import { recordDisposition } from "./dispositions/index.js";
import { DEMO_CONVENER, DEMO_REVIEWERS, seedDemoRequests } from "./demo-requests.js";

const DEMO_OPENED_DAYS_AGO = 3;
const DEMO_OPEN_FOR_DAYS = 45;

export interface DemoSeedResult {
  created: boolean;
  password: string;
  emails: string[];
}

/** What seeding the demo's history needs: the live services, so it goes through the same code as people do. */
export type DemoHistoryDeps = Omit<CommentDeps, "db">;

/**
 * Creates the demo consultation (open for comment) and the demo accounts.
 * The consultation is created once; the demo accounts are (re)set to the
 * given password on every run, so the password printed at start always works.
 * With `history`, the demo also gets a drafting edit, a first version,
 * comments, a suggestion accepted, responses and a revised version. With `requests`
 * (the default), the information-requests demo too (server/domain/demo-requests.ts).
 */
export async function seedDemo(db: Db, password: string = newSecret(), history: DemoHistoryDeps | null = null, requests = true): Promise<DemoSeedResult> {
  const emails = [...DEMO_ACCOUNTS.map((a) => a.email), ...(requests ? [DEMO_CONVENER, ...DEMO_REVIEWERS].map((p) => p.email) : [])];
  const users: { account: (typeof DEMO_ACCOUNTS)[number]; user: UserProfile }[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const existing = await findUserByEmail(db.kysely, account.email);
    // The demo's publisher needs the convener role, like any real one.
    const siteRole = account.role === "owner" && existing?.site_role !== "admin" ? "convener" : (existing?.site_role ?? "member");
    const user = existing ? await resetAccount(db, account.email, password, siteRole) : await createAccount(db, { ...account, password, siteRole });
    users.push({ account, user });
  }
  const existing = await findConsultationBySlug(db.kysely, DEMO_SLUG);
  if (existing) {
    if (requests) await seedDemoRequests(db, existing.id, password);
    return { created: false, password, emails };
  }
  const owner = users.find((u) => u.account.role === "owner")!.user;
  const consultation = await importMarkdown(db, owner, readDemoMarkdown(), { slug: DEMO_SLUG });
  for (const { account, user } of users) {
    const role = account.role;
    if (role === "moderator" || role === "drafter") {
      await db.kysely.transaction().execute((tx) => setMemberRole(tx, db.dialect, consultation.id, user.id, null, role, nowIso()));
    }
  }
  const byEmail = (email: string) => users.find((u) => u.account.email === email)!.user;
  if (history) await draftBeforeOpening(db, history, consultation.id, byEmail("drafter@example.org"));

  const day = 86_400_000;
  const opensAt = new Date(Date.now() - DEMO_OPENED_DAYS_AGO * day).toISOString();
  await db.kysely.transaction().execute(async (tx) => {
    await updateConsultation(tx, consultation.id, {
      status: "open",
      opens_at: opensAt,
      closes_at: new Date(Date.now() + DEMO_OPEN_FOR_DAYS * day).toISOString(),
      updated_at: nowIso(),
    });
    await recordPhaseChange(tx, db.dialect, { id: newId(), consultation_id: consultation.id, from_status: "draft", to_status: "open", actor_id: owner.id, created_at: opensAt });
  });
  if (history) await commentAndRevise(db, history, byEmail, opensAt);
  if (requests) await seedDemoRequests(db, consultation.id, password);
  return { created: true, password, emails };
}

/** Replaces the first occurrence of `find` (inside one paragraph) with `replacement`. */
function replaceText(doc: Y.Doc, find: string, replacement: string): void {
  const flat = flatten(doc);
  const at = flat.text.indexOf(find);
  const start = at >= 0 ? locate(flat, at) : null;
  if (!start || start.index + find.length > start.node.length) throw new Error(`demo text “${find}” not found in one paragraph`);
  start.node.delete(start.index, find.length);
  start.node.insert(start.index, replacement);
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
  await publishVersion(full, drafterView, drafter, { name: "Revised draft", note: "Responds to the first week of comments: risk categories and transparency duties." });
}
