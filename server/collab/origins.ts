import type { Conn } from "./state.js";

/**
 * Where an update to a live document (or to its presence) came from. Yjs hands
 * the origin back untyped to every "update" listener; the parts tell the kinds
 * apart by `kind`, never by looking the value up in a set of connections.
 *
 * - client:   one of this node's connections sent it (committed before it is applied)
 * - remote:   another node committed it and shared it over the bus
 * - catch-up: read back from the log (gap repair, or after the bus was away)
 * - server:   an edit made by the server itself (an accepted suggestion)
 * - public:   the public document's update, mirrored into its working copy (ADR 026)
 */
export type UpdateOrigin = ClientOrigin | { readonly kind: "remote" } | { readonly kind: "catch-up" } | { readonly kind: "server" } | { readonly kind: "public" };

export interface ClientOrigin {
  readonly kind: "client";
  readonly conn: Conn;
}

const BRAND = Symbol("collab update origin");

function branded<T extends UpdateOrigin>(o: T): T {
  return Object.freeze(Object.assign(o, { [BRAND]: true }));
}

export const REMOTE: UpdateOrigin = branded({ kind: "remote" });
export const CATCH_UP: UpdateOrigin = branded({ kind: "catch-up" });
export const SERVER: UpdateOrigin = branded({ kind: "server" });
export const PUBLIC: UpdateOrigin = branded({ kind: "public" });

const clientOrigins = new WeakMap<Conn, ClientOrigin>();

/** The origin for a connection's updates: one object per connection, so Yjs listeners can compare it. */
export function fromClient(conn: Conn): ClientOrigin {
  let o = clientOrigins.get(conn);
  if (!o) {
    o = branded({ kind: "client", conn });
    clientOrigins.set(conn, o);
  }
  return o;
}

/** Reads back an origin that Yjs passed to a listener; null for anything we did not make. */
export function originOf(value: unknown): UpdateOrigin | null {
  return typeof value === "object" && value !== null && BRAND in value ? (value as unknown as UpdateOrigin) : null;
}

/** The connection an origin stands for, if it is one of this node's clients. */
export function clientConnOf(value: unknown): Conn | null {
  const o = originOf(value);
  return o?.kind === "client" ? o.conn : null;
}

/**
 * What happens to an update once it is committed, by origin. Only what this
 * node accepted (a client's or the server's update) is shared with the other
 * nodes; they share what they accepted themselves. The fold timer is the
 * accepting node's (`local`); others keep a longer stand-in (`stand-in`).
 */
export function routeOf(origin: UpdateOrigin): { share: boolean; fold: "local" | "stand-in" | "none" } {
  switch (origin.kind) {
    case "client":
      return { share: true, fold: "local" };
    case "server":
      // applyEdit folds at once, in a change set of its own.
      return { share: true, fold: "none" };
    case "remote":
      return { share: false, fold: "stand-in" };
    case "catch-up":
    case "public":
      // Each node mirrors the public log into its own working copies.
      return { share: false, fold: "none" };
  }
}
