import { z } from "zod";
import type { Env } from "../../env.js";
import { countMailByStatus, dropMail, listTroubledMail, requeueMail } from "../../../db/queries/mail.js";
import { renderMail } from "../../mail/compose.js";
import { mailSettingsFrom, transportFor } from "../../mail/index.js";
import { newId, nowIso } from "../../ids.js";
import { withDb, type Out } from "../io.js";

/** Mails `mail status` lists. */
const TROUBLED_SHOWN = 50;

/**
 * `margin mail`: test the mail settings (`test --to`: one mail handed straight
 * to the transport, not queued, so the answer is immediate), see the queue
 * (`status`), and decide on dead or uncertain mails (`retry`, `drop`).
 */
export async function mail(env: Env, args: string[], io: Out): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "test") return testMail(env, rest, io);
  if (sub === "status" && rest.length === 0) {
    const { counts, troubled } = await withDb(env, async (db) => ({ counts: await countMailByStatus(db.kysely), troubled: await listTroubledMail(db.kysely, TROUBLED_SHOWN) }));
    const parts = Object.entries(counts).map(([status, n]) => `${status} ${n}`);
    io.out(parts.length > 0 ? io.tr.t("cli.mail.counts", { counts: parts.join(", ") }) : io.tr.t("cli.mail.noCounts"));
    if (troubled.length > 0) {
      io.out(io.tr.t("cli.mail.troubled"));
      for (const m of troubled) io.out(io.tr.t("cli.mail.troubledLine", { id: m.id, status: m.status, kind: m.kind, to: m.to_address, attempts: m.attempts, error: m.last_error ?? "" }));
    }
    return 0;
  }
  if ((sub === "retry" || sub === "drop") && rest.length === 1) {
    const id = rest[0]!;
    const done = await withDb(env, (db) => (sub === "retry" ? requeueMail(db.kysely, id, nowIso()) : dropMail(db.kysely, id)));
    if (!done) {
      io.err(io.tr.t("cli.mail.notFound", { id, action: sub }));
      return 1;
    }
    io.out(io.tr.t("cli.mail.done", { id, action: sub }));
    return 0;
  }
  io.err(io.tr.t("cli.mail.usage"));
  return 1;
}

async function testMail(env: Env, args: string[], io: Out): Promise<number> {
  const i = args.indexOf("--to");
  const to = z.string().email().safeParse(i >= 0 ? args[i + 1] : undefined);
  if (!to.success || args.length !== 2) {
    io.err(io.tr.t("cli.mail.badAddress"));
    return 1;
  }
  const settings = mailSettingsFrom(env);
  const transport = transportFor(settings);
  const origin = env.ORIGIN ?? `http://localhost:${env.PORT}`;
  const rendered = renderMail(io.tr.locale, { subject: io.tr.t("mailTest.subject"), name: null, paragraphs: [io.tr.t("mailTest.body", { site: new URL(origin).host })] }, { origin });
  const id = newId();
  const now = nowIso();
  const row = {
    id,
    kind: "test",
    to_address: to.data,
    user_id: null,
    subject: rendered.subject,
    text_body: rendered.text,
    html_body: rendered.html,
    headers: "{}",
    message_id: `<${id}@${new URL(origin).hostname}>`,
    status: "sending" as const,
    attempts: 0,
    next_attempt_at: now,
    lease_until: null,
    last_error: null,
    created_at: now,
    sent_at: null,
  };
  let result;
  try {
    const run = await transport.open();
    try {
      result = await run.deliver(row, async () => true);
    } finally {
      await run.close();
    }
  } catch (e) {
    result = { ok: false as const, permanent: false, error: (e as Error).message };
  }
  if (result.ok) {
    io.out(io.tr.t("cli.mail.sent", { to: to.data, transport: transport.describe }));
    return 0;
  }
  io.err(io.tr.t("cli.mail.failed", { to: to.data, transport: transport.describe, error: result.error }));
  return 1;
}
