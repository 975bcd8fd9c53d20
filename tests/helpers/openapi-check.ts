import Ajv2020, { type ValidateFunction } from "ajv/dist/2020.js";

type Json = Record<string, unknown>;

/** One response as a client received it. */
export interface ObservedResponse {
  method: string;
  /** The path under the server, /api/v1/… */
  path: string;
  status: number;
  contentType: string | null;
  body: unknown;
}

interface Operation {
  responses: Record<string, { content?: Record<string, { schema: Json }> }>;
}

/**
 * Checks responses against an OpenAPI 3.1 document: the operation of the method and path,
 * a response declared for the status (exact, then `4XX`-style, then `default`), its media
 * type, and the body against its JSON Schema (draft 2020-12, with ajv).
 */
export function createResponseChecker(doc: Json) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const compiled = new Map<Json, ValidateFunction>();
  const server = new URL(String((doc.servers as { url: string }[])[0]!.url), "http://x").pathname.replace(/\/$/, "");
  const paths = Object.entries(doc.paths as Record<string, Record<string, Operation>>).map(([template, ops]) => ({
    template,
    ops,
    // Literal segments first: /ledger/checkpoints/latest before /ledger/checkpoints/{seq}.
    params: (template.match(/\{/g) ?? []).length,
    pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`),
  }));
  paths.sort((a, b) => a.params - b.params);

  return function check(r: ObservedResponse): string[] {
    const where = `${r.method} ${r.path} → ${r.status}`;
    if (r.method === "OPTIONS") return [];
    const sub = r.path.startsWith(server) ? r.path.slice(server.length) : r.path;
    const path = paths.find((p) => p.pattern.test(sub));
    let op: Operation | undefined = path?.ops[r.method.toLowerCase()];
    if (!op && r.method === "HEAD") op = path?.ops.get;
    if (!op) {
      // Outside its operations the API only refuses: 405 for a method a path does not take, 404 for an unknown
      // path, or a guard's refusal (a bad address, a wrong host), each as the error body.
      if (path && r.status !== 405) return [`${where}: the path does not take ${r.method}, so 405 was expected`];
      if (r.status < 400) return [`${where}: not an operation of the document, yet it succeeded`];
      op = { responses: { [String(r.status)]: anyOperationError(doc) } };
    }
    const declared = op.responses[String(r.status)] ?? op.responses[`${String(r.status)[0]}XX`] ?? op.responses.default;
    if (!declared) return [`${where}: status not declared (declared: ${Object.keys(op.responses).join(", ")})`];
    if (r.method === "HEAD" || !declared.content) return [];
    const media = (r.contentType ?? "").split(";")[0]!.trim().toLowerCase();
    const content = declared.content[media];
    if (!content) return [`${where}: media type ${media || "(none)"} not declared (declared: ${Object.keys(declared.content).join(", ")})`];
    let validate = compiled.get(content.schema);
    if (!validate) {
      validate = ajv.compile(content.schema);
      compiled.set(content.schema, validate);
    }
    if (validate(r.body)) return [];
    return [`${where}: body does not match the schema: ${ajv.errorsText(validate.errors, { separator: "; " })}`];
  };
}

/** The error response every operation declares (its `4XX`), for answers outside the operations. */
function anyOperationError(doc: Json) {
  for (const ops of Object.values(doc.paths as Record<string, Record<string, Operation>>)) {
    for (const op of Object.values(ops)) if (op.responses["4XX"]) return op.responses["4XX"];
  }
  throw new Error("the document declares no 4XX response");
}
