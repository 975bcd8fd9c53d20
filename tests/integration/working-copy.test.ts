import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { databaseSource } from "../../server/ledger/sources.js";
import { verifyLedger } from "../../server/ledger/verify.js";
import { Browser } from "../helpers/client.js";
import { connectReplica, firstText, rawSocket, synced, waitFor, type Replica } from "../helpers/collab.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
const SLUG = "ai-guideline";

/**
 * Issue 17, item 4: drafting without an audience (ADR 026). In working-copy
 * mode the team's keystrokes go to a team-only copy; "publish" moves them to
 * the public text as change sets that keep their authors, and the anchors of
 * comments on the public text follow.
 */
describe.each(databaseKinds())("the working copy on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let owner: Browser;
  let drafter: Browser;
  let civil: Browser;
  let sections: string[];
  const replicas: Replica[] = [];
  const cookieOf = (b: Browser) => `margin_session=${b.cookie("margin_session")}`;
  const replica = (docName: string, as?: Browser) => {
    const r = connectReplica(server.url, docName, as ? cookieOf(as) : undefined);
    replicas.push(r);
    return r;
  };
  const apiText = async (id: string) => (await (await fetch(`${server.url}/api/v1/sections/${id}`)).json()).text as string;
  const setMode = (mode: string) => owner.postForm(`/c/${SLUG}/settings`, { intent: "drafting-mode", mode });
  /** The HTTP status a WebSocket upgrade is answered with (101 when accepted). */
  const upgradeStatus = async (docName: string, as?: Browser) => {
    const { ws, status } = await rawSocket(server.url, `/collab/${docName}`, { origin: new URL(server.url).origin, ...(as ? { cookie: cookieOf(as) } : {}) });
    ws.terminate();
    return status ?? 101;
  };
  const publish = (as: Browser, sectionId = "") => as.postForm(`/c/${SLUG}/working`, { intent: "publish", sectionId });

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COLLAB_CHANGESET_IDLE_MS: "150", COMMENT_LIMIT_PER_MINUTE: "1000" });
    db = createDb(tdb.url, { poolSize: 2 });
    owner = new Browser(server.url);
    await owner.signIn("owner@example.org", PASSWORD);
    drafter = new Browser(server.url);
    await drafter.signIn("drafter@example.org", PASSWORD);
    civil = new Browser(server.url);
    await civil.signIn("civil@example.org", PASSWORD);
    sections = (await (await fetch(`${server.url}/api/v1/consultations/${SLUG}`)).json()).sections.map((s: { id: string }) => s.id);
  });
  afterAll(async () => {
    for (const r of replicas) r.destroy();
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("switches to the working copy with a settings entry in the ledger, and the consultation page says so", async () => {
    expect(await (await fetch(`${server.url}/c/${SLUG}`)).text()).toContain("Drafted live");
    expect((await setMode("working")).status).toBe(302);
    const entries = await db.kysely.selectFrom("ledger_entry").select(["kind", "payload"]).where("kind", "=", "settings").execute();
    expect(entries.some((e) => String(e.payload).includes('"draftingMode":{"from":"live","to":"working"}'))).toBe(true);
    expect(await (await fetch(`${server.url}/c/${SLUG}`)).text()).toContain("Drafted in a working copy");
    // Followers read it in the feed.
    const feedText = await (await fetch(`${server.url}/c/${SLUG}/feed.atom`)).text();
    expect(feedText).toContain("Drafting: live (public as the team types) → in a working copy (public when the team publishes).");
  });

  it("refuses the working copy's socket to anyone off the editing team", async () => {
    const id = sections[0]!;
    const moderator = new Browser(server.url);
    await moderator.signIn("moderator@example.org", PASSWORD);
    for (const who of [undefined, civil, moderator]) {
      expect(await upgradeStatus(`${id}.working`, who)).toBe(404);
    }
    expect((await fetch(`${server.url}/c/${SLUG}/working`)).status).toBe(404);
    expect((await civil.get(`/c/${SLUG}/working`)).status).toBe(404);
    expect((await civil.postForm(`/c/${SLUG}/working`, { intent: "publish", sectionId: "" })).status).toBe(404);
    expect((await owner.get(`/c/${SLUG}/working`)).status).toBe(200);
  });

  it("keeps the team's typing out of the public text until it is published, then publishes it with its authors and moves anchors", async () => {
    const id = sections[0]!;
    const before = await apiText(id);
    // A comment anchored on the public text, to follow the published edits.
    const quote = before.split(/\s+/).slice(3, 6).join(" ");
    expect((await civil.postForm(`/c/${SLUG}/s/${id}`, { intent: "comment", kind: "comment", body: "Anchored before the working copy.", quoteExact: quote })).status).toBe(302);
    const anchorOf = async () => (await (await fetch(`${server.url}/api/v1/sections/${id}/comments`)).json()).items.find((c: { body: string }) => c.body === "Anchored before the working copy.").anchor;
    expect((await anchorOf()).state).toBe("exact");

    const reader = replica(id, civil);
    const publicAsOwner = replica(id, owner);
    const ownerCopy = replica(`${id}.working`, owner);
    const drafterCopy = replica(`${id}.working`, drafter);
    await Promise.all([reader, publicAsOwner, ownerCopy, drafterCopy].map(synced));

    // The public document is read-only for the team while it drafts in the working copy.
    firstText(publicAsOwner.doc).insert(0, "STRAIGHT TO PUBLIC ");
    firstText(ownerCopy.doc).insert(0, "Owner's preface. ");
    await waitFor(() => drafterCopy.text().startsWith("Owner's preface. "), 5_000, "the owner's edit to reach the other drafter");
    firstText(drafterCopy.doc).insert(0, "Drafter's note. ");
    await waitFor(() => ownerCopy.text().startsWith("Drafter's note. Owner's preface. "), 5_000, "the drafter's edit to reach the owner");
    await waitFor(async () => (await owner.get(`/c/${SLUG}/working`).then((r) => r.json())).unpublished[id] > 0, 5_000, "the unpublished count");

    expect(await apiText(id)).toBe(before);
    expect(reader.text()).not.toContain("preface");
    expect(await (await fetch(`${server.url}/c/${SLUG}/s/${id}`)).text()).not.toContain("Owner&#x27;s preface");
    const cs = () => db.kysely.selectFrom("change_set").select(["seq_from", "seq_to", "authors"]).where("section_id", "=", id).orderBy("seq_from").execute();
    const changeSetsBefore = (await cs()).length;
    const seqBefore = (await cs()).at(-1)?.seq_to ?? 0;

    // A drafter's selection in the working copy is not in the public text, which is what comments are on: said so.
    const onDraft = await drafter.postForm(`/c/${SLUG}/s/${id}`, { intent: "comment", kind: "comment", body: "On my own draft.", quoteExact: "Drafter's note." });
    expect(onDraft.status).toBe(409);
    expect(await onDraft.text()).toContain("Comments are on the public text; this passage is only in the working copy.");

    const res = await publish(drafter, id);
    expect(res.status).toBe(200);
    expect((await res.json()).published).toBeGreaterThan(1);
    await waitFor(() => reader.text().startsWith("Drafter's note. Owner's preface. "), 5_000, "the published text to reach the reader");
    expect(await apiText(id)).toMatch(/^Drafter's note\. Owner's preface\. /);
    expect(await apiText(id)).not.toContain("STRAIGHT TO PUBLIC");
    expect((await owner.get(`/c/${SLUG}/working`).then((r) => r.json())).unpublished[id]).toBeUndefined();

    // One change set for the publication (ADR 025: one per fold window), naming everyone who typed...
    const ids = await db.kysely.selectFrom("user").select(["id", "email"]).execute();
    const idOf = (email: string) => ids.find((u) => u.email === email)!.id;
    const added = (await cs()).slice(changeSetsBefore).map((c) => (JSON.parse(c.authors) as string[]).sort());
    expect(added).toEqual([[idOf("owner@example.org"), idOf("drafter@example.org")].sort()]);
    // ...and each published word is credited to its one typist.
    const diff = await (await fetch(`${server.url}/api/v1/sections/${id}/diff?from=${seqBefore}&to=current`)).json();
    const inserts = (diff.spans as { type: string; text: string; authors?: { name: string }[] }[])
      .filter((s) => s.type === "insert")
      .map((s) => [s.text.trim(), (s.authors ?? []).map((a) => a.name)]);
    expect(inserts).toEqual([
      ["Drafter's note.", ["Dana Drafter"]],
      ["Owner's preface.", ["Olivia Owner"]],
    ]);

    // The publication is in the record: who published, and which positions of the public log it filled.
    const publications = await db.kysely.selectFrom("ledger_entry").select(["section_id", "payload"]).where("kind", "=", "publication").execute();
    expect(publications).toHaveLength(1);
    const publication = JSON.parse(publications[0]!.payload);
    expect(publications[0]!.section_id).toBe(id);
    expect(publication).toEqual({ publisherId: idOf("drafter@example.org"), seqFrom: seqBefore + 1, seqTo: expect.any(Number), updates: expect.any(Number) });
    expect(publication.seqTo - publication.seqFrom + 1).toBe(publication.updates);

    // The anchor followed the text it was made on.
    const moved = await anchorOf();
    expect(moved.state).toBe("moved");
    expect((await apiText(id)).slice(moved.start, moved.end)).toBe(quote);

    // Nothing left to publish: the second call publishes nothing.
    expect((await (await publish(owner, "")).json()).published).toBe(0);
    const verified = await verifyLedger(databaseSource(db));
    expect(verified.problem).toBeNull();
  });

  it("tells the team, in words, that a section of another consultation cannot be published here", async () => {
    // No section of this consultation has this id (nor any other's: a valid id is all the check needs).
    const res = await publish(owner, "abcdefghijklmnop");
    expect(res.status).toBe(404);
    expect((await res.json()).fieldErrors.sectionId).toEqual(["That section is not part of this consultation."]);
  });

  it("mirrors a server edit of the public text into the working copy", async () => {
    const id = sections[1]!;
    const copy = replica(`${id}.working`, drafter);
    await synced(copy);
    firstText(copy.doc).insert(0, "Unpublished thought. ");
    const text = await apiText(id);
    const quote = text.split(/\s+/).slice(0, 2).join(" ");
    expect((await civil.postForm(`/c/${SLUG}/s/${id}`, { intent: "comment", kind: "suggestion", body: "Say it better.", replacement: "SUGGESTED WORDING", quoteExact: quote })).status).toBe(302);
    const suggestion = (await (await fetch(`${server.url}/api/v1/sections/${id}/comments`)).json()).items.find((c: { body: string }) => c.body === "Say it better.");
    const accepted = await owner.postForm(`/c/${SLUG}/s/${id}`, { intent: "accept", commentId: suggestion.id });
    expect(accepted.status, await accepted.clone().text()).toBe(302);
    await waitFor(() => copy.text().includes("SUGGESTED WORDING"), 5_000, "the accepted suggestion to reach the working copy");
    expect(copy.text()).toContain("Unpublished thought. ");
    expect(await apiText(id)).toContain("SUGGESTED WORDING");
    expect(await apiText(id)).not.toContain("Unpublished thought.");
  });

  it("refuses to switch back to live drafting, or to become final, with unpublished changes, and switches once they are published", async () => {
    const refused = await setMode("live");
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("The working copy has unpublished changes.");
    // Nor can the consultation become final with them: nothing could publish them afterwards.
    expect((await owner.postForm(`/c/${SLUG}/settings`, { intent: "phase", to: "closed" })).status).toBe(302);
    const final = await owner.postForm(`/c/${SLUG}/settings`, { intent: "phase", to: "final", confirm: "yes" });
    expect(final.status).toBe(409);
    expect(await final.text()).toContain("Publish them before marking the consultation final");
    expect((await owner.postForm(`/c/${SLUG}/settings`, { intent: "publish-working" })).status).toBe(302);
    expect((await setMode("live")).status).toBe(302);
    expect(await (await fetch(`${server.url}/c/${SLUG}`)).text()).toContain("Drafted live");
    expect(await upgradeStatus(`${sections[0]}.working`, owner)).toBe(404);
    expect((await verifyLedger(databaseSource(db))).problem).toBeNull();
    expect((await (await fetch(`${server.url}/api/v1/consultations/${SLUG}`)).json()).draftingMode).toBe("live");
    // The mode is part of the record: changed in the database without an entry, verify says so.
    await db.kysely.updateTable("consultation").set({ drafting_mode: "working" }).where("slug", "=", SLUG).execute();
    expect((await verifyLedger(databaseSource(db))).problem).toContain("drafting mode");
    await db.kysely.updateTable("consultation").set({ drafting_mode: "live" }).where("slug", "=", SLUG).execute();
  });
});

/**
 * Typing that reaches the server as the working copy closes ("back to live",
 * "final") is either saved before the change is checked, so the change is
 * refused, or refused itself, with its socket closed: never stored in a
 * working copy no one can publish any more.
 */
describe.each(databaseKinds())("typing as the working copy closes on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let owner: Browser;
  let id: string;
  const replicas: Replica[] = [];
  const setMode = (mode: string) => owner.postForm(`/c/${SLUG}/settings`, { intent: "drafting-mode", mode });
  const workingRows = async () => (await db.kysely.selectFrom("working_update").select("seq").where("section_id", "=", id).execute()).length;
  const consultation = () => db.kysely.selectFrom("consultation").select(["drafting_mode", "status"]).where("slug", "=", SLUG).executeTakeFirstOrThrow();
  /** A replica of the working copy as the owner, and the close codes its connections ended with. */
  const copy = async () => {
    const r = connectReplica(server.url, `${id}.working`, `margin_session=${owner.cookie("margin_session")}`);
    replicas.push(r);
    const closes: { code: number; reason: string }[] = [];
    r.provider.on("connection-close", (e: CloseEvent | null) => void (e && closes.push({ code: e.code, reason: e.reason })));
    await synced(r);
    return { r, closes };
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    // A wide group-commit window: a keystroke waits in memory long after the request that races it.
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COLLAB_GROUP_COMMIT_MS: "1500" });
    db = createDb(tdb.url, { poolSize: 2 });
    owner = new Browser(server.url);
    await owner.signIn("owner@example.org", PASSWORD);
    id = (await (await fetch(`${server.url}/api/v1/consultations/${SLUG}`)).json()).sections[0].id;
    expect((await setMode("working")).status).toBe(302);
  });
  afterAll(async () => {
    for (const r of replicas) r.destroy();
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("saves a keystroke made just before 'back to live', so the switch is refused rather than stranding it", async () => {
    const { r, closes } = await copy();
    firstText(r.doc).insert(0, "STRANDED-TEXT ");
    const res = await setMode("live");
    const { drafting_mode } = await consultation();
    if (res.status === 409) {
      // Saved first: the switch waits for it to be published.
      expect(drafting_mode).toBe("working");
      expect(await workingRows()).toBeGreaterThan(0);
    } else {
      // Or it arrived after the switch and was refused.
      expect(res.status).toBe(302);
      expect(drafting_mode).toBe("live");
      await waitFor(() => closes.length > 0, 10_000, "the refused keystroke's socket to close");
      expect(await workingRows()).toBe(0);
    }
    if (drafting_mode === "working") {
      expect((await owner.postForm(`/c/${SLUG}/working`, { intent: "publish", sectionId: id })).status).toBe(200);
      expect(await workingRows()).toBe(0);
      expect((await setMode("live")).status).toBe(302);
    }
    r.destroy();
  });

  for (const closedBy of ["live", "final"] as const) {
    it(`refuses a keystroke that reaches the working log once the consultation is ${closedBy === "live" ? "drafted live" : "final"}, and closes its socket saying so`, async () => {
      await db.kysely.updateTable("consultation").set({ drafting_mode: "working", status: "open" }).where("slug", "=", SLUG).execute();
      const { r, closes } = await copy();
      // As if the change committed while the keystroke waited for its batch.
      await db.kysely
        .updateTable("consultation")
        .set(closedBy === "live" ? { drafting_mode: "live" } : { status: "final" })
        .where("slug", "=", SLUG)
        .execute();
      firstText(r.doc).insert(0, "LATE-TEXT ");
      await waitFor(() => closes.length > 0, 10_000, "the socket to close");
      expect(closes[0]).toEqual({ code: 4410, reason: "the working copy is closed; the last edit was not saved" });
      expect(await workingRows()).toBe(0);
      r.destroy();
    });
  }

  it("tells the team that nothing can be published once the consultation is final", async () => {
    await db.kysely.updateTable("consultation").set({ drafting_mode: "working", status: "final" }).where("slug", "=", SLUG).execute();
    const res = await owner.postForm(`/c/${SLUG}/working`, { intent: "publish", sectionId: id });
    const body = await res.text();
    expect(res.status, body).toBe(409);
    expect(JSON.parse(body).formError).toBe("The consultation is final; nothing can be published.");
  });
});
