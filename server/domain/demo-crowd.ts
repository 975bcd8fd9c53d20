import type { Db } from "../../db/client.js";
import { findUserByEmail, insertUser, type UserProfile } from "../../db/queries/user.js";
import type { SectionRow, StakeholderGroup } from "../../db/schema.js";
import { requireConsultation } from "../auth/access.js";
import { newId, nowIso } from "../ids.js";
import { createComment } from "./comments/index.js";
import type { DemoHistoryDeps } from "./demo-steps.js";

/**
 * The demo's crowd (issue 18): a campaign — one text sent by two dozen supporters of a
 * civil-society group, each with their own greeting, a line about themselves or a typo —
 * and a few dozen comments of people writing in their own words on four subjects, so the
 * demo shows a campaign recognised as one entry and the team's topic groups. The crowd's
 * accounts cannot sign in (no password): they exist to have written something.
 */

const CROWD_SIZE = 24;

const CAMPAIGN = [
  "People must be told, in every case, when an automated system has made or shaped a decision about them.",
  "A recommendation to inform them is not enough: without a duty, the organisations that most need to explain themselves will not.",
  "The explanation should say which data was used and how to reach a person who can change the outcome.",
  "Please make this a requirement in section 4.",
];
const GREETINGS = ["Dear drafting team,", "Hello,", "To the Ministry,", "", "Dear Sir or Madam,", ""];
const ABOUT_ME = ["", "I was refused a flat by a screening tool and never learned why.", "", "I am a social worker.", "", "I teach at a secondary school.", ""];
const SIGN_OFFS = ["Thank you.", "", "Kind regards.", "", "Sincerely."];

/** A supporter's copy of the campaign text: greeting, a line of their own, now and then the sentences swapped or a word dropped. */
function campaignCopy(i: number): string {
  const sentences = [...CAMPAIGN];
  if (i % 5 === 3) [sentences[1], sentences[2]] = [sentences[2]!, sentences[1]!];
  let body = sentences.join(" ");
  if (i % 4 === 1) body = body.replace("in every case, ", "");
  if (i % 7 === 2) body = body.replace("requirement", "clear requirement");
  return [GREETINGS[i % GREETINGS.length], ABOUT_ME[i % ABOUT_ME.length], body, SIGN_OFFS[i % SIGN_OFFS.length]].filter((p) => p !== "").join(" ");
}

/** Comments in people's own words: [section number (1-based), text]. */
const OWN_WORDS: [number, string][] = [
  [3, "Small companies cannot afford a full risk assessment for every tool they buy. Please publish a simple template for small and medium enterprises."],
  [3, "The compliance cost of the risk classification falls hardest on small firms. A lighter procedure for companies under 50 staff would help."],
  [3, "As a small software company we would need an outside consultant just to classify our systems. A checklist for small businesses would be enough."],
  [3, "Risk tiers are sensible, but the guideline should give examples of high-risk systems so companies do not classify them differently."],
  [5, "Incident reports will only come if reporters are protected. The channel needs a legal guarantee that reports cannot be used against the reporting company."],
  [5, "Please define a serious incident with thresholds: number of people affected, financial loss, duration of the disruption."],
  [5, "An anonymised summary of incidents every quarter would help the whole sector learn. Publish trends by sector."],
  [5, "Suppliers of models should be obliged to pass incident information to all their customers, not only the one affected."],
  [5, "Who runs the incident channel matters: it must be independent of the regulator, or companies will not report."],
  [6, "Public procurement should require suppliers to document their training data and evaluations before a contract is signed."],
  [6, "Procurement rules should let small local suppliers compete; heavy documentation requirements favour large vendors."],
  [6, "Government buyers need training to evaluate AI tenders. Publish model clauses for procurement contracts."],
  [6, "Contracts for public AI systems should give the authority the right to audit the system and its data."],
  [7, "Align the risk categories with the international standards (ISO/IEC 42001) so companies do not comply twice."],
  [7, "Japan should take part in the international standards work and adopt the standards rather than writing its own."],
  [7, "Mutual recognition of conformity assessments with other countries would spare exporters duplicate audits."],
  [4, "Model developers should document training data sources in broad terms; the public summary should name the main datasets."],
  [4, "Downstream companies cannot judge fitness for use without the developer's evaluation results. Make passing them on mandatory."],
];

const CROWD_GROUPS: StakeholderGroup[] = ["civil_society", "academia", "individual", "civil_society", "individual"];

async function crowdMember(db: Db, i: number, group: StakeholderGroup): Promise<UserProfile> {
  const email = `supporter-${String(i + 1).padStart(2, "0")}@example.org`;
  const existing = await findUserByEmail(db.kysely, email);
  if (existing) return existing;
  const row = {
    id: newId(),
    email,
    display_name: `Supporter ${i + 1}`,
    organisation: "",
    stakeholder_group: group,
    // No password can match: the crowd's accounts exist to have written, not to sign in.
    password_hash: "!",
    site_role: "member" as const,
    created_at: nowIso(),
    locale: null,
    email_verified_at: nowIso(),
  };
  await insertUser(db.kysely, row);
  const { password_hash: _omit, ...profile } = row;
  return profile;
}

async function crowd(db: Db): Promise<UserProfile[]> {
  const people: UserProfile[] = [];
  for (let i = 0; i < CROWD_SIZE + OWN_WORDS.length; i++) people.push(await crowdMember(db, i, CROWD_GROUPS[i % CROWD_GROUPS.length]!));
  return people;
}

/**
 * Posts the campaign through the same service people use, so it is grouped as real
 * submissions are, on the transparency section in the first version's window (the revision
 * that follows answers it). Returns its first comment's id.
 */
export async function seedDemoCampaign(db: Db, deps: DemoHistoryDeps, slug: string, sections: SectionRow[]): Promise<string> {
  const full = { ...deps, db };
  const people = await crowd(db);
  let first: string | null = null;
  for (let i = 0; i < CROWD_SIZE; i++) {
    const person = people[i]!;
    const view = await requireConsultation(db, slug, person);
    const c = await createComment(full, view, sections[3]!, person, { kind: "comment", body: campaignCopy(i), publication: i % 3 === 0 ? "anonymous" : "name" });
    first ??= c.id;
  }
  return first!;
}

/** Posts the comments in people's own words, after the revision: still open, for the team to answer topic by topic. */
export async function seedDemoOwnWords(db: Db, deps: DemoHistoryDeps, slug: string, sections: SectionRow[]): Promise<void> {
  const full = { ...deps, db };
  const people = await crowd(db);
  for (const [n, [section, text]] of OWN_WORDS.entries()) {
    const person = people[CROWD_SIZE + n]!;
    await createComment(full, await requireConsultation(db, slug, person), sections[section - 1]!, person, { kind: "comment", body: text });
  }
}
