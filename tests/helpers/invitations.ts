import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { expect } from "vitest";
import type { Browser } from "./client.js";

/** A fresh outbox folder for a server started without SMTP_URL (pass it as MAIL_OUTBOX_DIR). */
export function newOutboxDir(): string {
  return mkdtempSync(join(tmpdir(), "margin-outbox-"));
}

export const INVITATION_LINK = /https?:\/\/[^\s<>"]+\/invitations\/[a-z2-7]{16}\.[a-z2-7]{24}/g;

/** The mails in the outbox folder now, to pass as `before` to invitationLinkFromOutbox. */
export function outboxFiles(dir: string): Set<string> {
  return new Set(readdirSync(dir));
}

/** The invitation link in a mail to `to` written to the outbox folder after `before`, read as a person would (waiting for the mail). */
export async function invitationLinkFromOutbox(dir: string, to: string, before: ReadonlySet<string>, timeoutMs = 60_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    for (const name of readdirSync(dir).filter((n) => n.endsWith(".eml") && !before.has(n))) {
      const mail = await simpleParser(readFileSync(join(dir, name)));
      const addressed = [mail.to].flat().some((a) => a?.value.some((v) => v.address === to));
      const link = addressed ? (mail.text ?? "").match(INVITATION_LINK)?.[0] : undefined;
      if (link) return link;
    }
    if (Date.now() > until) throw new Error(`no invitation to ${to} in ${dir}`);
    // The outbox is a folder, with nothing to subscribe to: look again shortly.
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Puts a person with an account on a consultation's team as the page does: the owner
 * invites their address, and they (signed in) accept from the link in the mail.
 */
export async function joinTeam(owner: Browser, member: Browser, slug: string, email: string, role: "owner" | "drafter" | "moderator", outboxDir: string): Promise<void> {
  const before = outboxFiles(outboxDir);
  const invited = await owner.postForm(`/c/${slug}/settings`, { intent: "invite", email, role, locale: "en" });
  expect(invited.status).toBe(302);
  const link = await invitationLinkFromOutbox(outboxDir, email, before);
  const accepted = await member.postForm(new URL(link).pathname, { intent: "accept" });
  expect(accepted.status, await accepted.clone().text()).toBe(302);
}
