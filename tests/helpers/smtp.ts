import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";

/** A mail the test SMTP server accepted: the parsed message, its raw bytes and the envelope. */
export interface ReceivedMail {
  parsed: ParsedMail;
  raw: string;
  to: string[];
  from: string;
  /** The text part. */
  text: string;
  subject: string;
  messageId: string;
  /** Every http(s) link in the text part, in order. */
  links: string[];
}

export interface TestSmtp {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Waits until `pred` holds for some received mail (checked as mails arrive), or fails after `timeoutMs`. */
  waitFor(pred: (m: ReceivedMail) => boolean, timeoutMs?: number, what?: string): Promise<ReceivedMail>;
  /** Mails to one address. */
  to(address: string): ReceivedMail[];
  /** From now on answer each DATA with this SMTP reply code (e.g. 451 or 550), or accept again with null. */
  replyWith(code: number | null): void;
  close(): Promise<void>;
}

/** The budget for a mail to arrive: delivery polls and retries, and the machine may be busy. */
export const MAIL_WAIT_MS = 60_000;

/**
 * A real SMTP server (the `smtp-server` package) on a random loopback port,
 * without TLS or authentication, keeping every message it accepts, parsed by
 * `mailparser`. Tests read links from the mails as a person would.
 */
export async function startSmtp(port = 0): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  let code: number | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        if (code !== null) {
          const err = new Error(`test server answers ${code}`) as Error & { responseCode: number };
          err.responseCode = code;
          return callback(err);
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        const parsed = await simpleParser(raw);
        const text = parsed.text ?? "";
        received.push({
          parsed,
          raw,
          to: session.envelope.rcptTo.map((r) => r.address),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          text,
          subject: parsed.subject ?? "",
          messageId: parsed.messageId ?? "",
          links: [...text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]),
        });
        callback();
        for (const w of waiters) w();
      });
    },
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => ok());
  });
  const actual = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${actual}`,
    port: actual,
    received,
    to: (address) => received.filter((m) => m.to.includes(address)),
    replyWith: (c) => (code = c),
    waitFor(pred, timeoutMs = MAIL_WAIT_MS, what = "a matching mail") {
      return new Promise((ok, fail) => {
        const check = () => {
          const hit = received.find(pred);
          if (hit) {
            waiters.delete(check);
            clearTimeout(timer);
            ok(hit);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          fail(new Error(`no ${what} within ${timeoutMs} ms; received: ${received.map((m) => `${m.to.join(",")}: ${m.subject}`).join(" | ") || "nothing"}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
