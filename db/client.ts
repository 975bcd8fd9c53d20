import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig, type Transaction } from "kysely";
import pg from "pg";
import type { Database } from "./schema.js";

export type Dialect = "sqlite" | "postgres";

/** What a query function runs on: the database itself or a transaction on it. */
export type Executor = Kysely<Database> | Transaction<Database>;

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** Where the data lives, with any password removed; for logs and the health check. */
  describe: string;
  close(): Promise<void>;
}

export interface DbOptions {
  /** PostgreSQL pool size per process. */
  poolSize?: number;
  /** SQLite: how long a writer waits for a lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
}

export const DEFAULT_DATABASE_URL = "file:./data/margin.sqlite";
const DEFAULT_PG_POOL_SIZE = 10;
const DEFAULT_SQLITE_BUSY_TIMEOUT_MS = 5000;

// PostgreSQL returns bigint (count(*)) as a string by default; our counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/** Opens the database named by a `file:` or `postgres://` URL. */
export function createDb(url: string = DEFAULT_DATABASE_URL, options: DbOptions = {}): Db {
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? DEFAULT_PG_POOL_SIZE });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const safe = new URL(url);
    safe.password = "";
    return { kysely, dialect: "postgres", describe: safe.toString(), close: () => kysely.destroy() };
  }
  const path = sqlitePath(url);
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new BetterSqlite3(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? DEFAULT_SQLITE_BUSY_TIMEOUT_MS}`);
  const kysely = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  return { kysely, dialect: "sqlite", describe: `sqlite:${path}`, close: () => kysely.destroy() };
}

/**
 * SQLite transactions that begin with `begin immediate`: each takes the write lock
 * at its start, waiting up to busy_timeout for it. A deferred `begin` takes it only
 * at its first write, and when another process (the CLI, a test, a second tool)
 * has committed since the transaction's first read, SQLite refuses that upgrade at
 * once with SQLITE_BUSY, without waiting. One process has one connection, so
 * within it nothing changes.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

function sqlitePath(url: string): string {
  const rest = url.startsWith("file:") ? url.slice("file:".length) : url;
  if (rest === ":memory:") return rest;
  if (rest.length === 0) throw new Error(`DATABASE_URL "${url}" names no file`);
  return resolve(rest);
}
