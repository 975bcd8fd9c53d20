import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { installDataKeyring } from "../../server/crypto/active.js";
import { openCommentText } from "../../db/queries/sealed-text.js";
import { loadDataKeyring } from "../../server/crypto/keyring.js";
import { Browser, openEventStream } from "../helpers/client.js";
import { connectReplica, firstText, rawSocket, synced, waitFor } from "../helpers/collab.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { CLI_TEST_TIMEOUT_MS, runCli, startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
const SLUG = "ai-guideline";
const DRAFT_SLUG = "leak-draft";
const OTHER_SLUG = "leak-other";

/** Text that only some may read, each with a marker no page would contain by chance. */
const MARK = {
  confidentialRoot: "LEAKMARK-confidential-root-q7",
  confidentialSuggestion: "LEAKMARK-confidential-suggestion-k2",
  replyByAuthor: "LEAKMARK-reply-by-author-m4",
  replyByTeam: "LEAKMARK-reply-by-team-z9",
  response: "LEAKMARK-response-to-confidential-w3",
  pending: "LEAKMARK-pending-comment-h5",
  hidden: "LEAKMARK-hidden-comment-t8",
  draftTitle: "LEAKMARK draft consultation title x6",
  draftText: "LEAKMARK-draft-section-text-b1",
  /** A position's passage typed by hand, not in the text: positions by passage never show it. */
  offTextQuote: "LEAKMARK-position-quote-not-in-text-p3",
  /** What someone outside the team tried to record as a response from the rail. */
  railResponse: "LEAKMARK-rail-response-by-outsider-r5",
} as const;

/** Typed into the open consultation's working copy (issue 17, ADR 026) and never published: the team's alone. */
const WORKING_MARK = "LEAKMARK-working-copy-text-p3";

interface Seeded {
  sectionId: string;
  draftSectionId: string;
  /** Ids of the confidential items: a leaked id (say, as a reply's parentId) lets anyone reply into the thread. */
  secretIds: string[];
  version: number;
  /** Receipt references of the confidential, pending and hidden submissions: their owners' alone. */
  receipts: string[];
  /** A campaign of the confidential, pending and hidden comments (ADR 032), and the answer the team gave it. */
  groupId: string;
  groupAnswerId: string;
  /** A campaign whose copies include a held one (issue 18, ADR 030). */
  campaignId: string;
  /** The topic the confidential submission joined (ADR 031): a team page. */
  topicId: string;
  /** The held and the hidden comment: their ids name nothing anyone outside may read. */
  unpublishedIds: string[];
  /** The newest signed checkpoint's entry number, read by number too (ADR 038). */
  checkpointSeq: number;
}

interface ReadPath {
  name: string;
  path: (s: Seeded) => string;
  /** A Remix page: its single-fetch data request (`/x.data`, `/_root.data` for `/`) is read as well. */
  page?: boolean;
  /**
   * Carries public ledger entries, which name the comment a response answers by id (the
   * record must say what it is about). The ids are public there; the texts never.
   */
  ledger?: boolean;
}

/**
 * Every read path, as data: each Remix route in app/routes/ and each GET in
 * server/http/api.ts, for the open consultation and for the draft. Add new ones here.
 * (The event stream and `margin export` are read separately below; the forms
 * under /consultations/new and /consultations/import and /login, /signup show no content.)
 */
export const READ_PATHS: ReadPath[] = [
  { name: "site home", path: () => "/", page: true },
  { name: "transparency", path: () => "/transparency", page: true },
  { name: "account", path: () => "/account", page: true },
  { name: "my submissions", path: () => "/account/submissions", page: true },
  { name: "my submissions, answers to requests only", path: () => "/account/submissions?kind=request", page: true },
  { name: "my submissions, confidential only", path: () => "/account/submissions?kind=confidential", page: true },
  { name: "my submissions, the download", path: () => "/account/submissions.json" },
  { name: "notifications", path: () => "/notifications", page: true },
  { name: "notification settings", path: () => "/account/notifications", page: true },
  { name: "unsubscribe without a link", path: () => "/unsubscribe", page: true },
  { name: "what I follow", path: () => "/account/following", page: true },
  { name: "receipt of a confidential submission", path: (s) => `/account/submissions/${s.receipts[0]}/receipt.json` },
  { name: "receipt of a pending submission", path: (s) => `/account/submissions/${s.receipts[1]}/receipt.json` },
  { name: "receipt of a hidden submission", path: (s) => `/account/submissions/${s.receipts[2]}/receipt.json` },
  { name: "not found (splat)", path: () => "/no/such/page", page: true },
  // The account's e-mail pages: they read whether a link works, nothing else.
  { name: "privacy notice", path: () => "/privacy", page: true },
  { name: "after sign-up", path: () => "/signup/sent", page: true },
  { name: "forgotten password", path: () => "/forgot", page: true },
  { name: "address confirmation link", path: () => `/verify/${"a".repeat(24)}.${"b".repeat(24)}`, page: true },
  { name: "password reset link", path: () => `/reset/${"a".repeat(24)}.${"b".repeat(24)}`, page: true },
  { name: "change of address link", path: () => `/email-change/${"a".repeat(24)}.${"b".repeat(24)}`, page: true },
  { name: "consultation", path: () => `/c/${SLUG}`, page: true },
  { name: "section", path: (s) => `/c/${SLUG}/s/${s.sectionId}`, page: true },
  { name: "section, every thread", path: (s) => `/c/${SLUG}/s/${s.sectionId}?threads=all`, page: true },
  { name: "section, suggestions only", path: (s) => `/c/${SLUG}/s/${s.sectionId}?filter=suggestions&threads=all`, page: true },
  // Issue 18: the rail's pages, a passage of the heat strip, and a group's filter read the same rows by other paths.
  { name: "section, second page of threads", path: (s) => `/c/${SLUG}/s/${s.sectionId}?page=2`, page: true },
  { name: "section, first passage's threads", path: (s) => `/c/${SLUG}/s/${s.sectionId}?passage=0`, page: true },
  { name: "section history", path: (s) => `/c/${SLUG}/s/${s.sectionId}/history`, page: true },
  { name: "section text (the reader view's refresh)", path: (s) => `/c/${SLUG}/s/${s.sectionId}/text` },
  { name: "consultation history", path: () => `/c/${SLUG}/history`, page: true },
  { name: "versions", path: () => `/c/${SLUG}/versions`, page: true },
  { name: "version page", path: (s) => `/c/${SLUG}/v/${s.version}`, page: true },
  { name: "first version page", path: () => `/c/${SLUG}/v/1`, page: true },
  { name: "compare (default)", path: () => `/c/${SLUG}/compare`, page: true },
  { name: "compare v1 → current", path: () => `/c/${SLUG}/compare?from=v1&to=current`, page: true },
  { name: "compare one section, side by side", path: (s) => `/c/${SLUG}/compare?from=v1&to=current&layout=side&section=${s.sectionId}`, page: true },
  { name: "report", path: (s) => `/c/${SLUG}/v/${s.version}/report`, page: true },
  { name: "report, filtered", path: (s) => `/c/${SLUG}/v/${s.version}/report?outcome=noted&section=${s.sectionId}`, page: true },
  { name: "report.csv", path: (s) => `/c/${SLUG}/v/${s.version}/report.csv` },
  { name: "report.json", path: (s) => `/c/${SLUG}/v/${s.version}/report.json` },
  // The e-Gov results (issue 18, ADR 034). Their PDF is printed from the same document as results.json; its text is compressed, so only the draft's is read here (a 404 for outsiders).
  { name: "e-Gov results", path: (s) => `/c/${SLUG}/v/${s.version}/results`, page: true },
  { name: "e-Gov results, page 2", path: (s) => `/c/${SLUG}/v/${s.version}/results?page=2`, page: true },
  { name: "results.csv", path: (s) => `/c/${SLUG}/v/${s.version}/results.csv` },
  { name: "results.csv without the byte-order mark", path: (s) => `/c/${SLUG}/v/${s.version}/results.csv?bom=0` },
  { name: "results.json", path: (s) => `/c/${SLUG}/v/${s.version}/results.json` },
  { name: "the whole text", path: () => `/c/${SLUG}/document`, page: true },
  { name: "a version as one HTML file", path: (s) => `/c/${SLUG}/v/${s.version}/document.html` },
  { name: "Atom feed", path: () => `/c/${SLUG}/feed.atom`, ledger: true },
  { name: "moderation log", path: () => `/c/${SLUG}/moderation-log`, page: true },
  // A group's answer (ADR 032): answering is the team's page; the answer given only to unpublished or confidential comments is the team's alone.
  { name: "answering a group", path: (s) => `/c/${SLUG}/groups/${s.groupId}/respond`, page: true },
  { name: "a group's answer", path: (s) => `/c/${SLUG}/group-answers/${s.groupAnswerId}`, page: true },
  { name: "moderation queue", path: () => `/c/${SLUG}/moderation`, page: true },
  { name: "settings", path: () => `/c/${SLUG}/settings`, page: true },
  // The drafting team's topic groups (ADR 031): its own, the same 404 as a missing page for everyone else.
  { name: "comments by topic", path: () => `/c/${SLUG}/groups`, page: true },
  { name: "comments by topic, one section", path: (s) => `/c/${SLUG}/groups?section=${s.sectionId}`, page: true },
  { name: "a topic group", path: (s) => `/c/${SLUG}/groups/${s.topicId}`, page: true },
  { name: "draft's topic groups", path: () => `/c/${DRAFT_SLUG}/groups`, page: true },
  // The working copy's status (ADR 026): its team's editors only.
  { name: "working copy status", path: () => `/c/${SLUG}/working` },
  { name: "admin: organisations", path: () => "/admin/organisations", page: true },
  { name: "admin: the mail queue", path: () => "/admin/mail", page: true },
  // An invitation link reveals nothing unless it is whole and valid: a guessed one is the same 404 as any other.
  { name: "invitation, a guessed link", path: () => "/invitations/aaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbb", page: true },
  { name: "invitation, a malformed link", path: () => "/invitations/x", page: true },
  { name: "an organisation's invitations", path: () => "/organisations/no-such-org/invitations", page: true },
  { name: "API consultations", path: () => "/api/v1/consultations" },
  { name: "API consultation", path: () => `/api/v1/consultations/${SLUG}` },
  { name: "API moderation log", path: () => `/api/v1/consultations/${SLUG}/moderation` },
  { name: "API section", path: (s) => `/api/v1/sections/${s.sectionId}` },
  { name: "API section history", path: (s) => `/api/v1/sections/${s.sectionId}/history` },
  { name: "API section changes", path: (s) => `/api/v1/sections/${s.sectionId}/changes` },
  { name: "API section versions", path: (s) => `/api/v1/sections/${s.sectionId}/versions` },
  { name: "API diff", path: (s) => `/api/v1/sections/${s.sectionId}/diff?from=v1&to=current` },
  { name: "API comments", path: (s) => `/api/v1/sections/${s.sectionId}/comments` },
  { name: "API comments (W3C)", path: (s) => `/api/v1/sections/${s.sectionId}/comments?format=w3c` },
  { name: "API comments, a page of one", path: (s) => `/api/v1/sections/${s.sectionId}/comments?limit=1` },
  // One comment by its id (an annotation's id dereferences there, ADR 035): the confidential, held and hidden ones are 404.
  ...[0, 1, 2].flatMap((i): ReadPath[] => [
    { name: `API comment, confidential item ${i}`, path: (s) => `/api/v1/sections/${s.sectionId}/comments/${s.secretIds[i]}` },
    { name: `API annotation, confidential item ${i}`, path: (s) => `/api/v1/sections/${s.sectionId}/comments/${s.secretIds[i]}?format=w3c` },
  ]),
  ...[0, 1].flatMap((i): ReadPath[] => [
    { name: `API comment, unpublished item ${i}`, path: (s) => `/api/v1/sections/${s.sectionId}/comments/${s.unpublishedIds[i]}` },
    { name: `API annotation, unpublished item ${i}`, path: (s) => `/api/v1/sections/${s.sectionId}/comments/${s.unpublishedIds[i]}?format=w3c` },
  ]),
  { name: "API positions (counts)", path: (s) => `/api/v1/sections/${s.sectionId}/positions` },
  { name: "API ledger", path: () => "/api/v1/ledger?limit=200", ledger: true },
  { name: "API ledger head", path: () => "/api/v1/ledger/head" },
  { name: "API ledger checkpoints", path: () => "/api/v1/ledger/checkpoints?limit=100" },
  { name: "API latest ledger checkpoint", path: () => "/api/v1/ledger/checkpoints/latest" },
  { name: "API one ledger checkpoint", path: (s) => `/api/v1/ledger/checkpoints/${s.checkpointSeq}` },
  { name: "API description", path: () => "/api/v1/openapi.json" },
  { name: "ledger signing key", path: () => "/.well-known/margin-ledger-key" },
  // Search answers the same for everyone (public only); the query is a prefix every marker shares, so the echo of it is no leak.
  { name: "search", path: () => "/search?q=LEAKMARK", page: true },
  { name: "search, comments only", path: () => "/search?q=LEAKMARK&type=comment", page: true },
  { name: "search, a Japanese-style two-character query", path: () => "/search?q=x6", page: true },
  { name: "API search", path: () => "/api/v1/search?q=LEAKMARK" },
  { name: "API search, responses", path: () => "/api/v1/search?q=LEAKMARK&type=response" },
  { name: "API search, two words", path: () => "/api/v1/search?q=LEAKMARK%20draft" },
  { name: "API campaigns", path: () => `/api/v1/consultations/${SLUG}/campaigns` },
  { name: "API campaign", path: (s) => `/api/v1/campaigns/${s.campaignId}` },
  { name: "campaign page", path: (s) => `/c/${SLUG}/campaigns/${s.campaignId}`, page: true },
  // The draft consultation: its team only.
  { name: "draft consultation", path: () => `/c/${DRAFT_SLUG}`, page: true },
  { name: "draft section", path: (s) => `/c/${DRAFT_SLUG}/s/${s.draftSectionId}`, page: true },
  { name: "draft section history", path: (s) => `/c/${DRAFT_SLUG}/s/${s.draftSectionId}/history`, page: true },
  { name: "draft section text", path: (s) => `/c/${DRAFT_SLUG}/s/${s.draftSectionId}/text` },
  { name: "draft history", path: () => `/c/${DRAFT_SLUG}/history`, page: true },
  { name: "draft versions", path: () => `/c/${DRAFT_SLUG}/versions`, page: true },
  { name: "draft compare", path: () => `/c/${DRAFT_SLUG}/compare`, page: true },
  { name: "draft feed", path: () => `/c/${DRAFT_SLUG}/feed.atom` },
  { name: "draft moderation log", path: () => `/c/${DRAFT_SLUG}/moderation-log`, page: true },
  { name: "draft whole text", path: () => `/c/${DRAFT_SLUG}/document`, page: true },
  { name: "draft's team-only version as one HTML file", path: () => `/c/${DRAFT_SLUG}/v/1/document.html` },
  { name: "draft's team-only version's report", path: () => `/c/${DRAFT_SLUG}/v/1/report`, page: true },
  { name: "draft's team-only version's results", path: () => `/c/${DRAFT_SLUG}/v/1/results`, page: true },
  { name: "draft's team-only version's results.json", path: () => `/c/${DRAFT_SLUG}/v/1/results.json` },
  { name: "draft's team-only version's results.csv", path: () => `/c/${DRAFT_SLUG}/v/1/results.csv` },
  { name: "draft's team-only version's results.pdf", path: () => `/c/${DRAFT_SLUG}/v/1/results.pdf` },
  { name: "API draft consultation", path: () => `/api/v1/consultations/${DRAFT_SLUG}` },
  { name: "API draft section", path: (s) => `/api/v1/sections/${s.draftSectionId}` },
  { name: "API draft section history", path: (s) => `/api/v1/sections/${s.draftSectionId}/history` },
  { name: "API draft section versions", path: (s) => `/api/v1/sections/${s.draftSectionId}/versions` },
  { name: "API draft diff", path: (s) => `/api/v1/sections/${s.draftSectionId}/diff?from=0&to=current` },
  { name: "API draft comments", path: (s) => `/api/v1/sections/${s.draftSectionId}/comments?format=w3c` },
  { name: "API draft campaigns", path: () => `/api/v1/consultations/${DRAFT_SLUG}/campaigns` },
];

/** The Remix single-fetch request for a page URL, as the browser's client-side navigation makes it. */
function dataUrl(path: string): string {
  const url = new URL(path, "http://x");
  url.pathname = url.pathname === "/" ? "/_root.data" : `${url.pathname.replace(/\/$/, "")}.data`;
  return url.pathname + url.search;
}

describe.each(databaseKinds())("nothing confidential, pending, hidden or draft reaches those who may not see it, on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let seeded: Seeded;
  let owner: Browser;
  let industry: Browser;
  let civil: Browser;
  let moderator: Browser;
  const outsiders: [string, Browser][] = [];
  const cliEnv = () => ({ DATABASE_URL: tdb.url });

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_HISTORY: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000", SIGNUP_LIMIT_PER_IP: "1000", REPORTS_TO_HIDE: "1" });
    db = createDb(tdb.url, { poolSize: 2 });
    const signedIn = async (email: string) => {
      const b = new Browser(server.url);
      expect((await b.signIn(email, PASSWORD)).status).toBe(302);
      return b;
    };
    owner = await signedIn("owner@example.org");
    industry = await signedIn("industry@example.org");
    civil = await signedIn("civil@example.org");
    moderator = await signedIn("moderator@example.org");

    const c = await (await fetch(`${server.url}/api/v1/consultations/${SLUG}`)).json();
    const sectionId: string = c.sections[2].id;
    const here = `/c/${SLUG}/s/${sectionId}`;
    // Confidential texts are sealed at rest: find a row by its opened text.
    installDataKeyring(loadDataKeyring({ DATABASE_URL: tdb.url }, { create: false }).ring);
    const bodyOf = async (text: string) => {
      const rows = await db.kysely.selectFrom("comment").select(["id", "body", "replacement"]).execute();
      const found = rows.map(openCommentText).find((r) => r.body.includes(text));
      if (!found) throw new Error(`no comment holds ${text}`);
      return found.id;
    };

    // A confidential submission, replied to in its thread by its author and by the team, and answered in the report.
    // With a public redacted version, which must not give away the id of what it redacts.
    const redacted = { redactedBody: "A public summary of a confidential submission." };
    expect((await industry.postForm(here, { intent: "comment", kind: "comment", body: MARK.confidentialRoot, confidential: "on", ...redacted })).status).toBe(302);
    const rootId = await bodyOf(MARK.confidentialRoot);
    expect((await industry.postForm(here, { intent: "reply", parentId: rootId, body: MARK.replyByAuthor })).status).toBe(302);
    expect((await owner.postForm(here, { intent: "reply", parentId: rootId, body: MARK.replyByTeam })).status).toBe(302);
    // A confidential suggested amendment: its proposed text is confidential too.
    const text: string = (await (await fetch(`${server.url}/api/v1/sections/${sectionId}`)).json()).text;
    const quote = text.split(/\s+/).slice(0, 3).join(" ");
    const suggested = await industry.postForm(here, { intent: "comment", kind: "suggestion", body: MARK.confidentialSuggestion, replacement: `${MARK.confidentialSuggestion}-text`, quoteExact: quote, confidential: "on" });
    expect(suggested.status).toBe(302);
    const suggestionId = await bodyOf(MARK.confidentialSuggestion);
    const version = Math.max(...(await db.kysely.selectFrom("version").select("number").execute()).map((v) => Number(v.number)));
    const responded = await owner.postForm(`/c/${SLUG}/v/${version}/report`, { commentId: rootId, outcome: "noted", response: MARK.response });
    expect(responded.status).toBe(302);

    // A position on a "passage" that is not the section's text: refused (ADR 028), and its words never shown anywhere.
    expect((await civil.postForm(here, { intent: "position", stance: "oppose", rationale: "", quote: MARK.offTextQuote })).status).toBe(400);

    // A comment held by pre-moderation.
    const settings = (mode: "pre" | "post") =>
      owner.postForm(`/c/${SLUG}/settings`, { intent: "settings", title: c.title, summary: c.summary ?? "s", opensAt: "", closesAt: "", moderationMode: mode });
    expect((await settings("pre")).status).toBe(302);
    expect((await civil.postForm(here, { intent: "comment", kind: "comment", body: MARK.pending })).status).toBe(302);
    expect((await settings("post")).status).toBe(302);
    const pendingId = await bodyOf(MARK.pending);
    // A comment hidden by moderation (the team acts through moderation, never the report button).
    expect((await civil.postForm(here, { intent: "comment", kind: "comment", body: MARK.hidden })).status).toBe(302);
    const hiddenId = await bodyOf(MARK.hidden);
    expect((await moderator.postForm(`/c/${SLUG}/moderation`, { ids: hiddenId, action: "hide", reason: "spam", note: "" })).status).toBe(302);

    // A campaign: two public copies and a held one carrying a marker (a confidential copy: tests/integration/campaigns.test.ts, whose count here would change the totals checked below).
    const CAMPAIGN = "We ask that the guideline require every provider of a foundation model to publish a detailed summary of the works used for training it. Without that summary the rural libraries we represent cannot tell whether their digitised collections were copied.";
    expect((await owner.postForm(here, { intent: "comment", kind: "comment", body: CAMPAIGN })).status).toBe(302);
    expect((await civil.postForm(here, { intent: "comment", kind: "comment", body: `Hello. ${CAMPAIGN}` })).status).toBe(302);
    expect((await settings("pre")).status).toBe(302);
    expect((await civil.postForm(here, { intent: "comment", kind: "comment", body: `${MARK.pending}-campaign ${CAMPAIGN}` })).status).toBe(302);
    expect((await settings("post")).status).toBe(302);
    const campaignId = (await db.kysely.selectFrom("comment_group_member").select("group_id").where("kind", "=", "campaign").where("comment_id", "=", await bodyOf(`${MARK.pending}-campaign`)).executeTakeFirstOrThrow()).group_id;

    // A draft consultation of the demo owner's, and another consultation whose owner is a stranger to this one.
    const dir = join(tmpdir(), `margin-leaks-${Date.now().toString(36)}`);
    writeFileSync(`${dir}-draft.md`, `# ${MARK.draftTitle}\n\nSummary.\n\n## First part\n\n${MARK.draftText} and more words.\n`);
    writeFileSync(`${dir}-other.md`, "# Another consultation\n\nSummary.\n\n## Only part\n\nSome text.\n");
    expect((await runCli(["import", `${dir}-draft.md`, "--owner", "owner@example.org", "--slug", DRAFT_SLUG], cliEnv())).code).toBe(0);
    expect((await runCli(["user", "add", "--email", "other-owner@example.org", "--password", PASSWORD, "--name", "Other Owner", "--role", "convener"], cliEnv())).code).toBe(0);
    const imported = await runCli(["import", `${dir}-other.md`, "--owner", "other-owner@example.org", "--slug", OTHER_SLUG], cliEnv());
    expect(imported.code, imported.stderr).toBe(0);
    const draft = await db.kysely.selectFrom("consultation").select("id").where("slug", "=", DRAFT_SLUG).executeTakeFirstOrThrow();
    const draftSection = await db.kysely.selectFrom("section").select("id").where("consultation_id", "=", draft.id).executeTakeFirstOrThrow();
    // A version of the draft: the team's alone (its text is the draft's).
    expect((await owner.postForm(`/c/${DRAFT_SLUG}/versions`, { name: "Team-only first version", note: "" })).status).toBe(302);

    const replyIds = (await db.kysely.selectFrom("comment").select("id").where("parent_id", "=", rootId).execute()).map((r) => r.id);
    const receiptOf = async (id: string) => (await db.kysely.selectFrom("receipt").select("reference").where("subject_id", "=", id).executeTakeFirstOrThrow()).reference;
    const receipts = [await receiptOf(rootId), await receiptOf(pendingId), await receiptOf(hiddenId)];
    // A campaign of the confidential, the held and the hidden comments, answered together by the team.
    const groupAt = new Date().toISOString();
    const groupId = "leakgroupaaaaaaa";
    const consultationId = (await db.kysely.selectFrom("consultation").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow()).id;
    await db.kysely.insertInto("comment_group").values({ id: groupId, consultation_id: consultationId, kind: "campaign", label: null, gist: null, canonical_id: rootId, size: 3, centroid: null, merged_into: null, created_at: groupAt, updated_at: groupAt }).execute();
    for (const id of [rootId, pendingId, hiddenId]) {
      await db.kysely.insertInto("comment_group_member").values({ comment_id: id, kind: "campaign", group_id: groupId, consultation_id: consultationId, section_id: sectionId, created_at: groupAt }).execute();
    }
    expect((await owner.postForm(`/c/${SLUG}/groups/${groupId}/respond`, { outcome: "noted", response: "Answered together." })).status).toBe(302);
    const groupAnswerId = (await db.kysely.selectFrom("group_response").select("id").where("group_id", "=", groupId).executeTakeFirstOrThrow()).id;
    const topic = await db.kysely.selectFrom("comment_group").select("id").where("kind", "=", "topic").orderBy("size", "desc").executeTakeFirstOrThrow();
    const checkpointSeq = await vi.waitFor(
      async () => {
        const latest = await fetch(`${server.url}/api/v1/ledger/checkpoints/latest`);
        if (latest.status !== 200) throw new Error(`no checkpoint signed yet (${latest.status})`);
        return ((await latest.json()) as { seq: number }).seq;
      },
      { timeout: 30_000, interval: 100 },
    );
    seeded = { sectionId, draftSectionId: draftSection.id, secretIds: [rootId, suggestionId, ...replyIds], version, receipts, groupId, groupAnswerId, campaignId, topicId: topic.id, unpublishedIds: [pendingId, hiddenId], checkpointSeq };
    // The team follows its draft and a section of it: what one follows is one's own to see.
    expect((await owner.postForm("/follow", { intent: "follow", kind: "consultation", target: DRAFT_SLUG })).status).toBe(302);
    expect((await owner.postForm("/follow", { intent: "follow", kind: "section", target: draftSection.id })).status).toBe(302);

    // The team drafts in a working copy, and has typed something it has not published.
    expect((await owner.postForm(`/c/${SLUG}/settings`, { intent: "drafting-mode", mode: "working" })).status).toBe(302);
    const copy = connectReplica(server.url, `${sectionId}.working`, owner.cookieHeader());
    await synced(copy);
    firstText(copy.doc).insert(0, `${WORKING_MARK} `);
    await waitFor(async () => ((await (await owner.get(`/c/${SLUG}/working`)).json()).unpublished[sectionId] ?? 0) > 0, 10_000, "the working copy to be stored");
    copy.destroy();

    const participant = new Browser(server.url);
    await participant.signUp({ displayName: "Pat Participant", stakeholderGroup: "individual" });
    outsiders.push(["anonymous", new Browser(server.url)], ["another participant", participant], ["owner of another consultation", await signedIn("other-owner@example.org")]);
  }, CLI_TEST_TIMEOUT_MS); // the setup runs the CLI three times
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  const secrets = (ledger = false) => [...Object.values(MARK), WORKING_MARK, ...seeded.receipts, ...(ledger ? [] : seeded.secretIds)];

  it("shows each marker to someone allowed, so the test can fail", async () => {
    const section = await (await owner.get(`/c/${SLUG}/s/${seeded.sectionId}`)).text();
    expect(await (await new Browser(server.url).get(`/c/${SLUG}/s/${seeded.sectionId}`)).text()).toContain("A public summary of a confidential submission.");
    for (const m of [MARK.confidentialRoot, MARK.confidentialSuggestion, MARK.replyByAuthor, MARK.replyByTeam, MARK.pending, ...seeded.secretIds]) expect(section, m).toContain(m);
    // The submitter reads the team's reply in their thread; the hidden text stays with its author.
    expect(await (await industry.get(`/c/${SLUG}/s/${seeded.sectionId}`)).text()).toContain(MARK.replyByTeam);
    expect(await (await civil.get(`/c/${SLUG}/s/${seeded.sectionId}`)).text()).toContain(MARK.hidden);
    expect(await (await owner.get(`/c/${DRAFT_SLUG}/s/${seeded.draftSectionId}`)).text()).toContain(MARK.draftText);
    expect(await (await owner.get(`/c/${DRAFT_SLUG}/s/${seeded.draftSectionId}/text`)).text()).toContain(MARK.draftText);
    expect(await (await owner.get(`/c/${DRAFT_SLUG}`)).text()).toContain(MARK.draftTitle);
    expect(await (await owner.get(`/c/${DRAFT_SLUG}/document`)).text()).toContain(MARK.draftText);
    expect(await (await owner.get(`/c/${DRAFT_SLUG}/v/1/document.html`)).text()).toContain(MARK.draftText);
    expect(await (await owner.get("/account/following")).text()).toContain(MARK.draftTitle);
    expect(await (await owner.get(dataUrl(`/c/${SLUG}/s/${seeded.sectionId}`))).text()).toContain(MARK.replyByTeam);
    // The team answering the campaign reads its canonical text, the confidential one (its recipient).
    expect(await (await owner.get(`/c/${SLUG}/groups/${seeded.groupId}/respond`)).text()).toContain(MARK.confidentialRoot);
    // The response is recorded (the team sees it on the section page).
    expect(section).toContain(MARK.response);
    // Each receipt is on its owner's list.
    expect(await (await industry.get("/account/submissions")).text()).toContain(seeded.receipts[0]);
    const civilList = await (await civil.get("/account/submissions")).text();
    for (const r of seeded.receipts.slice(1)) expect(civilList).toContain(r);
    // And in their download, with the text.
    const download = await (await industry.get("/account/submissions.json")).text();
    expect(download).toContain(seeded.receipts[0]);
    expect(download).toContain(MARK.confidentialRoot);
  });

  it("leaks nothing on any read path, page or data request, to anyone outside", async () => {
    for (const [who, browser] of outsiders) {
      for (const p of READ_PATHS) {
        const path = p.path(seeded);
        for (const url of p.page ? [path, dataUrl(path)] : [path]) {
          const res = await browser.get(url);
          const body = await res.text();
          expect(res.status, `${who}: ${p.name} ${url}`).toBeLessThan(500);
          for (const m of secrets(p.ledger)) expect(body, `${who}: ${p.name} ${url} shows ${m}`).not.toContain(m);
        }
      }
    }
  });

  // Moderators are on the team but are not recipients (ADR 019): held and hidden items are theirs, confidential ones are not.
  it("shows a moderator, who is not a recipient, nothing of the confidential submissions on any path", async () => {
    const confidential = (ledger = false) => [
      MARK.confidentialRoot,
      MARK.confidentialSuggestion,
      MARK.replyByAuthor,
      MARK.replyByTeam,
      MARK.response,
      seeded.receipts[0]!,
      ...(ledger ? [] : seeded.secretIds),
    ];
    for (const p of READ_PATHS) {
      const path = p.path(seeded);
      for (const url of p.page ? [path, dataUrl(path)] : [path]) {
        const res = await moderator.get(url);
        const body = await res.text();
        expect(res.status, `moderator: ${p.name} ${url}`).toBeLessThan(500);
        for (const m of [...confidential(p.ledger), WORKING_MARK]) expect(body, `moderator: ${p.name} ${url} shows ${m}`).not.toContain(m);
      }
    }
    // The held comment is still theirs to see, so the test reads as the moderator.
    expect(await (await moderator.get(`/c/${SLUG}/moderation`)).text()).toContain(MARK.pending);
    // Nor can they act on one by its id.
    expect((await moderator.postForm(`/c/${SLUG}/moderation`, { ids: seeded.secretIds[0]!, action: "hide", reason: "spam", note: "" })).status).toBe(404);
  });

  it("lets no one outside the team, nor a moderator who is not a recipient, respond from the rail to a confidential submission", async () => {
    const count = async () => (await db.kysely.selectFrom("disposition").select("id").where("comment_id", "=", seeded.secretIds[0]!).execute()).length;
    const before = await count();
    for (const [who, browser] of [...outsiders, ["moderator", moderator] as [string, Browser]]) {
      const res = await browser.postForm(`/c/${SLUG}/s/${seeded.sectionId}`, { intent: "respond", commentId: seeded.secretIds[0]!, outcome: "adopted", response: MARK.railResponse });
      expect([302, 401, 403, 404], who).toContain(res.status);
      if (res.status === 302) expect(res.headers.get("location"), who).toContain("/login");
      const body = await res.text();
      for (const m of [MARK.confidentialRoot, MARK.response]) expect(body, `${who}: respond shows ${m}`).not.toContain(m);
      // Nor is the rail's Respond form offered to them for it.
      const page = await (await browser.get(`/c/${SLUG}/s/${seeded.sectionId}`)).text();
      expect(page, who).not.toContain(`name="commentId" value="${seeded.secretIds[0]}"`);
    }
    expect(await count()).toBe(before);
    // Its recipients (the owner) are offered it.
    expect(await (await owner.get(`/c/${SLUG}/s/${seeded.sectionId}`)).text()).toContain('name="intent" value="respond"');
  });

  it("shows the topic groups (ADR 031) to those who respond to comments only: everyone else gets the 404 of a missing page", async () => {
    const paths = [`/c/${SLUG}/groups`, `/c/${SLUG}/groups/${seeded.topicId}`, dataUrl(`/c/${SLUG}/groups/${seeded.topicId}`)];
    for (const [who, browser] of [...outsiders, ["moderator", moderator] as [string, Browser]]) {
      for (const p of paths) expect((await browser.get(p)).status, `${who}: ${p}`).toBe(404);
      const renamed = await browser.postForm(`/c/${SLUG}/groups/${seeded.topicId}`, { intent: "rename", label: "LEAKMARK renamed by an outsider", gist: "" });
      expect([302, 404], who).toContain(renamed.status);
      if (renamed.status === 302) expect(renamed.headers.get("location"), who).toContain("/login");
    }
    for (const p of paths) expect((await owner.get(p)).status, p).toBe(200);
    expect(await (await owner.get(`/c/${SLUG}/groups`)).text()).not.toContain("LEAKMARK renamed");
  });

  it("opens the working copy's socket to its editing team only (ADR 026)", async () => {
    const origin = new URL(server.url).origin;
    const status = async (b: Browser) => {
      const { ws, status } = await rawSocket(server.url, `/collab/${seeded.sectionId}.working`, { origin, cookie: b.cookieHeader() });
      ws.terminate();
      return status ?? 101;
    };
    for (const [who, browser] of [...outsiders, ["moderator", moderator] as [string, Browser]]) expect(await status(browser), who).toBe(404);
    // So that the test can fail: the owner's is opened, and holds the unpublished text.
    expect(await status(owner)).toBe(101);
    const copy = connectReplica(server.url, `${seeded.sectionId}.working`, owner.cookieHeader());
    await synced(copy);
    expect(copy.text()).toContain(WORKING_MARK);
    copy.destroy();
  });

  it("gives a receipt file to its owner only; everyone else gets the same 404 as for no receipt", async () => {
    const own = await industry.get(`/account/submissions/${seeded.receipts[0]}/receipt.json`);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain(MARK.confidentialRoot);
    expect((await civil.get(`/account/submissions/${seeded.receipts[1]}/receipt.json`)).status).toBe(200);
    // The consultation's own team reads the submission, but the receipt (with its salt) is the submitter's.
    const strangers: [string, Browser][] = [...outsiders, ["the consultation's owner", owner], ["another submitter", civil]];
    for (const [who, browser] of strangers) {
      const res = await browser.get(`/account/submissions/${seeded.receipts[0]}/receipt.json`);
      expect(res.status, who).toBe(404);
      expect(await res.text(), who).not.toContain(MARK.confidentialRoot);
    }
    expect((await industry.get("/account/submissions/M-0000-0000-00/receipt.json")).status).toBe(404);
  });

  it("shows each person their own notifications only; another's cannot be opened", async () => {
    // The submitter of the confidential thread was told of the team's reply and response; the author of the hidden comment, of the hide.
    const own = await db.kysely.selectFrom("notification").innerJoin("user", "user.id", "notification.user_id").select(["notification.id", "notification.link", "user.email"]).execute();
    const industryIds = own.filter((n) => n.email === "industry@example.org").map((n) => n.id);
    const civilIds = own.filter((n) => n.email === "civil@example.org").map((n) => n.id);
    expect(industryIds.length).toBeGreaterThan(0);
    expect(civilIds.length).toBeGreaterThan(0);
    expect(await (await industry.get("/notifications")).text()).toContain("replied to your comment");
    for (const [who, browser] of [...outsiders, ["civil", civil] as [string, Browser]]) {
      for (const url of ["/notifications", dataUrl("/notifications"), "/", dataUrl("/")]) {
        const body = await (await browser.get(url)).text();
        for (const id of industryIds) expect(body, `${who}: ${url} shows industry's notification ${id}`).not.toContain(id);
      }
      const opened = await browser.postForm("/notifications", { intent: "open", id: industryIds[0]! });
      expect(opened.status, who).toBe(who === "anonymous" ? 302 : 404);
      if (who === "anonymous") expect(opened.headers.get("location")).toContain("/login");
    }
    expect((await db.kysely.selectFrom("notification").select("read_at").where("id", "=", industryIds[0]!).executeTakeFirstOrThrow()).read_at).toBeNull();
  });

  it("counts confidential submissions without their replies, and shows nothing else of them", async () => {
    const page = await (await new Browser(server.url).get(`/c/${SLUG}/s/${seeded.sectionId}`)).text();
    expect(page).toContain("2 confidential submissions, read only by their named readers.");
    // The consultation page gives the number and how often they were read (the owner read them above).
    expect(await (await new Browser(server.url).get(`/c/${SLUG}`)).text()).toMatch(/Confidential submissions<\/dt><dd>2, read \d+ times? by the owners and drafters/);
    const report = await (await new Browser(server.url).get(`/c/${SLUG}/v/${seeded.version}/report.json`)).json();
    expect(report.confidentialSubmissions).toBe(2);
  });

  it("sends nothing private on the event stream", async () => {
    for (const [who, browser] of outsiders) {
      const stream = await openEventStream(`${server.url}/c/${SLUG}/s/${seeded.sectionId}/events`, { cookie: browser.cookieHeader() });
      try {
        // Something happens in the section: the team answers in the confidential thread.
        await owner.postForm(`/c/${SLUG}/s/${seeded.sectionId}`, { intent: "reply", parentId: seeded.secretIds[0]!, body: `${MARK.replyByTeam} again, for ${who}` });
        const seen = await stream.until("event: activity");
        expect(seen, who).toContain("event: activity");
        for (const m of secrets()) expect(seen, `${who}: event stream shows ${m}`).not.toContain(m);
      } finally {
        stream.close();
      }
      const draft = await openEventStream(`${server.url}/c/${DRAFT_SLUG}/s/${seeded.draftSectionId}/events`, { cookie: browser.cookieHeader() });
      draft.close();
      expect(draft.response.status, `${who}: the draft's event stream`).toBe(404);
    }
  });

  it("exports nothing of them with margin export, in JSON or Markdown", async () => {
    for (const format of ["json", "md"]) {
      const run = await runCli(["export", "--slug", SLUG, "--format", format], cliEnv());
      expect(run.code, run.stderr).toBe(0);
      for (const m of secrets()) expect(run.stdout, `export ${format} shows ${m}`).not.toContain(m);
      const draft = await runCli(["export", "--slug", DRAFT_SLUG, "--format", format], cliEnv());
      // A draft is its team's: the export, which reads as the public, does not find it.
      expect(draft.code).toBe(1);
      for (const m of secrets()) expect(draft.stdout + draft.stderr, `draft export ${format} shows ${m}`).not.toContain(m);
    }
  }, CLI_TEST_TIMEOUT_MS);
});
