/**
 * The interface language (ADR 020) on the start page, sign-in, sign-up and the
 * account: chosen from the account's setting, else the switcher's cookie, else
 * Accept-Language; server messages (field errors, flashes) follow it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "node-html-parser";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";

const JA = { "accept-language": "ja-JP,ja;q=0.9,en;q=0.5" };
const EN = { "accept-language": "en-GB,en;q=0.9" };

async function page(b: Browser, path: string, headers: Record<string, string> = {}) {
  const res = await b.get(path, { accept: "text/html", ...headers });
  const html = await res.text();
  return { status: res.status, html, lang: /<html lang="([a-z]+)"/.exec(html)?.[1], doc: parse(html) };
}

describe.each(databaseKinds())("the interface in Japanese and English on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { LOGIN_LIMIT_PER_EMAIL: "100", LOGIN_LIMIT_PER_IP: "1000", SIGNUP_LIMIT_PER_IP: "1000" });
  });
  afterAll(async () => {
    await server?.stop();
    await tdb?.drop();
  });

  it("renders the start page, sign-in and sign-up in the browser's language", async () => {
    const b = new Browser(server.url);
    const home = await page(b, "/", JA);
    expect(home.lang).toBe("ja");
    expect(home.doc.querySelector("h1")?.text).toBe("ガイドライン案へのご意見をお寄せください");
    expect(home.doc.querySelector("title")?.text).toBe("意見募集の一覧 · Margin");
    expect(home.html).toContain("公開中の意見募集はまだありません。");
    expect(home.html).not.toContain("Have your say");

    const login = await page(b, "/login", JA);
    expect(login.lang).toBe("ja");
    expect(login.doc.querySelector("h1")?.text).toBe("ログイン");
    expect(login.doc.querySelector('label[for="email"]')?.text).toBe("メールアドレス");

    const signup = await page(b, "/signup", JA);
    expect(signup.doc.querySelector("h1")?.text).toBe("アカウント登録");
    const groups = signup.doc.querySelectorAll('select[name="stakeholderGroup"] option').map((o) => o.text);
    expect(groups).toContain("行政機関");
    expect(groups).toContain("市民社会団体");

    const english = await page(new Browser(server.url), "/", EN);
    expect(english.lang).toBe("en");
    expect(english.doc.querySelector("h1")?.text).toBe("Have your say on draft guidance");
    expect((await page(new Browser(server.url), "/signup")).doc.querySelector("h1")?.text).toBe("Create an account");
  });

  it("lets the switcher's cookie win over Accept-Language", async () => {
    const b = new Browser(server.url);
    const chosen = await b.postForm("/language", { locale: "ja", redirectTo: "/login" });
    expect(chosen.status).toBe(302);
    expect(chosen.headers.get("location")).toBe("/login");
    expect(b.cookie("margin_lang")).toBe("ja");
    const login = await page(b, "/login", EN);
    expect(login.lang).toBe("ja");
    expect(login.doc.querySelector("h1")?.text).toBe("ログイン");

    await b.postForm("/language", { locale: "en", redirectTo: "/" });
    expect((await page(b, "/", JA)).lang).toBe("en");
  });

  it("shows a failed sign-up's field errors in Japanese", async () => {
    const b = new Browser(server.url);
    const res = await b.postForm("/signup", { email: "not-an-email", password: "short", displayName: "  ", stakeholderGroup: "aliens" }, JA);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<html lang="ja"');
    expect(html).toContain("次の項目を修正してください");
    expect(html).toContain("name@example.org のような形式でメールアドレスを入力してください。");
    expect(html).toMatch(/パスワードは\d+文字以上で入力してください。/);
    expect(html).toContain("表示名を入力してください。");
    expect(html).toContain("属性を選んでください。");
    // What is shown (the English phrase still travels in the page's data, as the key).
    expect(parse(html).querySelector("#displayName-error")?.text).toBe("エラー：表示名を入力してください。");
    // The same failure in English keeps the English wording.
    const en = await (await new Browser(server.url).postForm("/signup", { email: "x", password: "short", displayName: " ", stakeholderGroup: "other" }, EN)).text();
    expect(en).toContain("Display name is required.");
  });

  it("shows one-time messages in the next page's language", async () => {
    const b = new Browser(server.url);
    b.setCookie("margin_lang", "ja");
    await b.signUp({ displayName: "山田 花子" });
    const welcome = await page(b, "/");
    // A sign-up signs no one in (it answers alike for taken addresses); the helper then signs in.
    expect(welcome.doc.querySelector('[role="status"]')?.text).toBe("山田 花子さんとしてログインしました。");
    await b.postForm("/logout", {});
    const out = await page(b, "/");
    expect(out.doc.querySelector('[role="status"]')?.text).toBe("ログアウトしました。");
  });

  it("keeps the language on the account, where it wins over the cookie, and can hand the choice back to the browser", async () => {
    const b = new Browser(server.url);
    await b.signUp({ displayName: "Lang Tester" });
    const before = await page(b, "/account", EN);
    expect(before.lang).toBe("en");
    expect(before.doc.querySelector("#language-title")?.text).toBe("Language");

    const saved = await b.postForm("/account", { intent: "language", locale: "ja" }, EN);
    expect(saved.status).toBe(302);
    // A cookie saying English and a browser asking for English: the account's Japanese wins.
    b.setCookie("margin_lang", "en");
    const account = await page(b, "/account", EN);
    expect(account.lang).toBe("ja");
    expect(account.doc.querySelector("h1")?.text).toBe("アカウント");
    expect(account.doc.querySelector("#language-title")?.text).toBe("表示言語");
    expect(account.doc.querySelector('[role="status"]')?.text).toBe("表示言語の設定を保存しました。");
    expect(account.doc.querySelector('select[name="locale"] option[selected]')?.getAttribute("value")).toBe("ja");
    expect(account.html).toContain("業"); // the stakeholder group, worded in Japanese (企業)

    // "Follow the browser": the setting is cleared, and so is the cookie, so Accept-Language decides.
    const cleared = await b.postForm("/account", { intent: "language", locale: "" });
    expect(cleared.status).toBe(302);
    expect(b.cookie("margin_lang")).toBeUndefined();
    expect((await page(b, "/account", EN)).lang).toBe("en");
    expect((await page(b, "/account", JA)).lang).toBe("ja");

    const bad = await b.postForm("/account", { intent: "language", locale: "fr" }, JA);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("英語、日本語、またはブラウザの設定に従うかを選んでください。");
  });

  it("words the refusals made before a page renders (a foreign Origin) in the browser's language", async () => {
    const res = await fetch(`${server.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: "https://evil.example", accept: "text/html", "content-type": "application/x-www-form-urlencoded", ...JA },
      body: "email=a%40example.org&password=x",
    });
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain("このリクエストはこのサイトから送信されたものではないため、受け付けませんでした。");
    const en = await fetch(`${server.url}/login`, { method: "POST", headers: { origin: "https://evil.example", accept: "text/html" }, body: "" });
    expect(await en.text()).toContain("This request did not come from this site, so it was refused.");
  });

  it("answers an unknown address with a Japanese 404 page", async () => {
    const res = await page(new Browser(server.url), "/no/such/page", JA);
    expect(res.status).toBe(404);
    expect(res.lang).toBe("ja");
    expect(res.doc.querySelector("h1")?.text).toBe("ページが見つかりません");
    expect(res.html).toContain("このアドレスには何もありません。");
  });
});
