import type { Db } from "../../db/client.js";
import { findOrganisationBySlug } from "../../db/queries/organisation.js";
import { findRecipientBodyBySlug, findRequestBySlug } from "../../db/queries/request.js";
import { listSectionSummaries } from "../../db/queries/section.js";
import { findUserByEmail, type UserProfile } from "../../db/queries/user.js";
import type { InfoRequestRow, OrganisationKind, SiteRole, StakeholderGroup } from "../../db/schema.js";
import { actorFor } from "../auth/access.js";
import { createAccount, resetAccount } from "./accounts.js";
import { addOrganisationMember, createOrganisation, verifyOrganisation } from "./organisations/index.js";
import { RequestDefinitionSchema } from "./request-schemas.js";
import { addRecipientBodyMember, createRecipientBody, createRequest, declineRequest, issueRequest, loadRequestDetail, seedIssuedRequest, submitResponse } from "./requests/index.js";

/**
 * The demo of information requests (issue 14): a convener, a recipient body with two
 * members, organisations of every kind (most verified), an open request linked to the
 * demo guideline's sections, and a second one whose deadline has passed, so results
 * can be shown. Everything is found by its address first, so running it again changes nothing.
 */

const DAY_MS = 86_400_000;
export const DEMO_REQUEST_SLUG = "ai-risk-practice-survey";
export const DEMO_CLOSED_REQUEST_SLUG = "ai-incident-reporting-closed";
export const DEMO_BODY_SLUG = "ai-policy-review-panel";

interface DemoPerson {
  email: string;
  displayName: string;
  organisation: string;
  stakeholderGroup: StakeholderGroup;
  siteRole: SiteRole;
}

export const DEMO_CONVENER: DemoPerson = { email: "convener@example.org", displayName: "Chris Convener", organisation: "AI Policy Office", stakeholderGroup: "government", siteRole: "convener" };
export const DEMO_REVIEWERS: DemoPerson[] = [
  { email: "reviewer1@example.org", displayName: "Rina Reviewer", organisation: "AI Policy Office", stakeholderGroup: "government", siteRole: "member" },
  { email: "reviewer2@example.org", displayName: "Ravi Reviewer", organisation: "Institute for Trustworthy Computing", stakeholderGroup: "academia", siteRole: "member" },
];

interface DemoOrganisation {
  slug: string;
  name: string;
  kind: OrganisationKind;
  emailDomain: string;
  verified: boolean;
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  { slug: "acme-robotics", name: "Acme Robotics K.K.", kind: "company", emailDomain: "acme.example", verified: true },
  { slug: "northwind-ai", name: "Northwind AI Ltd.", kind: "company", emailDomain: "northwind.example", verified: true },
  { slug: "kestrel-systems", name: "Kestrel Systems", kind: "company", emailDomain: "kestrel.example", verified: true },
  { slug: "harbor-insurance", name: "Harbor Insurance Group", kind: "company", emailDomain: "harbor.example", verified: false },
  { slug: "bluefin-analytics", name: "Bluefin Analytics", kind: "startup", emailDomain: "bluefin.example", verified: true },
  { slug: "lumen-labs", name: "Lumen Labs", kind: "startup", emailDomain: "lumen.example", verified: false },
  { slug: "federation-of-software-companies", name: "Federation of Software Companies", kind: "other", emailDomain: "fsc.example", verified: true },
  { slug: "institute-trustworthy-computing", name: "Institute for Trustworthy Computing", kind: "academia", emailDomain: "itc.example", verified: true },
  { slug: "digital-rights-network", name: "Digital Rights Network", kind: "civil_society", emailDomain: "drn.example", verified: true },
];

/** What the demo seeded, for the hook below (demo answers and declines). */
export interface DemoRequests {
  convener: UserProfile;
  open: InfoRequestRow;
  closed: InfoRequestRow;
  organisations: Map<string, string>;
}

async function person(db: Db, p: DemoPerson, password: string): Promise<UserProfile> {
  const existing = await findUserByEmail(db.kysely, p.email);
  const role = existing?.site_role === "admin" ? "admin" : p.siteRole;
  return existing ? resetAccount(db, p.email, password, role) : createAccount(db, { ...p, password, siteRole: role, verified: true });
}

async function organisations(db: Db): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const o of DEMO_ORGANISATIONS) {
    let row = await findOrganisationBySlug(db.kysely, o.slug);
    if (!row) {
      row = await createOrganisation(db, "operator", { slug: o.slug, name: o.name, kind: o.kind, emailDomain: o.emailDomain });
      if (o.verified) await verifyOrganisation(db, "operator", o.slug, `Demo: email domain ${o.emailDomain} checked.`);
    }
    ids.set(o.slug, row.id);
  }
  return ids;
}

const QUESTIONS = [
  {
    kind: "single",
    prompt: "Which framework do you mainly use to assess the risks of your AI systems?",
    help: "Choose the one you rely on most.",
    choices: "An international standard (e.g. ISO/IEC 42001)\nA national framework\nOur own framework\nNone yet",
    maxLevel: "public_named",
    required: true,
  },
  {
    kind: "multiple",
    prompt: "Which risk-mitigation practices are in place before you deploy a system?",
    help: "Tick all that apply.",
    choices: "Red-teaming\nBias evaluation\nHuman oversight procedure\nIncident response plan\nThird-party audit",
    maxLevel: "public_unnamed",
    required: true,
  },
  {
    kind: "number",
    prompt: "How many AI-related incidents did you record in the last 12 months?",
    help: "A whole number; 0 if none. An incident is any event where a system caused, or nearly caused, harm.",
    choices: "",
    maxLevel: "aggregate",
    required: true,
  },
  {
    kind: "yes_no",
    prompt: "Do you evaluate your models with an external party before release?",
    help: "",
    choices: "",
    maxLevel: "recipients",
    required: false,
  },
  {
    kind: "text",
    prompt: "Describe one incident and what you changed afterwards.",
    help: "No personal data, please. Choose “Recipients only” or “Statistics only” if it is sensitive.",
    choices: "",
    maxLevel: "public_named",
    required: false,
  },
];

function definition(title: string, deadline: Date, sections: string[], invited: string[], questions: typeof QUESTIONS) {
  return RequestDefinitionSchema.parse({
    title,
    purpose:
      "The AI Policy Office is updating the Guidelines on the Responsible Use of AI. We want to know which risk-mitigation practices businesses already use, and how often incidents happen, so that the Guidelines ask for what works and for nothing that does not.",
    legalBasis: "Voluntary; no sanctions for not answering; used only to update the Guidelines. Declining is recorded like answering, and never criticised.",
    deadline: deadline.toISOString(),
    retentionDays: "365",
    k: "3",
    openToKinds: ["company", "startup"],
    invited,
    recipientBodies: [DEMO_BODY_SLUG],
    sections,
    questions,
  });
}

/** Seeds the requests demo (idempotent); `password` is the demo accounts' password. */
export async function seedDemoRequests(db: Db, consultationId: string, password: string, now: Date = new Date()): Promise<DemoRequests> {
  const convener = await person(db, DEMO_CONVENER, password);
  const reviewers: UserProfile[] = [];
  for (const r of DEMO_REVIEWERS) reviewers.push(await person(db, r, password));
  const actor = actorFor(convener, null);
  if (!(await findRecipientBodyBySlug(db.kysely, DEMO_BODY_SLUG))) {
    await createRecipientBody(db, actor, {
      slug: DEMO_BODY_SLUG,
      name: "AI Policy Review Panel",
      description: "The officials and the academic adviser who draft the AI Guidelines' next revision. They read answers given at “Recipients only” level.",
    });
    for (const r of reviewers) await addRecipientBodyMember(db, actor, DEMO_BODY_SLUG, r.email);
  }
  const orgs = await organisations(db);
  const sections = await listSectionSummaries(db.kysely, consultationId);
  const titled = (prefix: string) => sections.filter((s) => s.title.startsWith(prefix)).map((s) => s.id);
  const invited = DEMO_ORGANISATIONS.map((o) => o.slug);

  let open = await findRequestBySlug(db.kysely, DEMO_REQUEST_SLUG);
  if (!open) {
    const def = definition("AI risk-practice and incident survey", new Date(now.getTime() + 30 * DAY_MS), [...titled("3."), ...titled("5.")], invited, QUESTIONS);
    open = await createRequest(db, actor, def, DEMO_REQUEST_SLUG);
    await issueRequest(db, actor, DEMO_REQUEST_SLUG, now);
    open = (await findRequestBySlug(db.kysely, DEMO_REQUEST_SLUG))!;
  }
  let closed = await findRequestBySlug(db.kysely, DEMO_CLOSED_REQUEST_SLUG);
  if (!closed) {
    const def = definition("AI incident reporting practices (closed)", new Date(now.getTime() - 2 * DAY_MS), titled("5."), invited, QUESTIONS);
    closed = await seedIssuedRequest(db, convener.id, DEMO_CLOSED_REQUEST_SLUG, def, new Date(now.getTime() - 32 * DAY_MS).toISOString());
  }
  const seeded: DemoRequests = { convener, open, closed, organisations: orgs };
  await seedDemoAnswers(db, seeded, password, now);
  return seeded;
}

/** The demo's representatives: one per organisation, `rep@<its email domain>`. */
export function demoRepresentativeEmail(slug: string): string {
  const org = DEMO_ORGANISATIONS.find((o) => o.slug === slug);
  if (!org) throw new Error(`no demo organisation ${slug}`);
  return `rep@${org.emailDomain}`;
}

type DemoAnswer = [value: unknown, level: string];

/** What each organisation answers on the closed request: q1 single, q2 multiple, q3 number, q4 yes/no, q5 text. */
const CLOSED_ANSWERS: Record<string, DemoAnswer[]> = {
  "acme-robotics": [["An international standard (e.g. ISO/IEC 42001)", "public_named"], [["Red-teaming", "Incident response plan"], "public_unnamed"], [4, "aggregate"], [true, "recipients"], ["We red-team every model release with an external team.", "public_named"]],
  "northwind-ai": [["Our own framework", "public_unnamed"], [["Red-teaming", "Human oversight procedure"], "public_unnamed"], [1, "aggregate"], [false, "recipients"], ["Two incidents were near misses caught by human review.", "recipients"]],
  "kestrel-systems": [["An international standard (e.g. ISO/IEC 42001)", "public_named"], [["Bias evaluation"], "aggregate"], [0, "aggregate"], [false, "aggregate"], ["", "aggregate"]],
  "bluefin-analytics": [["None yet", "aggregate"], [["Red-teaming"], "aggregate"], [7, "aggregate"], [true, "aggregate"], ["", "aggregate"]],
  "institute-trustworthy-computing": [["A national framework", "public_named"], [["Third-party audit"], "public_unnamed"], [2, "aggregate"], [false, "recipients"], ["We audit university spin-offs' systems.", "public_named"]],
};

/** One answer at each level on the open request, so each reader's view has something in it. */
const OPEN_ANSWERS: DemoAnswer[] = [
  ["Our own framework", "public_named"],
  [["Red-teaming", "Bias evaluation"], "public_unnamed"],
  [3, "aggregate"],
  [true, "recipients"],
  ["Our incident log is reviewed monthly by the board's risk committee.", "recipients"],
];

async function answer(db: Db, req: InfoRequestRow, slug: string, password: string, answers: DemoAnswer[], at: Date): Promise<void> {
  const user = await person(db, { email: demoRepresentativeEmail(slug), displayName: `${DEMO_ORGANISATIONS.find((o) => o.slug === slug)!.name} representative`, organisation: "", stakeholderGroup: "industry", siteRole: "member" }, password);
  const orgId = (await findOrganisationBySlug(db.kysely, slug))!.id;
  if (await db.kysely.selectFrom("info_response").select("id").where("request_id", "=", req.id).where("organisation_id", "=", orgId).executeTakeFirst()) return;
  const actor = actorFor(user, null);
  const questions = (await loadRequestDetail(db.kysely, req)).questions;
  const items = answers.map(([value, level], i) => ({ questionId: questions[i]!.id, value, level })).filter((a) => a.value !== "");
  await submitResponse(db, actor, req.slug, items, at);
}

async function decline(db: Db, req: InfoRequestRow, slug: string, password: string, reason: string, at: Date): Promise<void> {
  const user = await person(db, { email: demoRepresentativeEmail(slug), displayName: `${DEMO_ORGANISATIONS.find((o) => o.slug === slug)!.name} representative`, organisation: "", stakeholderGroup: "other", siteRole: "member" }, password);
  const orgId = (await findOrganisationBySlug(db.kysely, slug))!.id;
  if (await db.kysely.selectFrom("info_response").select("id").where("request_id", "=", req.id).where("organisation_id", "=", orgId).executeTakeFirst()) return;
  await declineRequest(db, actorFor(user, null), req.slug, reason, at);
}

/**
 * The respondents' side of the demo: a representative for each organisation; on the
 * closed request, answers from three companies (shown), one startup and one institute
 * (fewer than k = 3 each: suppressed) and a decline with its reason; on the open one,
 * an answer at each level and a decline. Idempotent: an organisation that has a
 * response is left as it is.
 */
export async function seedDemoAnswers(db: Db, seeded: DemoRequests, password: string, now: Date): Promise<void> {
  for (const o of DEMO_ORGANISATIONS) {
    await person(db, { email: demoRepresentativeEmail(o.slug), displayName: `${o.name} representative`, organisation: "", stakeholderGroup: "other", siteRole: "member" }, password);
    const email = demoRepresentativeEmail(o.slug);
    const member = await db.kysely.selectFrom("organisation_member").innerJoin("user", "user.id", "organisation_member.user_id").select("organisation_member.role").where("user.email", "=", email).executeTakeFirst();
    if (!member) await addOrganisationMember(db, "operator", o.slug, email, "representative");
  }
  // The closed request's answers were given while it was open.
  const whileOpen = new Date(Date.parse(seeded.closed.deadline) - 3 * DAY_MS);
  for (const [slug, answers] of Object.entries(CLOSED_ANSWERS)) await answer(db, seeded.closed, slug, password, answers, whileOpen);
  await decline(db, seeded.closed, "digital-rights-network", password, "We are a civil-society network and run no AI systems of our own.", whileOpen);
  await answer(db, seeded.open, "acme-robotics", password, OPEN_ANSWERS, now);
  await decline(db, seeded.open, "federation-of-software-companies", password, "We answer through our member companies.", now);
}
