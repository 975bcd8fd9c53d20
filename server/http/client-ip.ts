import type { IncomingMessage } from "node:http";

/**
 * The client's address as Express derives `req.ip` with `trust proxy` set to
 * TRUST_PROXY: the socket's peer, or with a trusted proxy the first address
 * of X-Forwarded-For. For the WebSocket upgrade, which Express never sees.
 */
export function clientIpOf(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers["x-forwarded-for"];
    const first = (Array.isArray(header) ? header[0] : header)?.split(",")[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? "unknown";
}
