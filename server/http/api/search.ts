import type { Router } from "express";
import { SearchQuerySchema } from "../../domain/schemas.js";
import { searchSite, snippetHtml } from "../../domain/search/index.js";
import type { Services } from "../context.js";
import { parseQuery, route } from "./handler.js";

/**
 * /search?q=: what the anonymous public may read, whoever asks (a token or a session
 * sees no more). Pages are numbered (`page`, 20 results each); `nextPage` is null on
 * the last. Snippets come as HTML with the text escaped and the matches in <mark>.
 */
export function searchRoutes(router: Router, services: Services): void {
  const { db } = services;

  router.get(
    "/search",
    route(services, async (req) => {
      const q = parseQuery(SearchQuerySchema, req.query);
      const found = await searchSite(db, q);
      return {
        query: q.q,
        words: found.words,
        ignoredWords: found.dropped,
        total: found.total,
        totalIsLowerBound: found.capped,
        page: q.page,
        pageSize: found.pageSize,
        // searchSite fetched one row beyond the page (the paging rule of paging.ts): a next page exists only if it came back.
        nextPage: found.hasNext ? q.page + 1 : null,
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
    }),
  );
}
