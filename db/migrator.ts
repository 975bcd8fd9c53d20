import { Migrator, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from "kysely";
import * as foundation from "./migrations/2026-11-26T1500-foundation.js";
import * as collab from "./migrations/2026-11-26T1600-collab.js";
import * as comments from "./migrations/2026-11-26T1700-comments.js";
import * as moderation from "./migrations/2026-11-26T1800-moderation.js";
import * as history from "./migrations/2026-11-26T1900-history.js";
import * as cluster from "./migrations/2026-11-26T2000-cluster.js";
import * as moderatorNames from "./migrations/2026-11-26T2100-moderator-names.js";
import * as confidentialReplies from "./migrations/2026-12-02T1900-confidential-replies.js";
import * as record from "./migrations/2026-12-06T0500-record.js";
import * as organisations from "./migrations/2026-12-06T0600-organisations.js";
import * as requests from "./migrations/2026-12-06T0700-requests.js";
import * as languages from "./migrations/2026-12-07T0100-languages.js";
import * as search from "./migrations/2026-12-07T0200-search.js";
import * as mail from "./migrations/2026-12-08T0100-mail.js";
import * as follow from "./migrations/2026-12-08T0210-follow.js";
import * as workingCopy from "./migrations/2026-12-09T0100-working-copy.js";
import * as commentGroups from "./migrations/2026-12-10T0100-comment-groups.js";
import * as campaignVariation from "./migrations/2026-12-10T0110-campaign-variation.js";
import * as topicTerms from "./migrations/2026-12-10T0120-topic-terms.js";
import * as scale from "./migrations/2026-12-10T0140-scale.js";
import * as results from "./migrations/2026-12-10T0150-results.js";
import * as checkpointFormat from "./migrations/2026-12-11T0100-checkpoint-format.js";

/**
 * Migrations are listed explicitly (not read from the file system) so that the
 * same list works from TypeScript sources, the CLI and the bundled server.
 */
const MIGRATIONS: Record<string, Migration> = {
  "2026-11-26T1500-foundation": foundation,
  "2026-11-26T1600-collab": collab,
  "2026-11-26T1700-comments": comments,
  "2026-11-26T1800-moderation": moderation,
  "2026-11-26T1900-history": history,
  "2026-11-26T2000-cluster": cluster,
  "2026-11-26T2100-moderator-names": moderatorNames,
  "2026-12-02T1900-confidential-replies": confidentialReplies,
  "2026-12-06T0500-record": record,
  "2026-12-06T0600-organisations": organisations,
  "2026-12-06T0700-requests": requests,
  "2026-12-07T0100-languages": languages,
  "2026-12-07T0200-search": search,
  "2026-12-08T0100-mail": mail,
  "2026-12-08T0210-follow": follow,
  "2026-12-09T0100-working-copy": workingCopy,
  "2026-12-10T0100-comment-groups": commentGroups,
  "2026-12-10T0110-campaign-variation": campaignVariation,
  "2026-12-10T0120-topic-terms": topicTerms,
  "2026-12-10T0140-scale": scale,
  "2026-12-10T0150-results": results,
  "2026-12-11T0100-checkpoint-format": checkpointFormat,
};

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

export function createMigrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: new StaticMigrationProvider() });
}

function unwrap(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error");
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`migration ${failed?.migrationName ?? "(unknown)"} failed: ${reason}`);
  }
  return (result.results ?? []).map((r) => `${r.direction} ${r.migrationName}`);
}

/** Applies every pending migration; returns what ran. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  return unwrap(await createMigrator(db).migrateToLatest());
}

/** Reverts every migration (used by the up → down → up test). */
export async function migrateDownAll(db: Kysely<any>): Promise<string[]> {
  const migrator = createMigrator(db);
  const ran: string[] = [];
  for (;;) {
    const done = unwrap(await migrator.migrateDown());
    if (done.length === 0) return ran;
    ran.push(...done);
  }
}
