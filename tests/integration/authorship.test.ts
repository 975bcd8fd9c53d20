import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createDb, type Db } from "../../db/client.js";
import { databaseSource } from "../../server/ledger/sources.js";
import { verifyLedger } from "../../server/ledger/verify.js";
import { Browser } from "../helpers/client.js";
import { connectReplica, synced, waitFor, type Replica } from "../helpers/collab.js";
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
  it("credits what a drafter types under a co-drafter's Yjs client id to the drafter, in the compare, the API's diff and the section history", async () => {
    const sectionId: string = (await (await fetch(`${server.url}/api/v1/consultations/ai-guideline`)).json()).sections[1].id;
    const team = new Browser(server.url);
    await team.signIn("owner@example.org", PASSWORD);
    const history = async (): Promise<HistoryItem[]> => (await (await team.get(`/api/v1/sections/${sectionId}/history?limit=100`)).json()).items;
    const startSeq = (await history())[0]!.seq;

    const olivia = await writer("owner@example.org", sectionId, 424242);
    const dana = await writer("drafter@example.org", sectionId);
    paragraphText(olivia.doc, 0).insert(0, "OwnerThree ");
    await waitFor(() => paragraphText(dana.doc, 0).toString().startsWith("OwnerThree "), 10_000, "the owner's words reached the drafter");
    // A stock client may take any client id: the drafter continues the owner's, inside the same fold window.
    const own = dana.doc.clientID;
    dana.doc.clientID = 424242;
    paragraphText(dana.doc, 0).insert(0, "FORGEDTHIRD ");
    // Sent as it was made; the provider's presence still expects its own id when it closes.
    dana.doc.clientID = own;
    // Yjs gives the owner's replica a new id when it sees its own id used by another; its presence still has the old one.
    await waitFor(() => paragraphText(olivia.doc, 0).toString().startsWith("FORGEDTHIRD "), 10_000, "the drafter's words reached the owner");
    olivia.doc.clientID = 424242;
    await waitFor(async () => (await history())[0]!.seq >= startSeq + 2, 20_000, "the typing folded");
    const fresh = (await history()).filter((h) => h.seq > startSeq);
    // One change set names both: the per-character authors come from the log.
    expect(fresh.map((h) => h.authors.map((a) => a.name).sort())).toEqual([["Dana Drafter", "Olivia Owner"]]);

    const diff = await (await fetch(`${server.url}/api/v1/sections/${sectionId}/diff?from=${startSeq}&to=current`)).json();
    const inserts = (diff.spans as Span[]).filter((s) => s.type === "insert").map((s) => [s.text.trim(), (s.authors ?? []).map((a) => a.name)]);
    expect(inserts).toEqual([
      ["FORGEDTHIRD", ["Dana Drafter"]],
      ["OwnerThree", ["Olivia Owner"]],
    ]);

    // The pages: each insertion's title names its writer.
    const titled = (html: string) =>
      [...html.matchAll(/<ins class="diff-ins"[^>]*title="([^"]*)"[^>]*>([\s\S]*?)<\/ins>/g)].map((m) => [
        m[2]!.replace(/<span class="(diff-who|visually-hidden)[^"]*"[^>]*>[\s\S]*?<\/span>/g, "").replace(/<[^>]+>/g, "").trim(),
        m[1]!,
      ]);
    const compare = await (await fetch(`${server.url}/c/ai-guideline/compare?section=${sectionId}&from=${startSeq}&to=current`)).text();
    expect(titled(compare)).toEqual([
      ["FORGEDTHIRD", "Written by Dana Drafter (Government)"],
      ["OwnerThree", "Written by Olivia Owner (Government)"],
    ]);
    const page = await (await team.get(`/c/ai-guideline/s/${sectionId}/history`)).text();
    expect(titled(page).slice(0, 2)).toEqual([
      ["FORGEDTHIRD", "Written by Dana Drafter (Government)"],
      ["OwnerThree", "Written by Olivia Owner (Government)"],
    ]);

    const verified = await verifyLedger(databaseSource(db));
    expect(verified.problem).toBeNull();
  });
});
