import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { CLI_TEST_TIMEOUT_MS, startServer, type TestServer } from "../helpers/server.js";

// Issue 17, "Reading" and "First run": what a reader is told on the consultation's pages, and what `serve --demo` prints.
const PASSWORD = "demo-password-1";
const SLUG = "ai-guideline";
const DRAFT = "reading-draft";

/** A page's visible words: tags dropped, React's text separators and entities read. */
function words(html: string): string {
  return html
    .replace(/<!-- -->/g, "")
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ");
}

describe.each(databaseKinds())("reading a consultation on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let owner: Browser;
  let moderator: Browser;
  let industry: Browser;
  let civil: Browser;
  let sections: { id: string; title: string }[];

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_HISTORY: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000" });
    const signedIn = async (email: string) => {
      const b = new Browser(server.url);
      expect((await b.signIn(email, PASSWORD)).status).toBe(302);
      return b;
    };
    owner = await signedIn("owner@example.org");
    moderator = await signedIn("moderator@example.org");
    industry = await signedIn("industry@example.org");
    civil = await signedIn("civil@example.org");
    sections = (await (await fetch(`${server.url}/api/v1/consultations/${SLUG}`)).json()).sections;
  }, CLI_TEST_TIMEOUT_MS);
  afterAll(async () => {
    await server?.stop();
    await tdb?.drop();
  });

  /** Follows a redirect and returns the words of the page it leads to (with its flash message). */
  const landing = async (who: Browser, res: Response) => {
    expect(res.status).toBe(302);
    return words(await (await who.get(res.headers.get("location")!, { Accept: "text/html" })).text());
  };

  it("prints each demo account with what it is for", () => {
    const out = server.output();
    expect(out).toMatch(/^ {2}owner@example\.org +owner: settings, phases and team/m);
    expect(out).toMatch(/^ {2}drafter@example\.org +drafter: edits the text/m);
    expect(out).toMatch(/^ {2}moderator@example\.org +moderator: the moderation queue/m);
    expect(out).toMatch(/^ {2}industry@example\.org +participant \(Industry\): comments, suggests changes, states positions/m);
    expect(out).toMatch(/^ {2}civil@example\.org +participant \(Civil society\)/m);
  });

  it("links “Response to comments” to the report that holds the responses, and each report to the others", async () => {
    // The demo's first comments were made on version 1 and answered; people's own words came after version 2 (issue 18).
    const page = await (await fetch(`${server.url}/c/${SLUG}`)).text();
    expect(page).toMatch(new RegExp(`href="/c/${SLUG}/v/2/report">Response to comments<`));
    const first = await (await fetch(`${server.url}/c/${SLUG}/v/1/report`)).text();
    expect(first).toContain(`href="/c/${SLUG}/v/2/report"`);
    expect(words(first)).toMatch(/Version 1: \d+ comments?, \d+ answered/);
    expect(words(first)).toMatch(/Version 2: \d+ comments?, 0 answered/);
  });

  it("counts each section's public comments in the contents list", async () => {
    const quiet = sections[sections.length - 1]!;
    const count = async () => {
      const html = await (await fetch(`${server.url}/c/${SLUG}`)).text();
      const item = new RegExp(`href="/c/${SLUG}/s/${quiet.id}">[^<]*</a>(?:<!-- -->)? ?<span[^>]*>([^<]*)</span>`).exec(html);
      return item?.[1];
    };
    const before = await count();
    expect(before).toMatch(/^(no public comments|\d+ public comments?)$/);
    const n = before === "no public comments" ? 0 : Number(before!.split(" ")[0]);
    const posted = await civil.postForm(`/c/${SLUG}/s/${quiet.id}`, { intent: "comment", kind: "comment", body: "A comment the contents list counts." });
    expect(posted.status).toBe(302);
    expect(await count()).toBe(n + 1 === 1 ? "1 public comment" : `${n + 1} public comments`);
  });

  it("says a suggested change is posted, not a comment", async () => {
    const section = sections[1]!;
    const text: string = (await (await fetch(`${server.url}/api/v1/sections/${section.id}`)).json()).text;
    const quote = text.split(/\s+/).slice(0, 4).join(" ");
    const posted = await industry.postForm(`/c/${SLUG}/s/${section.id}`, { intent: "comment", kind: "suggestion", body: "Say it more plainly.", replacement: "A plainer wording", quoteExact: quote });
    const page = await landing(industry, posted);
    expect(page).toContain("Your suggested change is posted.");
    expect(page).not.toContain("Your comment is posted.");
    const comment = await industry.postForm(`/c/${SLUG}/s/${section.id}`, { intent: "comment", kind: "comment", body: "And a plain comment." });
    expect(await landing(industry, comment)).toContain("Your comment is posted.");
  });

  it("names the item, its section and a link to it in the public moderation log", async () => {
    const section = sections[2]!;
    const posted = await civil.postForm(`/c/${SLUG}/s/${section.id}`, { intent: "comment", kind: "comment", body: "A comment that will be hidden, then restored." });
    const id = /#thread-([a-z2-7]{16})/.exec(posted.headers.get("location")!)![1]!;
    expect((await moderator.postForm(`/c/${SLUG}/moderation`, { ids: id, action: "hide", reason: "off_topic", note: "" })).status).toBe(302);
    const hidden = await (await fetch(`${server.url}/c/${SLUG}/moderation-log`)).text();
    // Hidden: described with its section, not linked.
    expect(words(hidden)).toContain(`A comment in ${section.title}`);
    expect(hidden).not.toContain(`#thread-${id}"`);
    expect((await moderator.postForm(`/c/${SLUG}/moderation`, { ids: id, action: "restore", note: "" })).status).toBe(302);
    const restored = await (await fetch(`${server.url}/c/${SLUG}/moderation-log`)).text();
    expect(restored).toContain(`href="/c/${SLUG}/s/${section.id}#thread-${id}"`);
  });

  it("asks to confirm making a draft public, and shows when it really opened and closed", async () => {
    const created = await owner.postForm("/consultations/new", {
      title: "Rules on <b>drones</b>",
      slug: DRAFT,
      summary: "What we propose.",
      opensAt: "",
      closesAt: "2099-01-05T12:00",
      moderationMode: "post",
    });
    expect(created.status).toBe(302);
    expect((await owner.postForm(`/c/${DRAFT}/settings`, { intent: "add-section", title: "Where <em>drones</em> may fly" })).status).toBe(302);
    const settings = await (await owner.get(`/c/${DRAFT}/settings`)).text();
    expect(settings).toMatch(/<input type="checkbox" id="confirm-open" name="confirm"[^>]* required=""/);
    expect(settings).toMatch(/<label for="confirm-open">I understand that opening makes this draft/);
    // Without the box ticked (a browser without its own check, or a script): refused, still a draft.
    const refused = await owner.postForm(`/c/${DRAFT}/settings`, { intent: "phase", to: "open" });
    expect(refused.status).toBe(400);
    expect(words(await refused.text())).toContain("Tick the box to confirm that the draft becomes public for good");
    expect((await fetch(`${server.url}/c/${DRAFT}`)).status).toBe(404);
    expect((await owner.postForm(`/c/${DRAFT}/settings`, { intent: "phase", to: "open", confirm: "yes" })).status).toBe(302);
    const open = words(await (await fetch(`${server.url}/c/${DRAFT}`)).text());
    // Opened with no start date: the opening is the phase change, not "not set".
    expect(open).toMatch(/Opened \w{3}, \d{1,2} \w+ 20\d\d at \d\d:\d\d UTC/);
    expect(open).not.toMatch(/Opens not set/);
    // Closing needs no box (it can be reopened); closed early, the home page names the day it closed, not the planned end.
    expect((await owner.postForm(`/c/${DRAFT}/settings`, { intent: "phase", to: "closed" })).status).toBe(302);
    const home = words(await (await fetch(`${server.url}/`)).text());
    const today = new Date().toISOString().slice(0, 10);
    const [y, m, d] = today.split("-").map(Number) as [number, number, number];
    const month = new Date(Date.UTC(y, m - 1, d)).toLocaleString("en-GB", { month: "long", timeZone: "UTC" });
    expect(home).toContain(`Closed for comment on`);
    expect(home).not.toContain("5 January 2099");
    expect(home).toMatch(new RegExp(`Closed for comment on \\w{3}, ${d} ${month} ${y}`));
    // The section page and the settings page say the same.
    const droneSection: string = (await (await fetch(`${server.url}/api/v1/consultations/${DRAFT}`)).json()).sections[0].id;
    expect(words(await (await fetch(`${server.url}/c/${DRAFT}/s/${droneSection}`)).text())).toMatch(new RegExp(`Closed for comment on \\w{3}, ${d} ${month} ${y}`));
    expect(words(await (await owner.get(`/c/${DRAFT}/settings`)).text())).toMatch(new RegExp(`Closed for comment on \\w{3}, ${d} ${month} ${y}`));
    const closed = words(await (await fetch(`${server.url}/c/${DRAFT}`)).text());
    expect(closed).toMatch(/Closed \w{3}, \d{1,2} \w+ 20\d\d at \d\d:\d\d UTC \(planned: \w{3}, 5 January 2099/);
    // Final is for good too.
    const notFinal = await owner.postForm(`/c/${DRAFT}/settings`, { intent: "phase", to: "final" });
    expect(notFinal.status).toBe(400);
    expect(words(await notFinal.text())).toContain("Tick the box to confirm that the consultation becomes final for good");
  });

  it("tells in plain words where the open comments went when a version is published", async () => {
    const page = await landing(owner, await owner.postForm(`/c/${SLUG}/versions`, { name: "Third draft", note: "" }));
    expect(page).toMatch(/Version 3 published\. The \d+ comments still awaiting a response now refer to it\./);
    expect(page).toMatch(/are on passages left as they were\./);
    expect(page).not.toMatch(/\d+ exact|orphaned/);
  });

  it("serves the whole current text on one page and a version as one escaped HTML file", async () => {
    const page = await (await fetch(`${server.url}/c/${SLUG}/document`)).text();
    let at = -1;
    for (const s of sections) {
      const here = page.indexOf(`href="/c/${SLUG}/s/${s.id}"`);
      expect(here, s.title).toBeGreaterThan(at);
      at = here;
    }
    expect(page).toContain(`href="/c/${SLUG}/v/1/document.html"`);

    const file = await fetch(`${server.url}/c/${SLUG}/v/1/document.html`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(file.headers.get("content-disposition")).toBe(`attachment; filename="${SLUG}-v1.html"`);
    const body = await file.text();
    expect(body.startsWith("<!doctype html>\n<html lang=\"en\">")).toBe(true);
    expect(body).toMatch(/<title>Draft Guideline on the Responsible Use of Artificial Intelligence in Business — version 1<\/title>/);
    expect(body).toMatch(/<p class="meta">Version 1: Draft for comment\. Published \w{3}, \d{1,2} \w+ 20\d\d at \d\d:\d\d UTC\.<\/p>/);
    expect(body).not.toMatch(/<script|<link /);
    expect(body.match(/<section>/g)).toHaveLength(sections.length);

    // Words of the consultation's own are escaped: the drone rules' title carried markup.
    expect((await owner.postForm(`/c/${DRAFT}/versions`, { name: "A <i>version</i>", note: "" })).status).toBe(302);
    const drone = await (await fetch(`${server.url}/c/${DRAFT}/v/1/document.html`)).text();
    expect(drone).toContain("<h1>Rules on &lt;b&gt;drones&lt;/b&gt;</h1>");
    expect(drone).toContain("A &lt;i&gt;version&lt;/i&gt;");
    expect(drone).toContain("<h2>Where &lt;em&gt;drones&lt;/em&gt; may fly</h2>");
    expect(drone).not.toContain("<b>drones");
    expect(drone).not.toContain("<em>drones");
    expect((await fetch(`${server.url}/c/${SLUG}/v/99/document.html`)).status).toBe(404);
    // A version's number is written one way: other spellings of 1 (or junk) are no version, on every version route.
    for (const junk of ["1e0", "01", "1.0", "0x1", "+1", "-1", "0", "1e3", "99999999999999999999"]) {
      for (const tail of ["/document.html", "", "/report", "/report.csv", "/report.json"]) {
        expect((await fetch(`${server.url}/c/${SLUG}/v/${encodeURIComponent(junk)}${tail}`)).status, `${junk}${tail}`).toBe(404);
      }
    }
  });
});
