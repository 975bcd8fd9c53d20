import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { WebSocket, WebSocketServer } from "ws";
import type { Db } from "../../db/client.js";
import { SESSION_COOKIE, readCookie, type SessionManager } from "../auth/sessions.js";
import type { Logger } from "../logger.js";
import { decideAccess } from "./access.js";
import type { Admitted } from "./connection.js";
import type { PerAddressCount } from "./limits.js";

/**
 * Doc names are section ids (16 lower-case base32 characters), or a section id
 * and `.working` for its team-only working copy (ADR 026). Anything else is refused.
 */
const DOC_NAME = /^\/collab\/([a-z2-7]{16})(\.working)?$/;

const STATUS_TEXT: Record<number, string> = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 429: "Too Many Requests", 503: "Service Unavailable" };

/** Answers an upgrade with a plain HTTP error and ends the socket. */
function refuse(socket: Duplex, status: number, message: string): void {
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? "Error"}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n${status === 503 || status === 429 ? "Retry-After: 5\r\n" : ""}\r\n${body}`,
  );
  socket.destroy();
}

interface Refusal {
  status: number;
  message: string;
}

/**
 * The checks an upgrade request must pass before anything is looked up: the
 * document's name, no query string (credentials travel in the cookie only),
 * and an Origin of this site. Returns the section id and the session token.
 */
export function checkRequest(req: Pick<IncomingMessage, "url" | "headers">, siteOrigin: string): Refusal | { sectionId: string; working: boolean; token: string | null } {
  const url = new URL(req.url ?? "/", "http://placeholder");
  const m = DOC_NAME.exec(url.pathname);
  if (!m) return { status: 404, message: "No such document." };
  if (url.search) return { status: 400, message: "Credentials and options do not belong in the URL." };
  const origin = req.headers.origin;
  if (!origin || origin !== siteOrigin) return { status: 403, message: "This connection did not come from this site." };
  return { sectionId: m[1]!, working: m[2] !== undefined, token: readCookie(req.headers.cookie, SESSION_COOKIE) };
}

export interface UpgradeDeps {
  db: Db;
  sessions: SessionManager;
  wss: WebSocketServer;
  perAddress: PerAddressCount;
  logger: Logger;
  siteOrigin(req: IncomingMessage): string;
  clientIp(req: IncomingMessage): string;
  isClosing(): boolean;
  onConnection(ws: WebSocket, who: Admitted): void;
}

const SHUTTING_DOWN: Refusal = { status: 503, message: "The server is shutting down." };

/** Decides an upgrade: refused with an HTTP status, or handed to `onConnection` with the access decided. */
export function createUpgradeHandler(deps: UpgradeDeps): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  const { sessions, perAddress } = deps;

  /**
   * Counts the socket against its address's cap from the upgrade on (so
   * upgrades still being decided count too) until the TCP socket closes,
   * whichever way it ends.
   */
  function admitAddress(req: IncomingMessage, socket: Duplex): boolean {
    const address = deps.clientIp(req);
    if (!perAddress.tryAcquire(address)) return false;
    socket.once("close", () => perAddress.release(address));
    return true;
  }

  return function handleUpgrade(req, socket, head) {
    socket.on("error", () => socket.destroy());
    if (deps.isClosing()) return refuse(socket, SHUTTING_DOWN.status, SHUTTING_DOWN.message);
    if (!admitAddress(req, socket)) return refuse(socket, 429, "Too many connections from your address. Close some tabs and try again.");
    const checked = checkRequest(req, deps.siteOrigin(req));
    if ("status" in checked) return refuse(socket, checked.status, checked.message);
    const { sectionId, working, token } = checked;
    (async () => {
      const auth = token ? await sessions.validate(token) : null;
      const { access, consultationId } = await decideAccess(deps.db, sectionId, auth?.user ?? null, working);
      if (access === "none" || !consultationId) return refuse(socket, 404, "No such document.");
      if (deps.isClosing()) return refuse(socket, SHUTTING_DOWN.status, SHUTTING_DOWN.message);
      // The policy grants editing to signed-in users only; checked here so a writable connection always has its user.
      if (access === "write" && !auth) throw new Error("write access without a signed-in user");
      deps.wss.handleUpgrade(req, socket, head, (ws) => {
        deps.onConnection(ws, { sectionId, working, consultationId, user: auth?.user ?? null, sessionId: auth?.session.id ?? null, token: auth ? token : null, access });
      });
    })().catch((e) => {
      deps.logger.error("upgrade failed", { error: e });
      refuse(socket, 503, "The document is not available right now.");
    });
  };
}
