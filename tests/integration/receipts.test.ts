import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { SUBMISSIONS_PAGE } from "../../server/domain/my-submissions.js";
import { entryHash, sha256Hex } from "../../server/ledger/chain.js";
import { checkReceipt, httpLedgerReader, type ReceiptDocument } from "../../server/ledger/receipts.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { CLI_TEST_TIMEOUT_MS, runCli, startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
const SLUG = "ai-guideline";
const REFERENCE = /^M-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/;

describe.each(databaseKinds())("submission receipts on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let owner: Browser;
  let civil: Browser;
  let industry: Browser;
  let moderator: Browser;
  let sectionId: string;
  let here: string;
  const dir = mkdtempSync(join(tmpdir(), "margin-receipts-"));
  const check = (r: ReceiptDocument) => checkReceipt(r, httpLedgerReader(server.url));
  const signedIn = async (email: string) => {
    const b = new Browser(server.url);
    expect((await b.signIn(email, PASSWORD)).status).toBe(302);
    return b;
  };

  /** Posts a comment from the section page; returns the reference the redirect carries. */
  const post = async (browser: Browser, body: string, extra: Record<string, string> = {}) => {
    const res = await browser.postForm(here, { intent: "comment", kind: "comment", body, ...extra });
    expect(res.status, await res.clone().text()).toBe(302);
    const location = new URL(res.headers.get("location")!, server.url);
    const reference = location.searchParams.get("receipt")!;
    expect(reference).toMatch(REFERENCE);
    return { reference, location: location.pathname + location.search };
  };
  const download = async (browser: Browser, reference: string): Promise<ReceiptDocument> => {
    const res = await browser.get(`/account/submissions/${reference}/receipt.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(`margin-receipt-${reference}.json`);
    return res.json();
  };
  const commentOf = async (reference: string) => (await db.kysely.selectFrom("receipt").select("subject_id").where("reference", "=", reference).executeTakeFirstOrThrow()).subject_id;
  const save = (name: string, value: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value));
    return file;
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000" });
    db = createDb(tdb.url, { poolSize: 2 });
    owner = await signedIn("owner@example.org");
    civil = await signedIn("civil@example.org");
    industry = await signedIn("industry@example.org");
    moderator = await signedIn("moderator@example.org");
    sectionId = (await (await fetch(`${server.url}/api/v1/consultations/${SLUG}`)).json()).sections[1].id;
    here = `/c/${SLUG}/s/${sectionId}`;
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("gives a position a salted receipt that proves its inclusion without showing the rationale", async () => {
    const rationale = "Position receipts: a private reason, kept private.";
    const res = await civil.postForm(here, { intent: "position", stance: "oppose", rationale, quote: "" });
    expect(res.status).toBe(302);
    const row = await db.kysely.selectFrom("receipt").selectAll().where("subject_kind", "=", "position").orderBy("created_at", "desc").limit(1).executeTakeFirstOrThrow();
    expect(row.salted).toBe(1);
    const receipt = await download(civil, row.reference);
    expect(receipt).toMatchObject({ subject: { kind: "position" }, digest: { alg: "salted-sha256" }, text: rationale });
    expect(receipt.salt).toMatch(/^[0-9a-f]{32}$/);
    const result = await check(receipt);
    expect(result).toMatchObject({ ok: true });
    expect(JSON.stringify(result)).not.toContain(rationale);
    // The public entry holds the salted digest the receipt carries, never the rationale.
    const entry = await db.kysely.selectFrom("ledger_entry").select("payload").where("chain", "=", row.chain).where("seq", "=", row.seq).executeTakeFirstOrThrow();
    expect(JSON.parse(entry.payload)).toMatchObject({ rationaleDigest: receipt.digest.value });
    expect(entry.payload).not.toContain(rationale);
    // Someone else's receipt is not theirs to download.
    expect((await industry.get(`/account/submissions/${row.reference}/receipt.json`)).status).toBe(404);
  });

  it(
    "gives a public comment a receipt that proves its inclusion, in-process and with margin verify --receipt",
    async () => {
      const text = "Receipts make the record answerable to each submitter.";
      const { reference, location } = await post(civil, text);
      // Shown after posting, as a live region, to its author only.
      const page = await (await civil.get(location)).text();
      expect(page).toMatch(new RegExp(`<div class="received" role="status"><p>Received — reference <strong class="reference">${reference}</strong>`));
      expect(page).toContain(`/account/submissions/${reference}/receipt.json`);
      expect(await (await industry.get(location)).text()).not.toContain("Received — reference");

      const receipt = await download(civil, reference);
      const entry = await db.kysely.selectFrom("ledger_entry").selectAll().where("chain", "=", "public").where("seq", "=", receipt.ledger.seq).executeTakeFirstOrThrow();
      expect(receipt).toMatchObject({
        format: "margin-receipt/1",
        reference,
        server: server.url,
        consultation: { slug: SLUG },
        section: { id: sectionId },
        subject: { kind: "comment", id: await commentOf(reference) },
        ledger: { chain: "public", hash: entry.hash },
        digest: { alg: "sha256", value: sha256Hex(text) },
        text,
      });
      expect(receipt.salt).toBeUndefined();

      const result = await check(receipt);
      expect(result.findings.join("\n")).toContain("holds your submission");
      expect(result.findings).toContain("the site serves your comment with the text the record holds");
      expect(result).toMatchObject({ ok: true, state: "unaltered", later: [] });

      const run = await runCli(["verify", "--receipt", save("public.json", receipt), "--url", server.url], {});
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`INCLUDED — unaltered: receipt ${reference}`);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    "proves a confidential submission's inclusion without ever printing its text; a malformed file gets a clear message",
    async () => {
      const text = "CONFIDENTIAL-receipt-text-r8: our cost figures.";
      const { reference } = await post(industry, text, { confidential: "on" });
      const receipt = await download(industry, reference);
      expect(receipt.digest.alg).toBe("salted-sha256");
      expect(receipt.salt).toMatch(/^[0-9a-f]{32}$/);
      expect(receipt.text).toBe(text);
      // The public ledger holds only the salted digest.
      const ledger = await (await fetch(`${server.url}/api/v1/ledger?after=${receipt.ledger.seq - 1}&limit=1`)).text();
      expect(ledger).toContain(receipt.digest.value);
      expect(ledger).not.toContain(text);
      expect(ledger).not.toContain(receipt.salt);

      const result = await check(receipt);
      expect(result).toMatchObject({ ok: true, state: "unaltered" });
      expect(JSON.stringify(result)).not.toContain("CONFIDENTIAL-receipt-text");

      const run = await runCli(["verify", "--receipt", save("confidential.json", receipt), "--url", server.url, "--json"], {});
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, state: "unaltered", reference });
      expect(run.stdout + run.stderr).not.toContain("CONFIDENTIAL-receipt-text");

      // A salted receipt whose text was changed no longer gives its digest.
      expect(await check({ ...receipt, text: `${text}!` })).toMatchObject({ ok: false, state: "different" });

      const malformed = await runCli(["verify", "--receipt", save("bad.json", { ...receipt, digest: { alg: "md5", value: "x" } }), "--url", server.url], {});
      expect(malformed.code).toBe(1);
      expect(malformed.stderr).toContain("is not a Margin receipt (digest.alg:");
      expect(malformed.stderr).not.toContain("CONFIDENTIAL-receipt-text");
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it("reports an edit, a moderation decision with its reason, and a withdrawal, each with its entry", async () => {
    const edited = await post(civil, "A first thought on receipts.");
    expect((await civil.postForm(here, { intent: "edit", commentId: await commentOf(edited.reference), body: "A second thought on receipts." })).status).toBe(302);
    const afterEdit = await check(await download(civil, edited.reference));
    expect(afterEdit).toMatchObject({ ok: true, state: "changed", later: [{ kind: "edit" }] });
    expect(afterEdit.findings.join("\n")).toMatch(/later: edited by its author on \S+ \(entry #\d+\)/);
    expect(afterEdit.findings).toContain("the site serves your comment with the text the record holds");

    const hidden = await post(civil, "Buy cheap receipts at receipts.example.");
    const hiddenId = await commentOf(hidden.reference);
    expect((await moderator.postForm(`/c/${SLUG}/moderation`, { ids: hiddenId, action: "hide", reason: "spam", note: "" })).status).toBe(302);
    const afterHide = await check(await download(civil, hidden.reference));
    expect(afterHide).toMatchObject({ ok: true, state: "changed", later: [{ kind: "moderation" }] });
    expect(afterHide.later[0]!.description).toMatch(/^hidden by moderation \(reason: spam\) on /);

    const withdrawn = await post(civil, "A point the team will answer, then I withdraw.");
    const withdrawnId = await commentOf(withdrawn.reference);
    const version = Math.max(...(await db.kysely.selectFrom("version").select("number").execute()).map((v) => Number(v.number)));
    expect((await owner.postForm(`/c/${SLUG}/v/${version}/report`, { commentId: withdrawnId, outcome: "noted", response: "Noted, thank you." })).status).toBe(302);
    expect((await civil.postForm(here, { intent: "delete", commentId: withdrawnId })).status).toBe(302);
    const afterWithdrawal = await check(await download(civil, withdrawn.reference));
    expect(afterWithdrawal.later.map((l) => l.kind)).toContain("withdrawal");
    expect(afterWithdrawal.findings.join("\n")).toContain("withdrawn by its author on");
    expect(afterWithdrawal.ok).toBe(true);
  });

  it("fails a receipt whose digest or entry was altered", async () => {
    const { reference } = await post(civil, "A receipt someone will tamper with.");
    const receipt = await download(civil, reference);
    const forged = { ...receipt, text: undefined, digest: { ...receipt.digest, value: sha256Hex("Words I never wrote.") } };
    const result = await check(forged);
    expect(result).toMatchObject({ ok: false, state: "different" });
    expect(result.findings[0]).toContain(`entry #${receipt.ledger.seq} holds a different digest`);
    expect(await check({ ...receipt, ledger: { ...receipt.ledger, hash: "0".repeat(64) } })).toMatchObject({ ok: false, state: "different" });
  });

  it("fails when the site serves another text, or drops the comment, with nothing in the record to say so", async () => {
    const { reference } = await post(civil, "Words the operator will quietly rewrite.");
    const receipt = await download(civil, reference);
    const id = await commentOf(reference);
    await db.kysely.updateTable("comment").set({ body: "Words I never wrote." }).where("id", "=", id).execute();
    // The server keeps a section's public list until the section changes (an operator would simply restart it).
    await post(industry, "A comment that makes the section's list be read again.");
    expect(await (await fetch(`${server.url}/api/v1/sections/${sectionId}/comments`)).text()).toContain("Words I never wrote.");
    const rewritten = await check(receipt);
    expect(rewritten).toMatchObject({ ok: false, state: "different" });
    expect(rewritten.findings.at(-1)).toBe("the site serves your comment with a text that is not the one the record holds");
    await db.kysely.updateTable("comment").set({ status: "hidden" }).where("id", "=", id).execute();
    await post(industry, "Another comment that makes the section's list be read again.");
    expect(await (await fetch(`${server.url}/api/v1/sections/${sectionId}/comments`)).text()).not.toContain(id);
    const dropped = await check(receipt);
    expect(dropped).toMatchObject({ ok: false, state: "missing" });
    expect(dropped.findings.at(-1)).toBe("the site no longer serves your comment, and no entry in the record says why");
  });

  it("lists every submission with its status and response on My submissions, only for its owner", async () => {
    const c = await (await fetch(`${server.url}/api/v1/consultations/${SLUG}`)).json();
    const settings = (mode: "pre" | "post") =>
      owner.postForm(`/c/${SLUG}/settings`, { intent: "settings", title: c.title, summary: c.summary ?? "s", opensAt: "", closesAt: "", moderationMode: mode });
    expect((await settings("pre")).status).toBe(302);
    const pending = await post(civil, "A comment held for moderation, with a receipt.");
    expect((await settings("post")).status).toBe(302);
    const pendingReceipt = await download(civil, pending.reference);
    expect(pendingReceipt.digest.alg).toBe("salted-sha256");
    expect(await check(pendingReceipt)).toMatchObject({ ok: true, state: "unaltered" });

    const page = await (await civil.get("/account/submissions")).text();
    expect(page).toContain("My submissions");
    for (const status of ["Published", "Awaiting moderation", "Hidden by moderation</strong> — reason: Spam", "Withdrawn by you", "Response: Noted", "Noted, thank you."]) {
      expect(page, status).toContain(status);
    }
    expect(page).toContain(`/account/submissions/${pending.reference}/receipt.json`);
    // Newest first: the pending comment, just posted, leads the list.
    expect(/class="reference">(M-[^<]+)</.exec(page.slice(page.indexOf('class="submissions"')))?.[1]).toBe(pending.reference);
    expect(await (await industry.get("/account/submissions")).text()).toContain("Confidential — read only by its named readers");
    // Someone with no submissions is told what receipts are.
    const newcomer = new Browser(server.url);
    await newcomer.signUp({ displayName: "New Person" });
    const empty = await (await newcomer.get("/account/submissions")).text();
    expect(empty).toContain("You have not sent any comments yet.");
    expect(empty).toContain("About receipts");
    expect((await new Browser(server.url).get("/account/submissions")).status).toBe(302);
    for (const b of [newcomer, industry, new Browser(server.url)]) expect((await b.get(`/account/submissions/${pending.reference}/receipt.json`)).status).toBe(404);
    // Typed as heard on the phone: lower case, no dashes, O for 0 and L for 1.
    const spoken = pending.reference.toLowerCase().replace(/-/g, "").replace(/0/g, "o").replace(/1/g, "l");
    expect((await civil.get(`/account/submissions/${spoken}/receipt.json`)).status).toBe(200);
  });

  it("pages My submissions, newest first", async () => {
    const writer = new Browser(server.url);
    await writer.signUp({ displayName: "Prolific Writer" });
    const references: string[] = [];
    for (let i = 0; i <= SUBMISSIONS_PAGE; i++) references.push((await post(writer, `Point number ${i} of many.`)).reference);
    const first = await (await writer.get("/account/submissions")).text();
    expect(first).toContain(`${SUBMISSIONS_PAGE + 1} submissions across all consultations`);
    expect(first).toContain("Page 1 of 2");
    expect(first).toContain(references.at(-1));
    expect(first).not.toContain(references[0]);
    const second = await (await writer.get("/account/submissions?page=2")).text();
    expect(second).toContain(references[0]);
    expect(second).not.toContain(references.at(-1));
    // A page that is not a number is the first page; one past the end is the last.
    expect(await (await writer.get("/account/submissions?page=abc")).text()).toContain("Page 1 of 2");
    expect(await (await writer.get("/account/submissions?page=99")).text()).toContain("Page 2 of 2");
  });

  it("answers the API's new comment with its receipt", async () => {
    const created = await industry.postForm("/account", { intent: "create-token", name: "Receipts" });
    const token = /mgn_[a-z2-7]{16}_[a-z2-7]{24}/.exec(await created.text())![0];
    const res = await fetch(`${server.url}/api/v1/sections/${sectionId}/comments`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ body: "Posted through the API, with a receipt.", kind: "comment" }),
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.receipt.reference).toMatch(REFERENCE);
    expect(body.receipt.href).toBe(`/account/submissions/${body.receipt.reference}/receipt.json`);
    expect((await industry.get(body.receipt.href)).status).toBe(200);
  });

  // Last: it rewrites the ledger's newest entries.
  it("says the record no longer holds a submission whose entry was replaced or removed", async () => {
    const { reference } = await post(civil, "A submission the operator will make disappear.");
    const receipt = await download(civil, reference);
    const { seq } = receipt.ledger;
    const row = await db.kysely.selectFrom("ledger_entry").selectAll().where("chain", "=", "public").where("seq", "=", seq).executeTakeFirstOrThrow();
    // Replaced: the same place in the chain now holds another submission, with a hash that recomputes.
    const payload = { ...JSON.parse(row.payload), commentId: "aaaaaaaaaaaaaaaa" };
    const hash = entryHash({
      chain: row.chain,
      seq,
      kind: row.kind,
      consultationId: row.consultation_id,
      sectionId: row.section_id,
      subjectId: "aaaaaaaaaaaaaaaa",
      createdAt: row.created_at,
      payload,
      prevHash: row.prev_hash,
    });
    await db.kysely.updateTable("ledger_entry").set({ payload: JSON.stringify(payload), subject_id: "aaaaaaaaaaaaaaaa", hash }).where("chain", "=", "public").where("seq", "=", seq).execute();
    const replaced = await check(receipt);
    expect(replaced).toMatchObject({ ok: false, state: "missing" });
    expect(replaced.findings[0]).toBe(`the record no longer holds your submission: entry #${seq} is now a submission entry of ${row.created_at} (hash ${hash.slice(0, 16)}…)`);

    // Removed: the chain now ends before it.
    await db.kysely.deleteFrom("ledger_entry").where("chain", "=", "public").where("seq", ">=", seq).execute();
    const removed = await check(receipt);
    expect(removed).toMatchObject({ ok: false, state: "missing" });
    expect(removed.findings[0]).toBe(`the record no longer holds your submission: the public chain ends at entry #${seq - 1}, before entry #${seq}`);
  });
});
