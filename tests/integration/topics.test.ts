// Topics (issue 18 point 2, ADR 031): comments posted through the API on two themes land in
// two topics; the drafting team renames, merges, moves and splits them through the group
// page's actions, bad inputs are refused and change nothing, and outsiders get 404.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
const SLUG = "ai-guideline";

/** Two themes no demo comment is about: beekeeping (in English) and railway fares (in Japanese). */
const BEES = [
  "Beekeepers report that pesticide spraying near the hives kills pollinators; the beekeeping rules need a buffer zone.",
  "Honey bee colonies collapse when pesticide drift reaches the hives. Protect pollinators and beekeepers.",
  "Pollinators and wild bees need protection from pesticide use next to hives, as every beekeeper knows.",
  "Our beekeeping association lost hives to pesticide exposure: pollinators need stronger protection.",
];
const TRAINS = [
  "地方鉄道の運賃値上げと減便で、通学の高校生が駅まで通えなくなっています。鉄道の運賃補助が必要です。",
  "鉄道のダイヤ改正で終電が早まり、駅周辺の住民が困っています。運賃も上がりました。",
  "ローカル鉄道の廃線と運賃の値上げは、駅を使う高齢者の移動を奪います。",
  "鉄道会社は運賃を上げる前に、駅の利用者の意見を聞くべきです。減便とダイヤの見直しも問題です。",
];

describe.each(databaseKinds())("topics of comments and their curation by the team, on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let owner: Browser;
  let civil: Browser;
  let sectionId: string;
  const ids: { bees: string[]; trains: string[] } = { bees: [], trains: [] };

  const topicOf = async (commentId: string) =>
    (await db.kysely.selectFrom("comment_group_member").select(["group_id", "pinned"]).where("comment_id", "=", commentId).where("kind", "=", "topic").executeTakeFirstOrThrow());
  const groupRow = (id: string) => db.kysely.selectFrom("comment_group").select(["id", "label", "gist", "size", "terms", "curated", "merged_into"]).where("id", "=", id).executeTakeFirstOrThrow();
  const snapshot = async () => ({
    groups: await db.kysely.selectFrom("comment_group").select(["id", "label", "gist", "size", "merged_into", "curated"]).where("kind", "=", "topic").orderBy("id").execute(),
    members: await db.kysely.selectFrom("comment_group_member").select(["comment_id", "group_id", "pinned"]).where("kind", "=", "topic").orderBy("comment_id").execute(),
  });

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000" });
    db = createDb(tdb.url, { poolSize: 2 });
    owner = new Browser(server.url);
    expect((await owner.signIn("owner@example.org", PASSWORD)).status).toBe(302);
    civil = new Browser(server.url);
    expect((await civil.signIn("civil@example.org", PASSWORD)).status).toBe(302);
    const industry = new Browser(server.url);
    await industry.signIn("industry@example.org", PASSWORD);
    const c = await (await fetch(`${server.url}/api/v1/consultations/${SLUG}`)).json();
    sectionId = c.sections[1].id;
    const created = await industry.postForm("/account", { intent: "create-token", name: "Filing system" });
    const token = /mgn_[a-z2-7]{16}_[a-z2-7]{24}/.exec(await created.text())![0];
    // Interleaved, as comments arrive: the engine places each one as it comes.
    for (let i = 0; i < BEES.length; i++) {
      for (const [theme, body] of [["bees", BEES[i]!], ["trains", TRAINS[i]!]] as const) {
        const res = await fetch(`${server.url}/api/v1/sections/${sectionId}/comments`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ body, kind: "comment" }),
        });
        expect(res.status, await res.clone().text()).toBe(201);
        ids[theme].push((await res.json()).id);
      }
    }
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("places comments on two themes in two topics, labelled by their distinctive words", async () => {
    const bees = new Set(await Promise.all(ids.bees.map(async (id) => (await topicOf(id)).group_id)));
    const trains = new Set(await Promise.all(ids.trains.map(async (id) => (await topicOf(id)).group_id)));
    expect(bees.size).toBe(1);
    expect(trains.size).toBe(1);
    const [beeTopic] = [...bees];
    const [trainTopic] = [...trains];
    expect(beeTopic).not.toBe(trainTopic);
    expect(JSON.parse((await groupRow(beeTopic!)).terms)).toEqual(expect.arrayContaining(["pesticide"]));
    expect(JSON.parse((await groupRow(trainTopic!)).terms)).toEqual(expect.arrayContaining(["鉄道"]));
    // Document frequencies are kept per consultation, '' holding the document count.
    const docs = await db.kysely.selectFrom("term_df").select("df").where("term", "=", "").execute();
    expect(docs.reduce((a, r) => a + Number(r.df), 0)).toBeGreaterThanOrEqual(8);
    // The team's view lists both, with their words and representative comments; the section filter keeps them.
    const page = await (await owner.get(`/c/${SLUG}/groups?section=${sectionId}`)).text();
    expect(page).toContain(`/c/${SLUG}/groups/${beeTopic}`);
    expect(page).toContain(`/c/${SLUG}/groups/${trainTopic}`);
    expect(page).toContain("pesticide");
    const group = await (await owner.get(`/c/${SLUG}/groups/${beeTopic}`)).text();
    for (const id of ids.bees) expect(group).toContain(`data-comment-id="${id}"`);
    expect(group).toContain(`/c/${SLUG}/groups/${beeTopic}/respond`);
    expect(group).toContain("not answered yet");
    // The consultation page links the team to it; a participant sees no link.
    expect(await (await owner.get(`/c/${SLUG}`)).text()).toContain(`href="/c/${SLUG}/groups"`);
    expect(await (await civil.get(`/c/${SLUG}`)).text()).not.toContain(`href="/c/${SLUG}/groups"`);
  });

  it("gives outsiders the 404 of a missing page, and refuses their curation", async () => {
    const { group_id } = await topicOf(ids.bees[0]!);
    const before = await snapshot();
    for (const b of [civil, new Browser(server.url)]) {
      expect((await b.get(`/c/${SLUG}/groups`)).status).toBe(404);
      expect((await b.get(`/c/${SLUG}/groups/${group_id}`)).status).toBe(404);
    }
    expect((await civil.postForm(`/c/${SLUG}/groups/${group_id}`, { intent: "rename", label: "Hijacked", gist: "" })).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it("renames a topic, and refuses a bad name without changing anything", async () => {
    const { group_id } = await topicOf(ids.bees[0]!);
    const before = await snapshot();
    for (const bad of [{ label: "" }, { label: "x".repeat(121) }, { label: "tab\there" }]) {
      const res = await owner.postForm(`/c/${SLUG}/groups/${group_id}`, { intent: "rename", gist: "", ...bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(await res.text()).toContain("Name");
    }
    expect((await owner.postForm(`/c/${SLUG}/groups/${group_id}`, { intent: "unknown" })).status).toBe(400);
    expect((await owner.postForm(`/c/${SLUG}/groups/aaaaaaaaaaaaaaaa`, { intent: "rename", label: "Nothing", gist: "" })).status).toBe(400);
    expect(await snapshot()).toEqual(before);
    const res = await owner.postForm(`/c/${SLUG}/groups/${group_id}`, { intent: "rename", label: "Pesticides and bees", gist: "Protect hives from pesticide drift." });
    expect(res.status).toBe(302);
    const g = await groupRow(group_id);
    expect(g).toMatchObject({ label: "Pesticides and bees", gist: "Protect hives from pesticide drift.", curated: 1 });
    // A new comment on the theme still joins it, and the team's name stays.
    const more = await civil.postForm(`/c/${SLUG}/s/${sectionId}`, { intent: "comment", kind: "comment", body: "Pesticide bans near hives would save pollinators and the beekeepers who keep them." });
    expect(more.status).toBe(302);
    const last = await db.kysely.selectFrom("comment").select("id").where("body", "like", "Pesticide bans near hives%").executeTakeFirstOrThrow();
    expect((await topicOf(last.id)).group_id).toBe(group_id);
    expect((await groupRow(group_id)).label).toBe("Pesticides and bees");
    ids.bees.push(last.id);
  });

  it("moves comments to another topic (kept, pinned), and refuses bad moves without changing anything", async () => {
    const bees = (await topicOf(ids.bees[0]!)).group_id;
    const trains = (await topicOf(ids.trains[0]!)).group_id;
    const before = await snapshot();
    const refused = [
      { intent: "move", to: trains, ids: [] as string[] },
      { intent: "move", to: "not-a-group", ids: [ids.bees[1]!] },
      { intent: "move", to: "aaaaaaaaaaaaaaaa", ids: [ids.bees[1]!] },
      { intent: "move", to: trains, ids: [ids.bees[1]!, "bbbbbbbbbbbbbbbb"] },
      { intent: "move", to: trains, ids: Array.from({ length: 201 }, (_, i) => `c${String(i).padStart(15, "a")}`.replace(/[0-9]/g, "a")) },
    ];
    for (const f of refused) expect((await owner.postForm(`/c/${SLUG}/groups/${bees}`, f)).status, JSON.stringify(f).slice(0, 80)).toBe(400);
    expect(await snapshot()).toEqual(before);

    const moved = await owner.postForm(`/c/${SLUG}/groups/${bees}`, { intent: "move", to: trains, ids: [ids.bees[1]!] });
    expect(moved.status).toBe(302);
    expect(await topicOf(ids.bees[1]!)).toMatchObject({ group_id: trains, pinned: 1 });
    expect((await groupRow(trains)).size).toBe(before.groups.find((g) => g.id === trains)!.size + 1);
    expect((await groupRow(bees)).size).toBe(before.groups.find((g) => g.id === bees)!.size - 1);
    const page = await (await owner.get(`/c/${SLUG}/groups/${trains}`)).text();
    expect(page).toContain(`data-comment-id="${ids.bees[1]}"`);
    expect(page).toContain("Placed by the team");
    // Move it back for the next steps.
    expect((await owner.postForm(`/c/${SLUG}/groups/${trains}`, { intent: "move", to: bees, ids: [ids.bees[1]!] })).status).toBe(302);
  });

  it("splits selected comments into a new topic, and merges topics", async () => {
    const bees = (await topicOf(ids.bees[0]!)).group_id;
    const before = await snapshot();
    expect((await owner.postForm(`/c/${SLUG}/groups/${bees}`, { intent: "split", newLabel: "", ids: [] })).status).toBe(400);
    expect((await owner.postForm(`/c/${SLUG}/groups/${bees}`, { intent: "split", newLabel: "x".repeat(200), ids: [ids.bees[2]!] })).status).toBe(400);
    expect(await snapshot()).toEqual(before);

    const split = await owner.postForm(`/c/${SLUG}/groups/${bees}`, { intent: "split", newLabel: "Buffer zones", ids: [ids.bees[2]!, ids.bees[3]!] });
    expect(split.status).toBe(302);
    const created = (await topicOf(ids.bees[2]!)).group_id;
    expect(created).not.toBe(bees);
    expect(split.headers.get("location")).toBe(`/c/${SLUG}/groups/${created}`);
    expect((await topicOf(ids.bees[3]!)).group_id).toBe(created);
    expect(await groupRow(created)).toMatchObject({ label: "Buffer zones", size: 2, curated: 1 });
    expect(JSON.parse((await groupRow(created)).terms).length).toBeGreaterThan(0);

    // Merging into itself or into nothing is refused.
    expect((await owner.postForm(`/c/${SLUG}/groups/${created}`, { intent: "merge", into: created })).status).toBe(400);
    expect((await owner.postForm(`/c/${SLUG}/groups/${created}`, { intent: "merge", into: "" })).status).toBe(400);
    const merged = await owner.postForm(`/c/${SLUG}/groups/${created}`, { intent: "merge", into: bees });
    expect(merged.status).toBe(302);
    expect(merged.headers.get("location")).toBe(`/c/${SLUG}/groups/${bees}`);
    for (const id of ids.bees) expect((await topicOf(id)).group_id).toBe(bees);
    expect(await groupRow(created)).toMatchObject({ merged_into: bees, size: 0 });
    // The inverted index of topics' words keeps live topics only.
    const indexed = async (id: string) => (await db.kysely.selectFrom("topic_term").select("term").where("group_id", "=", id).execute()).map((r) => r.term);
    expect(await indexed(created)).toEqual([]);
    expect(await indexed(bees)).toEqual(expect.arrayContaining(["pesticide"]));
    expect((await groupRow(bees)).size).toBe(ids.bees.length);
    // The merged topic is gone from the view; its address leads to the topic it was merged into.
    expect(await (await owner.get(`/c/${SLUG}/groups`)).text()).not.toContain(`/c/${SLUG}/groups/${created}"`);
    const old = await owner.get(`/c/${SLUG}/groups/${created}`);
    expect(old.status).toBe(302);
    expect(old.headers.get("location")).toBe(`/c/${SLUG}/groups/${bees}`);
    expect((await civil.get(`/c/${SLUG}/groups/${created}`)).status).toBe(404);
  });
});
