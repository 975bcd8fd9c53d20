import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { migrateToLatest } from "../../db/migrator.js";
import { findUserByEmail } from "../../db/queries/user.js";
import { createSessionManager } from "../auth/sessions.js";
import type { MailRequest, MailService } from "../mail/index.js";
import { confirmEmail, deleteAccount, findUsableToken, signUp, type AccountLinkDeps } from "./account-lifecycle.js";

const PASSWORD = "correct horse battery";
const INPUT = { email: "race@example.org", password: PASSWORD, displayName: "Rae Racer", organisation: "Race Ltd", stakeholderGroup: "industry" as const };

/** Mail as the domain sees it: what was queued, in order, with the link of each. */
function recordingMail(): MailService & { sent: MailRequest[] } {
  const sent: MailRequest[] = [];
  return {
    sent,
    origin: () => "http://margin.test",
    link: (path) => `http://margin.test${path}`,
    async queue(_tx, request) {
      sent.push(request);
      return String(sent.length);
    },
    async queueAll(_tx, requests) {
      sent.push(...requests);
      return requests.map((_, i) => String(sent.length - requests.length + i + 1));
    },
    kick() {},
    describe: "a list",
    start() {},
    stop: async () => {},
  };
}

describe("account links", () => {
  let dir: string;
  let db: Db;
  let mail: ReturnType<typeof recordingMail>;
  let deps: AccountLinkDeps;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "margin-accounts-unit-"));
    db = createDb(`file:${join(dir, "t.sqlite")}`);
    await migrateToLatest(db.kysely);
    mail = recordingMail();
    deps = { db, mail, sessions: createSessionManager(db, { idleDays: 1, maxDays: 1, secureCookie: false }), ttlMinutes: { verify: 60, reset: 60, email_change: 60 } };
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("lets one of two racing sign-ups for an address in, and answers the other like a taken address", async () => {
    await Promise.all([signUp(deps, INPUT, "en"), signUp(deps, INPUT, "en")]);
    const rows = await db.kysely.selectFrom("user").select(["id", "consented_at", "email_verified_at"]).where("email", "=", INPUT.email).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.consented_at).not.toBeNull();
    expect(rows[0]!.email_verified_at).toBeNull();
    expect(mail.sent.map((m) => m.kind).sort()).toEqual(["account.exists", "account.verify"]);
  });

  it("accepts only its own, unused, unexpired links of the right purpose", async () => {
    await signUp(deps, INPUT, "en");
    const token = mail.sent[0]!.draft.action!.url.split("/verify/")[1]!;
    expect(await findUsableToken(db.kysely, "verify", token)).not.toBeNull();
    expect(await findUsableToken(db.kysely, "reset", token)).toBeNull();
    const [id, secret] = token.split(".");
    expect(await findUsableToken(db.kysely, "verify", `${id}.${"a".repeat(secret!.length)}`)).toBeNull();
    for (const junk of ["", "x", `${id}`, `${id}.${secret}.x`, "../../etc"]) expect(await findUsableToken(db.kysely, "verify", junk)).toBeNull();
    // The wrong password neither confirms nor uses the link up.
    await expect(confirmEmail(deps, token, "not the password")).rejects.toThrow("That is not this account's password.");
    expect((await findUserByEmail(db.kysely, INPUT.email))!.email_verified_at).toBeNull();
    expect(await findUsableToken(db.kysely, "verify", token)).not.toBeNull();
    await confirmEmail(deps, token, PASSWORD);
    expect((await findUserByEmail(db.kysely, INPUT.email))!.email_verified_at).not.toBeNull();
    expect(await findUsableToken(db.kysely, "verify", token)).toBeNull();
    await expect(confirmEmail(deps, token, PASSWORD)).rejects.toThrow("This link does not work any more");
  });

  it("empties a deleted account and frees its address", async () => {
    await signUp(deps, INPUT, "en");
    const user = (await findUserByEmail(db.kysely, INPUT.email))!;
    await expect(deleteAccount(deps, user, "wrong password", "former_participant")).rejects.toThrow("That is not your current password.");
    await deleteAccount(deps, user, PASSWORD, "former_participant");
    const row = await db.kysely.selectFrom("user").selectAll().where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(row.email).toMatch(/@deleted\.invalid$/);
    expect(row.display_name).toBe("Former participant");
    expect(row.organisation).toBe("");
    expect(row.password_hash).toBe("");
    expect(row.deleted_at).not.toBeNull();
    expect(await db.kysely.selectFrom("account_token").select("id").where("user_id", "=", user.id).execute()).toEqual([]);
    expect(await findUserByEmail(db.kysely, INPUT.email)).toBeUndefined();
  });
});
