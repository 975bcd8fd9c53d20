import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
const TEXT =
  "We ask that the guideline require every provider of a foundation model to publish a detailed summary of the works used for training it. Without that summary the rural libraries we represent cannot tell whether their digitised collections were copied.";

// The CAMPAIGN_* settings reach every way a comment arrives: the section page's form (which
// the Remix build runs from its own copy of the server modules) as well as the API. With a
// threshold of 1 only identical texts are one campaign, so a copy with a greeting is not.
describe("campaign settings from the environment", () => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;

  beforeAll(async () => {
    tdb = await createTestDatabase("sqlite");
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, CAMPAIGN_THRESHOLD: "1" });
    db = createDb(tdb.url);
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("apply to comments posted with the section page's form", async () => {
    const section = (await (await fetch(`${server.url}/api/v1/consultations/ai-guideline`)).json()).sections[0].id as string;
    const here = `/c/ai-guideline/s/${section}`;
    for (const [email, body] of [
      ["owner@example.org", TEXT],
      ["civil@example.org", `Hello. ${TEXT}`],
    ] as const) {
      const person = new Browser(server.url);
      expect((await person.signIn(email, PASSWORD)).status).toBe(302);
      expect((await person.postForm(here, { intent: "comment", kind: "comment", body })).status).toBe(302);
    }
    const posted = await db.kysely.selectFrom("comment").select("id").where("section_id", "=", section).where("body", "like", "%rural libraries%").execute();
    expect(posted).toHaveLength(2);
    const grouped = await db.kysely
      .selectFrom("comment_group_member")
      .select("comment_id")
      .where("kind", "=", "campaign")
      .where(
        "comment_id",
        "in",
        posted.map((p) => p.id),
      )
      .execute();
    expect(grouped).toEqual([]);
  });
});
