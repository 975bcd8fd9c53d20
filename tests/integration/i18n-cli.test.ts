/** The `margin` command speaks to people in the language of LC_ALL / LC_MESSAGES / LANG (ja_JP.* → Japanese). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { CLI_TEST_TIMEOUT_MS, runCli } from "../helpers/server.js";

describe("the CLI in Japanese", () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase("sqlite");
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it("prints help, refusals and confirmations in Japanese under a Japanese locale, English otherwise", async () => {
    const ja = { DATABASE_URL: tdb.url, LANG: "ja_JP.UTF-8" };
    const help = await runCli(["help"], ja);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("使い方: margin <コマンド> [オプション]");
    expect(help.stdout).toContain("デモの意見募集とデモ用アカウントを作成します。");

    const unknown = await runCli(["frobnicate"], ja);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('"frobnicate" というコマンドはありません。');

    const bad = await runCli(["user", "add", "--email", "nope", "--password", "short", "--name", "X", "--role", "king"], ja);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("ユーザーを追加できません:");
    expect(bad.stderr).toContain("--email: name@example.org のような形式でメールアドレスを入力してください。");
    expect(bad.stderr).toMatch(/--password: パスワードは\d+文字以上で入力してください。/);
    expect(bad.stderr).toContain("--role: admin, convener, member のいずれかを指定してください");

    const ok = await runCli(["user", "add", "--email", "kanri@example.org", "--password", "a long password", "--name", "管理者", "--role", "admin"], ja);
    expect(ok.stdout).toContain("admin の kanri@example.org を作成しました。");
    const noOwner = await runCli(["import", "README.md", "--owner", "ghost@example.org"], ja);
    expect(noOwner.stderr).toContain("margin: ghost@example.org のアカウントはありません。");

    const keys = await runCli(["keys", "frob"], ja);
    expect(keys.stderr).toContain("margin keys: サブコマンドは `keys init [--out FILE] [--force]` と `keys rotate` です。");
    const verify = await runCli(["verify"], ja);
    expect(verify.stdout).toMatch(/^OK — .*: \d+本の連鎖の\d+項目、\d+節にわたる\d+件の変更の再生、\d+ ミリ秒。/m);

    // LC_ALL outranks LANG; "C" is English.
    const c = await runCli(["frobnicate"], { ...ja, LC_ALL: "C" });
    expect(c.stderr).toContain('Unknown command "frobnicate"');
    expect((await runCli(["help"], { DATABASE_URL: tdb.url, LC_MESSAGES: "ja_JP.eucJP", LANG: "en_GB.UTF-8" })).stdout).toContain("使い方");
  }, CLI_TEST_TIMEOUT_MS);
});
