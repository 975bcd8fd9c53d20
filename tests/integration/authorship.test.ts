import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createDb, type Db } from "../../db/client.js";
import { databaseSource } from "../../server/ledger/sources.js";
import { verifyLedger } from "../../server/ledger/verify.js";
import { Browser } from "../helpers/client.js";
import { closed, connectReplica, rawSocket, synced, syncUpdateMessage, waitFor, type Replica } from "../helpers/collab.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";

interface HistoryItem {
  seq: number;
  summary: string;
  authors: { name: string }[];
}
interface Span {
  type: string;
  text: string;
  authors?: { name: string }[];
}

/** The text node of the section's paragraph `n`. */
function paragraphText(doc: Y.Doc, n: number): Y.XmlText {
  const p = doc.getXmlFragment("default").get(n) as Y.XmlElement;
  return p.get(0) as Y.XmlText;
}

describe.each(databaseKinds())("two drafters typing at once on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  const signedIn: Browser[] = [];
  const replicas: Replica[] = [];

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    // An idle gap long enough that a busy machine does not close the fold window mid-typing.
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COLLAB_CHANGESET_IDLE_MS: "1500" });
    db = createDb(tdb.url, { poolSize: 2 });
  });
  afterAll(async () => {
    for (const r of replicas) r.destroy();
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  async function writer(email: string, sectionId: string, clientId?: number): Promise<Replica> {
    const b = new Browser(server.url);
    await b.signIn(email, PASSWORD);
    signedIn.push(b);
    const r = connectReplica(server.url, sectionId, `margin_session=${b.cookie("margin_session")}`, clientId);
    replicas.push(r);
    await synced(r);
    return r;
  }

  it("credits each word to the one drafter who typed it, in a few change sets that quote whole words, and the ledger still verifies", async () => {
    const sectionId: string = (await (await fetch(`${server.url}/api/v1/consultations/ai-guideline`)).json()).sections[0].id;
    const team = new Browser(server.url);
    await team.signIn("owner@example.org", PASSWORD);
    const history = async (): Promise<HistoryItem[]> => (await (await team.get(`/api/v1/sections/${sectionId}/history?limit=100`)).json()).items;
    const startSeq = (await history())[0]!.seq;

    const dana = await writer("drafter@example.org", sectionId);
    const olivia = await writer("owner@example.org", sectionId);
    const danaWords = " Sector law applies whether or not the system learns.";
    const oliviaWords = "Owners decide the application of these rules. ";
    // Keystrokes alternate, each seen by the other writer before the next: one interleaved log.
    const danaEnd = paragraphText(dana.doc, 0).length;
    for (let i = 0; i < Math.max(danaWords.length, oliviaWords.length); i++) {
      if (i < danaWords.length) paragraphText(dana.doc, 0).insert(danaEnd + i, danaWords[i]!);
      if (i < oliviaWords.length) paragraphText(olivia.doc, 2).insert(i, oliviaWords[i]!);
      const d = dana.doc;
      const o = olivia.doc;
      await waitFor(() => paragraphText(d, 0).toString() === paragraphText(o, 0).toString() && paragraphText(d, 2).toString() === paragraphText(o, 2).toString(), 10_000, "both writers in step");
    }
    await waitFor(async () => (await history())[0]!.seq >= startSeq + danaWords.length + oliviaWords.length, 20_000, "the typing folded");

    const fresh = (await history()).filter((h) => h.seq > startSeq);
    // Before: a change set per run of one author's keystrokes (about one per character here).
    expect(fresh.length).toBeLessThanOrEqual(2);
    const names = new Set(fresh.flatMap((h) => h.authors.map((a) => a.name)));
    expect([...names].sort()).toEqual(["Dana Drafter", "Olivia Owner"]);
    const summaries = fresh.map((h) => h.summary).join(" ");
    expect(summaries).toContain("Sector law applies whether or not the system learns.");
    expect(summaries).toContain("Owners decide the application of these rules.");

    const diff = await (await fetch(`${server.url}/api/v1/sections/${sectionId}/diff?from=${startSeq}&to=current`)).json();
    const inserts = (diff.spans as Span[]).filter((s) => s.type === "insert").map((s) => [s.text.trim(), (s.authors ?? []).map((a) => a.name)]);
    expect(inserts).toEqual([
      ["Sector law applies whether or not the system learns.", ["Dana Drafter"]],
      ["Owners decide the application of these rules.", ["Olivia Owner"]],
    ]);

    const verified = await verifyLedger(databaseSource(db));
    expect(verified.problem).toBeNull();
    expect(verified.ok).toBe(true);
  });
  it("refuses a drafter's update written under a co-drafter's Yjs client id, stores none of it, and keeps crediting the co-drafter's words to them", async () => {
    const sectionId: string = (await (await fetch(`${server.url}/api/v1/consultations/ai-guideline`)).json()).sections[1].id;
    const team = new Browser(server.url);
    await team.signIn("owner@example.org", PASSWORD);
    const history = async (): Promise<HistoryItem[]> => (await (await team.get(`/api/v1/sections/${sectionId}/history?limit=100`)).json()).items;
    const startSeq = (await history())[0]!.seq;
    const logLength = async () =>
      Number((await db.kysely.selectFrom("section_update").select((eb) => eb.fn.countAll<number>().as("n")).where("section_id", "=", sectionId).executeTakeFirstOrThrow()).n);

    const olivia = await writer("owner@example.org", sectionId, 424242);
    paragraphText(olivia.doc, 0).insert(0, "OwnerThree ");
    await waitFor(async () => ((await (await fetch(`${server.url}/api/v1/sections/${sectionId}`)).json()).text as string).startsWith("OwnerThree "), 10_000, "the owner's words stored");
    const before = await logLength();

    // The drafter, signed in as themself, writes new ids under the owner's client id (any stock client may pick its id).
    const dana = new Browser(server.url);
    await dana.signIn("drafter@example.org", PASSWORD);
    signedIn.push(dana);
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(olivia.doc));
    const vector = Y.encodeStateVector(forged);
    forged.clientID = 424242;
    paragraphText(forged, 0).insert(0, "FORGEDTHIRD ");
    const { ws, status } = await rawSocket(server.url, `/collab/${sectionId}`, { origin: server.origin, cookie: `margin_session=${dana.cookie("margin_session")}` });
    expect(status).toBeUndefined();
    const done = closed(ws);
    ws.send(syncUpdateMessage(Y.encodeStateAsUpdate(forged, vector)));
    expect((await done).code).toBe(4403);
    expect(await logLength()).toBe(before);
    expect(server.output()).toContain("refused an update writing with another person's Yjs client id");

    // The owner keeps writing with their id; the drafter's own id still works for the drafter.
    paragraphText(olivia.doc, 0).insert(0, "OwnerAgain ");
    const own = await writer("drafter@example.org", sectionId);
    paragraphText(own.doc, 0).insert(0, "DanaOwn ");
    await waitFor(async () => (await history())[0]!.seq > startSeq, 20_000, "the typing folded");
    await waitFor(async () => {
      const text = (await (await fetch(`${server.url}/api/v1/sections/${sectionId}`)).json()).text as string;
      return text.includes("DanaOwn ") && text.includes("OwnerAgain ");
    }, 20_000, "both later edits stored");
    const diff = await (await fetch(`${server.url}/api/v1/sections/${sectionId}/diff?from=${startSeq}&to=current`)).json();
    // Each inserted word with its authors, whatever order the two edits met in.
    const words = (diff.spans as Span[])
      .filter((x) => x.type === "insert")
      .flatMap((x) => x.text.trim().split(/\s+/).map((w) => `${w}: ${(x.authors ?? []).map((a) => a.name).join(", ")}`))
      .sort();
    expect(words).toEqual(["DanaOwn: Dana Drafter", "OwnerAgain: Olivia Owner", "OwnerThree: Olivia Owner"]);
    expect(JSON.stringify(diff)).not.toContain("FORGEDTHIRD");
    forged.destroy();

    const verified = await verifyLedger(databaseSource(db));
    expect(verified.problem).toBeNull();
  });
});
