import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { countOwnSubmissionKeys, listOwnSubmissionKeys } from "../../db/queries/own-submission.js";
import type { Actor } from "../../server/auth/policy.js";
import { addOrganisationMember, createOrganisation, removeOrganisationMember } from "../../server/domain/organisations/index.js";
import { RequestDefinitionSchema } from "../../server/domain/request-schemas.js";
import { createRecipientBody, createRequest, issueRequest } from "../../server/domain/requests/index.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { CLI_TEST_TIMEOUT_MS, startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
const SLUG = "ai-guideline";

/** Each submission's text, with a marker no page would contain by chance. */
const MARK = {
  published: "MYSUBS-published-comment-a1",
  reply: "MYSUBS-reply-b2",
  suggestion: "MYSUBS-suggestion-c3",
  replacement: "MYSUBS-replacement-text-d4",
  position: "MYSUBS-position-rationale-e5",
  confidential: "MYSUBS-confidential-comment-f6",
  pending: "MYSUBS-pending-comment-g7",
  hidden: "MYSUBS-hidden-comment-h8",
  withdrawn: "MYSUBS-withdrawn-comment-i9",
  response: "MYSUBS-team-response-j1",
  declineSuggestion: "MYSUBS-suggestion-declined-because-k2",
  answerPublic: "MYSUBS-public-answer-l3",
  answerRestricted: "MYSUBS-restricted-answer-m4",
  declineRequest: "MYSUBS-request-decline-reason-n5",
  draftAnswer: "MYSUBS-draft-answer-o6",
} as const;

interface ExportItem {
  source: "receipt" | "request";
  reference: string | null;
  status: string;
  text?: string | null;
  replacement?: string | null;
  kind?: { subject: string; stance: string | null };
  confidential?: boolean;
  response?: { outcome: string; text: string } | null;
  suggestion?: { status: string; reason: string | null } | null;
  moderationReason?: string | null;
  request?: { slug: string; title: string };
  member?: boolean;
  closed?: boolean;
  declineReason?: string | null;
  answers?: { question: string; level: string; value: unknown }[] | null;
  draft?: { question: string; level: string; value: unknown }[] | null;
  revisions?: { reference: string; receipt: string }[] | null;
  links: { item: string | null; receipt: string | null };
}

/**
 * Issue 16 item 6: "My submissions" lists everything one sent, comments, replies,
 * suggestions, positions, confidential submissions and answers to information requests,
 * each with where it stands and any response, and gives all of it as one JSON file,
 * to its owner alone.
 */
describe.each(databaseKinds())("my submissions on %s", { timeout: CLI_TEST_TIMEOUT_MS }, (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let writer: Browser;
  let writerId: string;
  let other: Browser;
  const receipts: Record<string, string> = {};

  const signedIn = async (email: string) => {
    const b = new Browser(server.url);
    expect((await b.signIn(email, PASSWORD)).status).toBe(302);
    return b;
  };
  const download = async (browser: Browser) => {
    const res = await browser.get("/account/submissions.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="margin-my-submissions-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(res.headers.get("cache-control")).toContain("no-store");
    return (await res.json()) as { format: string; server: string; count: number; items: ExportItem[] };
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000", SIGNUP_LIMIT_PER_IP: "1000" });
    db = createDb(tdb.url, { poolSize: 2 });
    const owner = await signedIn("owner@example.org");
    const moderator = await signedIn("moderator@example.org");
    writer = new Browser(server.url);
    const email = await writer.signUp({ displayName: "Wanda Writer", password: PASSWORD });
    writerId = (await db.kysely.selectFrom("user").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
    other = new Browser(server.url);
    await other.signUp({ displayName: "Otto Other", password: PASSWORD });

    const c = await (await fetch(`${server.url}/api/v1/consultations/${SLUG}`)).json();
    const sectionId: string = c.sections[1].id;
    const here = `/c/${SLUG}/s/${sectionId}`;
    const post = async (body: string, extra: Record<string, string> = {}) => {
      const res = await writer.postForm(here, { intent: "comment", kind: "comment", body, ...extra });
      expect(res.status, await res.clone().text()).toBe(302);
      return new URL(res.headers.get("location")!, server.url).searchParams.get("receipt")!;
    };
    const subjectOf = async (reference: string) => (await db.kysely.selectFrom("receipt").select("subject_id").where("reference", "=", reference).executeTakeFirstOrThrow()).subject_id;

    receipts.published = await post(MARK.published);
    const publishedId = await subjectOf(receipts.published);
    expect((await writer.postForm(here, { intent: "reply", parentId: publishedId, body: MARK.reply })).status).toBe(302);
    receipts.reply = (await db.kysely.selectFrom("receipt").innerJoin("comment", "comment.id", "receipt.subject_id").select("receipt.reference").where("comment.parent_id", "=", publishedId).executeTakeFirstOrThrow()).reference;
    const text: string = (await (await fetch(`${server.url}/api/v1/sections/${sectionId}`)).json()).text;
    receipts.suggestion = await post(MARK.suggestion, { kind: "suggestion", replacement: MARK.replacement, quoteExact: text.split(/\s+/).slice(0, 3).join(" ") });
    expect((await owner.postForm(here, { intent: "decline", commentId: await subjectOf(receipts.suggestion), reason: MARK.declineSuggestion })).status).toBe(302);
    expect((await writer.postForm(here, { intent: "position", stance: "support_with_changes", rationale: MARK.position, quote: "" })).status).toBe(302);
    receipts.position = (await db.kysely.selectFrom("receipt").select("reference").where("user_id", "=", writerId).where("subject_kind", "=", "position").executeTakeFirstOrThrow()).reference;
    receipts.confidential = await post(MARK.confidential, { confidential: "on" });

    const settings = (mode: "pre" | "post") =>
      owner.postForm(`/c/${SLUG}/settings`, { intent: "settings", title: c.title, summary: c.summary ?? "s", opensAt: "", closesAt: "", moderationMode: mode });
    expect((await settings("pre")).status).toBe(302);
    receipts.pending = await post(MARK.pending);
    expect((await settings("post")).status).toBe(302);
    receipts.hidden = await post(MARK.hidden);
    expect((await moderator.postForm(`/c/${SLUG}/moderation`, { ids: await subjectOf(receipts.hidden), action: "hide", reason: "off_topic", note: "" })).status).toBe(302);
    receipts.withdrawn = await post(MARK.withdrawn);
    expect((await writer.postForm(here, { intent: "delete", commentId: await subjectOf(receipts.withdrawn) })).status).toBe(302);
    const version = Math.max(...(await db.kysely.selectFrom("version").select("number").execute()).map((v) => Number(v.number)));
    expect((await owner.postForm(`/c/${SLUG}/v/${version}/report`, { commentId: publishedId, outcome: "partly_adopted", response: MARK.response })).status).toBe(302);

    // Three information requests to the writer's organisation: answered, declined (and since closed), and a draft.
    const convenerRow = await db.kysely.selectFrom("user").select("id").where("email", "=", "owner@example.org").executeTakeFirstOrThrow();
    await db.kysely.updateTable("user").set({ site_role: "convener" }).where("id", "=", convenerRow.id).execute();
    const convener: Actor = { kind: "user", userId: convenerRow.id, siteRole: "convener", role: null };
    await createOrganisation(db, "operator", { name: "Writer Works", kind: "company", slug: "writer-works", emailDomain: null });
    await addOrganisationMember(db, "operator", "writer-works", email, "representative");
    await createRecipientBody(db, convener, { name: "Survey Office", slug: "survey-office", description: "Reads restricted answers." });
    const questions: Record<string, { open: string; closed: string }> = {};
    for (const slug of ["answered-survey", "declined-survey", "draft-survey"]) {
      const def = RequestDefinitionSchema.parse({
        title: `Survey ${slug}`,
        purpose: "Learn how companies evaluate AI systems.",
        legalBasis: "Voluntary.",
        deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        invited: ["writer-works"],
        recipientBodies: ["survey-office"],
        questions: [
          { kind: "text", prompt: "Which evaluation methods do you use?", help: "", maxLevel: "public_named", required: true },
          { kind: "text", prompt: "Describe incidents of the past year", help: "", maxLevel: "aggregate" },
        ],
      });
      const row = await createRequest(db, convener, def, slug);
      await issueRequest(db, convener, slug);
      const qs = await db.kysely.selectFrom("info_request_question").select("id").where("request_id", "=", row.id).orderBy("position").execute();
      questions[slug] = { open: qs[0]!.id, closed: qs[1]!.id };
    }
    const respond = (slug: string, fields: Record<string, string>) => writer.postForm(`/requests/${slug}/respond`, fields);
    const q = questions["answered-survey"]!;
    const submitted = await respond("answered-survey", {
      intent: "submit",
      [`answer-${q.open}`]: MARK.answerPublic,
      [`level-${q.open}`]: "public_named",
      [`answer-${q.closed}`]: MARK.answerRestricted,
      [`level-${q.closed}`]: "aggregate",
    });
    expect(submitted.status, await submitted.clone().text()).toBe(302);
    receipts.answered = decodeURIComponent(/receipt=([^&]+)/.exec(submitted.headers.get("location") ?? "")?.[1] ?? "");
    expect((await respond("declined-survey", { intent: "decline", reason: MARK.declineRequest })).status).toBe(302);
    const d = questions["draft-survey"]!;
    expect((await respond("draft-survey", { intent: "save", [`answer-${d.closed}`]: MARK.draftAnswer, [`level-${d.closed}`]: "aggregate" })).status).toBe(302);
    // The declined request has since closed.
    await db.kysely.updateTable("info_request").set({ deadline: new Date(Date.now() - 86_400_000).toISOString() }).where("slug", "=", "declined-survey").execute();
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("lists every kind with its status and the response", async () => {
    const page = await (await writer.get("/account/submissions")).text();
    expect(page).toContain("11 submissions across all consultations");
    for (const reference of Object.values(receipts)) expect(page, reference).toContain(reference);
    for (const shown of [
      "Comment on",
      "Reply on",
      "Suggested amendment on",
      "Position: Support with changes",
      "Published",
      "Confidential — read only by its named readers",
      "Awaiting moderation",
      "Hidden by moderation</strong> — reason: Off-topic",
      "Withdrawn by you",
      "Response: Partly adopted",
      MARK.response,
      "Suggestion declined",
      MARK.declineSuggestion,
      "Response: Not adopted",
      "Answers to <a",
      "Survey answered-survey",
      "Submitted (revision 1)",
      "2 answers in the latest revision.",
      "Declined</strong> — reason given: " + MARK.declineRequest,
      "Closed ",
      "Draft — not submitted yet",
      "Answers accepted until",
      "For Writer Works",
      `/requests/answered-survey/receipts/${receipts.answered}.json`,
      'href="/account/submissions.json"',
    ]) {
      expect(page, shown).toContain(shown);
    }
    // The page shows where each stands; the answers' words are in the download and on the request's own page.
    expect(page).not.toContain(MARK.answerRestricted);
  });

  it("narrows the list by kind", async () => {
    const only = async (k: string) => (await writer.get(`/account/submissions?kind=${k}`)).text();
    const requests = await only("request");
    expect(requests).toContain("3 submissions of this kind");
    expect(requests).toContain("Survey draft-survey");
    expect(requests).not.toContain(receipts.published);
    const suggestions = await only("suggestion");
    expect(suggestions).toContain("1 submission of this kind");
    expect(suggestions).toContain(receipts.suggestion);
    expect(suggestions).not.toContain(receipts.published);
    expect(await only("reply")).toContain(receipts.reply);
    expect(await only("position")).toContain(receipts.position);
    const confidential = await only("confidential");
    expect(confidential).toContain(receipts.confidential);
    expect(confidential).not.toContain(receipts.pending);
    // Top-level comments: not the reply, the suggestion or the position.
    const comments = await only("comment");
    expect(comments).toContain("5 submissions of this kind");
    for (const r of [receipts.reply, receipts.suggestion, receipts.position]) expect(comments).not.toContain(r);
    // An unknown kind shows everything.
    expect(await only("nonsense")).toContain("11 submissions across all consultations");
    expect(await (await other.get("/account/submissions?kind=request")).text()).toContain("Nothing of this kind yet.");
  });

  it("gives its owner everything as one JSON file, texts, statuses, responses, references and links included", async () => {
    const file = await download(writer);
    expect(file.format).toBe("margin-my-submissions/1");
    expect(file.server).toBe(server.url);
    expect(file.count).toBe(11);
    expect(file.items).toHaveLength(11);
    const byRef = (reference: string) => file.items.find((i) => i.reference === reference)!;
    expect(byRef(receipts.published!)).toMatchObject({ source: "receipt", status: "published", text: MARK.published, response: { outcome: "partly_adopted", text: MARK.response } });
    expect(byRef(receipts.published!).links.receipt).toBe(`${server.url}/account/submissions/${receipts.published}/receipt.json`);
    expect(byRef(receipts.published!).links.item).toMatch(new RegExp(`^${server.url}/c/${SLUG}/s/`));
    expect(byRef(receipts.reply!)).toMatchObject({ kind: { subject: "reply" }, text: MARK.reply });
    expect(byRef(receipts.suggestion!)).toMatchObject({
      kind: { subject: "suggestion" },
      text: MARK.suggestion,
      replacement: MARK.replacement,
      suggestion: { status: "declined", reason: MARK.declineSuggestion },
      response: { outcome: "not_adopted" },
    });
    expect(byRef(receipts.position!)).toMatchObject({ kind: { subject: "position", stance: "support_with_changes" }, status: "current", text: MARK.position });
    // Confidential texts are their author's own.
    expect(byRef(receipts.confidential!)).toMatchObject({ status: "confidential", confidential: true, text: MARK.confidential });
    expect(byRef(receipts.pending!)).toMatchObject({ status: "pending", text: MARK.pending });
    expect(byRef(receipts.hidden!)).toMatchObject({ status: "hidden", moderationReason: "off_topic", text: MARK.hidden });
    expect(byRef(receipts.withdrawn!)).toMatchObject({ status: "withdrawn", links: { item: null } });

    const requests = file.items.filter((i) => i.source === "request");
    const of = (slug: string) => requests.find((i) => i.request?.slug === slug)!;
    expect(of("answered-survey")).toMatchObject({ status: "submitted", member: true, closed: false, reference: receipts.answered });
    expect(of("answered-survey").answers).toEqual([
      { question: "Which evaluation methods do you use?", level: "public_named", value: MARK.answerPublic },
      { question: "Describe incidents of the past year", level: "aggregate", value: MARK.answerRestricted },
    ]);
    expect(of("answered-survey").revisions).toEqual([expect.objectContaining({ reference: receipts.answered, receipt: `${server.url}/requests/answered-survey/receipts/${receipts.answered}.json` })]);
    expect(of("declined-survey")).toMatchObject({ status: "declined", declineReason: MARK.declineRequest, closed: true, reference: null });
    expect(of("draft-survey")).toMatchObject({ status: "draft", answers: [], draft: [{ question: "Describe incidents of the past year", level: "aggregate", value: MARK.draftAnswer }] });
    // Newest first: the draft was saved last.
    expect(file.items[0]!.request?.slug).toBe("draft-survey");
  });

  it("shows another participant none of it, and sends anyone signed out to sign in", async () => {
    const theirs = await download(other);
    expect(theirs.items).toEqual([]);
    const page = await (await other.get("/account/submissions")).text();
    for (const text of [...Object.values(MARK), ...Object.values(receipts)]) {
      expect(JSON.stringify(theirs), text).not.toContain(text);
      expect(page, text).not.toContain(text);
    }
    const anonymous = new Browser(server.url);
    for (const path of ["/account/submissions.json", "/account/submissions?kind=request"]) {
      const res = await anonymous.get(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get("location"), path).toMatch(/^\/login\?redirectTo=/);
    }
  });

  it("pages both sources as one list, newest first", async () => {
    const all = await listOwnSubmissionKeys(db.kysely, writerId, "all");
    expect(all).toHaveLength(11);
    expect(all.filter((k) => k.source === "request")).toHaveLength(3);
    const paged: typeof all = [];
    for (let offset = 0; offset < all.length; offset += 4) paged.push(...(await listOwnSubmissionKeys(db.kysely, writerId, "all", { offset, limit: 4 })));
    expect(paged).toEqual(all);
    const times = all.map((k) => k.sort_at);
    expect(times).toEqual([...times].sort().reverse());
    expect(await countOwnSubmissionKeys(db.kysely, writerId, "all")).toBe(11);
    expect(await countOwnSubmissionKeys(db.kysely, writerId, "request")).toBe(3);
  });

  it("speaks Japanese to a Japanese browser", async () => {
    const ja = await (await writer.get("/account/submissions", { "accept-language": "ja,en;q=0.5" })).text();
    for (const s of ["すべてをダウンロード（JSON）", "提出の種類", "提出済み（第 1 版）", "下書き（未提出）", "辞退", "Writer Works として"]) expect(ja, s).toContain(s);
  });

  it("keeps an answer's line for a former member of the organisation, without its answers", async () => {
    await removeOrganisationMember(db, "operator", "writer-works", writerId);
    const page = await (await writer.get("/account/submissions?kind=request")).text();
    expect(page).toContain("You are no longer a member of Writer Works");
    const file = await download(writer);
    const answered = file.items.find((i) => i.request?.slug === "answered-survey")!;
    expect(answered).toMatchObject({ status: "submitted", member: false, answers: null, draft: null, revisions: null, reference: null });
    expect(JSON.stringify(file)).not.toContain(MARK.answerRestricted);
    expect(JSON.stringify(file)).not.toContain(MARK.draftAnswer);
  });
});
