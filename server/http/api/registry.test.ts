import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineRoute, openApiDocument, openApiPath } from "./registry.js";

const routes = [
  defineRoute({
    method: "get",
    path: "/things/:id/parts",
    tag: "things",
    summary: "A thing's parts",
    access: "public",
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), cursor: z.string().optional(), q: z.string() }),
    responses: [
      { status: 200, schema: z.object({ items: z.array(z.string()), nextCursor: z.string().nullable() }), description: "Parts." },
      { status: 200, schema: z.object({ total: z.number() }).loose(), description: "Parts as linked data.", mediaType: "application/ld+json" },
    ],
    run: async () => ({ items: [], nextCursor: null }),
  }),
  defineRoute({
    method: "post",
    path: "/things/:id/parts",
    tag: "things",
    summary: "Add a part",
    access: "user",
    body: z.object({ name: z.string().max(10) }).strict(),
    rateLimit: { policy: "parts", limiter: () => ({}) as never, key: () => "" },
    responses: [{ status: 201, schema: z.object({ id: z.string() }), description: "The part." }],
    run: async () => ({ id: "x" }),
  }),
];

describe("the OpenAPI document built from route declarations", () => {
  const doc = openApiDocument(routes, "https://margin.example", "1.0.0") as {
    servers: { url: string }[];
    paths: Record<string, Record<string, { parameters: { name: string; in: string; required: boolean }[]; responses: Record<string, { headers?: object; content: Record<string, { schema: Record<string, unknown> }> }>; requestBody?: unknown; security: unknown[] }>>;
  };

  it("names paths the OpenAPI way and puts both methods under one path", () => {
    expect(openApiPath("/sections/:id/comments/:commentId")).toBe("/sections/{id}/comments/{commentId}");
    expect(Object.keys(doc.paths)).toEqual(["/things/{id}/parts"]);
    expect(Object.keys(doc.paths["/things/{id}/parts"]!)).toEqual(["get", "post"]);
    expect(doc.servers[0]!.url).toBe("https://margin.example/api/v1");
  });

  it("marks a query parameter with a default or optional as not required, and path parameters as required", () => {
    const params = doc.paths["/things/{id}/parts"]!.get!.parameters;
    expect(params.map((p) => [p.name, p.in, p.required])).toEqual([
      ["id", "path", true],
      ["limit", "query", false],
      ["cursor", "query", false],
      ["q", "query", true],
    ]);
  });

  it("writes response schemas as closed JSON Schemas, keeps every media type of a status, and declares the errors", () => {
    const get = doc.paths["/things/{id}/parts"]!.get!;
    expect(Object.keys(get.responses["200"]!.content).sort()).toEqual(["application/json", "application/ld+json"]);
    expect(get.responses["200"]!.content["application/json"]!.schema).toMatchObject({ type: "object", additionalProperties: false, required: ["items", "nextCursor"] });
    expect(get.responses["200"]!.content["application/json"]!.schema).not.toHaveProperty("$schema");
    expect(Object.keys(get.responses)).toEqual(["200", "4XX", "5XX"]);
    expect(get.security).toEqual([]);
  });

  it("declares a write's body, its 401, 429 and the Location and RateLimit headers of its 201", () => {
    const post = doc.paths["/things/{id}/parts"]!.post!;
    expect(post.requestBody).toMatchObject({ required: true, content: { "application/json": { schema: { properties: { name: { maxLength: 10 } } } } } });
    expect(Object.keys(post.responses)).toEqual(["201", "401", "429", "4XX", "5XX"]);
    expect(Object.keys(post.responses["201"]!.headers!)).toEqual(["Location", "RateLimit-Policy", "RateLimit"]);
    expect(post.security).toEqual([{ bearer: [] }, { session: [] }]);
  });
});
