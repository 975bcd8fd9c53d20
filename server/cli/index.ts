// The `margin` command: the usage text and the dispatch; each command is in commands/.
import { readEnv } from "../env.js";
import { isAppError } from "../errors.js";
import { exportCommand } from "./commands/export.js";
import { importCommand } from "./commands/import.js";
import { migrate, seed } from "./commands/database.js";
import { serve } from "./commands/serve.js";
import { org } from "./commands/org.js";
import { user } from "./commands/user.js";
import { verify } from "./commands/verify.js";
import { keys } from "./commands/keys.js";
import { witness } from "./commands/witness.js";
import { results } from "./commands/results.js";
import { search } from "./commands/search.js";
import { stdio, type Out } from "./io.js";

const USAGE = `Usage: margin <command> [options]

Commands:
  serve [--dev] [--demo] [--no-migrate] [--no-seed]
                     Start the web server on PORT (default 3000).
                     --dev uses Vite's dev server; --demo seeds the demo
                     consultation on an empty database even in production.
  migrate [--down]   Apply pending database migrations (--down reverts all).
  seed               Create the demo consultation and demo accounts.
  user add --email E --password P --name N [--role admin|convener|member]
           [--organisation O] [--group G]
                     Create an account, or on an existing email set its role
                     (and its password, when --password is given). Conveners
                     (and admins) may create and import consultations.
  org add --name N --kind K [--slug S] [--domain D]
                     Register an organisation (kind: government, company,
                     startup, academia, civil_society, other). Its address
                     is made from the name unless --slug is given; --domain
                     is the email domain its people use (e.g. meti.go.jp).
  org verify --slug S --evidence TEXT
                     Mark it verified; its people's comments then carry a
                     "Verified organisation" (or "Verified government body")
                     badge. The evidence (e.g. "member email domain
                     meti.go.jp checked") goes into the public record.
  org member add --slug S --email E [--role representative|member]
                     Add an existing account to it (one organisation per
                     person), or change its role. Representatives speak for
                     the organisation and are named in the public record.
  import FILE.md|FILE.docx --owner EMAIL [--slug S] [--title T]
                     Import a Markdown or Word file as a new draft
                     consultation; each top-level heading becomes a section.
                     The owner must be a convener or an admin.
  export --slug S [--format json|md] [--out FILE]
                     Write what the public may see of a consultation: Markdown
                     (title, summary, sections; import reads it back) or JSON
                     (also versions, published comments with anchors and
                     responses, the ledger head). To stdout unless --out.
  verify [--url URL] [--public-key FILE] [--json]
                     Check the ledger: every hash link, a Yjs replay of
                     every section's change sets against the recorded
                     states, the current text, and every signed checkpoint
                     (its signature, and that the chain still holds the
                     entry it signed with that hash). Reads DATABASE_URL
                     (the key from LEDGER_SIGNING_KEY or its file), or a
                     running server's public API with --url (the key from
                     /.well-known/margin-ledger-key, or pinned with
                     --public-key). Exits 1 and names the first bad entry
                     if anything does not match.
  keys init [--out FILE] [--force]
                     Make an Ed25519 signing key (PKCS#8 PEM, readable by
                     you only). Without --out it is the server's key file
                     (LEDGER_SIGNING_KEY_FILE, or ledger-signing-key.pem
                     next to the SQLite database). A witness makes its own
                     key the same way. Refuses to replace a key unless
                     --force.
  keys rotate        Make a new data encryption key current, re-wrap every
                     sealed value's data key under it (in batches; the
                     texts themselves are not re-encrypted), then retire the
                     old key (kept in the key file so backups still open).
                     Re-running finishes an interrupted rotation.
  witness --url URL --state DIR [--key FILE] [--name NAME] [--accept-new-key]
                     Witness a server's ledger (run it on a schedule): fetch
                     the latest signed checkpoint, check the signature with
                     the key pinned in DIR on the first run, check that it
                     extends the checkpoint stored in DIR last time, store
                     it. Exits 1 on a rewritten, truncated or forked chain,
                     a bad signature, a changed key or an unreachable
                     server. With --key, also co-signs the checkpoint.
  verify --receipt FILE --url URL [--json]
                     Check a submission receipt (downloaded from "My
                     submissions") against a server's public ledger: the
                     entry it names is there unaltered, the chain from it to
                     the head links, and any later edit, moderation or
                     withdrawal is named. Exits 1 when the submission is
                     missing or differs. Never prints the submitted text.
  results publish    Publish the results of every information request whose
                     deadline has passed and that no one has read yet (the
                     first read publishes them too); each is one ledger entry.
  search reindex     Rebuild the search index from the database: consultations,
                     section texts, published comments and responses, issued
                     requests. (The server indexes sections missing from it
                     at start; the rest is kept in step with every write.)
  help               Show this text.

Configuration comes from environment variables; see the README.`;

/** Runs one CLI command; returns the process exit code. */
export async function main(argv: string[], io: Out = stdio): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const env = readEnv();
    switch (command) {
      case "serve":
        return await serve(env, rest, io);
      case "migrate":
        return await migrate(env, rest, io);
      case "seed":
        return await seed(env, io);
      case "user":
        return await user(env, rest, io);
      case "org":
        return await org(env, rest, io);
      case "import":
        return await importCommand(env, rest, io);
      case "verify":
        return await verify(env, rest, io);
      case "keys":
        return await keys(env, rest, io);
      case "witness":
        return await witness(rest, io);
      case "export":
        return await exportCommand(env, rest, io);
      case "results":
        return await results(env, rest, io);
      case "search":
        return await search(env, rest, io);
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.out(USAGE);
        return command === undefined ? 1 : 0;
      default:
        io.err(`Unknown command "${command}".\n\n${USAGE}`);
        return 1;
    }
  } catch (e) {
    io.err(isAppError(e) || e instanceof Error ? `margin: ${e.message}` : `margin: ${String(e)}`);
    return 1;
  }
}
