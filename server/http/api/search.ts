import { SearchQuerySchema } from "../../domain/schemas.js";
import { searchSite, snippetHtml } from "../../domain/search/index.js";
import { SearchResultsSchema } from "../../presenters/wire.js";
import type { Services } from "../context.js";
import { parseQuery } from "./handler.js";
import { numericCursor } from "./paging.js";
import { defineRoute, type ApiRoute } from "./registry.js";

/** Search takes the API's cursor too (the next page's number, as a string), besides its older `page`. */
const ApiSearchQuerySchema = SearchQuerySchema.safeExtend({
  cursor: numericCursor(1).optional().describe("The next page's cursor, as `nextCursor` gave it."),
});

/**
 * /search?q=: what the anonymous public may read, whoever asks (a token or a session
 * sees no more). Pages hold 20 results; `nextCursor` (and the older `nextPage`) is null
 * on the last. Snippets come as HTML with the text escaped and the matches in <mark>.
 */
export function searchRoutes(services: Services): ApiRoute[] {
  const { db } = services;
  return [
    defineRoute({
      method: "get",
      path: "/search",
      tag: "search",
      summary: "Search what the public may read",
      access: "public",
      query: ApiSearchQuerySchema,
      responses: [{ status: 200, schema: SearchResultsSchema, description: "A page of results." }],
      async run({ req, query }) {
        // The cursor is the page's number: read again as `page`, under the same limits.
        const q = query.cursor === undefined ? query : parseQuery(SearchQuerySchema, { ...req.query, page: String(query.cursor) });
        const found = await searchSite(db, q);
        // searchSite fetched one row beyond the page (the paging rule of paging.ts): a next page exists only if it came back.
        const nextPage = found.hasNext ? q.page + 1 : null;
        return {
          query: q.q,
          words: found.words,
          ignoredWords: found.dropped,
          total: found.total,
          totalIsLowerBound: found.capped,
          page: q.page,
          pageSize: found.pageSize,
          nextPage,
          nextCursor: nextPage === null ? null : String(nextPage),
          items: found.items.map((i) => ({
            kind: i.kind,
            url: i.href,
            title: i.title.map((p) => p.text).join(""),
            titleHtml: snippetHtml(i.title),
            snippet: i.snippet.map((p) => p.text).join(""),
            snippetHtml: snippetHtml(i.snippet),
            at: i.at,
            lang: i.lang,
            reply: i.reply,
            consultation: i.consultation,
          })),
        };
      },
    }),
  ];
}
