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
  /** SQLite: how many prepared statements are kept for reuse (the least recently used go first). */
  statementCache?: number;
}

export const DEFAULT_DATABASE_URL = "file:./data/margin.sqlite";
const DEFAULT_PG_POOL_SIZE = 10;
const DEFAULT_SQLITE_BUSY_TIMEOUT_MS = 5000;
export const DEFAULT_SQLITE_STATEMENT_CACHE = 256;

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
  const kysely = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: reusingStatements(sqlite, options.statementCache ?? DEFAULT_SQLITE_STATEMENT_CACHE) }) });
  return { kysely, dialect: "sqlite", describe: `sqlite:${path}`, close: () => kysely.destroy() };
}

/**
 * The connection as Kysely sees it, preparing each distinct SQL text once. Kysely
 * prepares every query it runs: under a flood of keystrokes preparing was about 3% of
 * the server's time (though persisted updates/s measured the same with and without
 * this), and a page render prepares the same few dozen queries on every request. Reusing a
 * statement is safe here because Kysely runs one query at a time on the connection
 * (its mutex), a streamed select included.
 */
function reusingStatements(sqlite: BetterSqlite3.Database, size: number): SqliteDialectConfig["database"] {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) statements.delete(sql);
      else statement = sqlite.prepare(sql);
      // Insertion order is use order: the first key is the least recently used.
      statements.set(sql, statement);
      if (statements.size > size) statements.delete(statements.keys().next().value!);
      return statement;
    },
    close: () => sqlite.close(),
  };
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
