import { getSchema } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { schema as serverSchema } from "../../../server/collab/content.js";
import { EDITOR_EXTENSIONS } from "./extensions.js";

describe("editor schema", () => {
  it("matches the server's, node for node and mark for mark", () => {
    const client = getSchema(EDITOR_EXTENSIONS);
    const shape = (s: typeof client) => ({
      nodes: Object.fromEntries(Object.entries(s.nodes).map(([k, v]) => [k, Object.keys(v.spec.attrs ?? {}).sort()])),
      marks: Object.fromEntries(Object.entries(s.marks).map(([k, v]) => [k, Object.keys(v.spec.attrs ?? {}).sort()])),
    });
    expect(shape(client)).toEqual(shape(serverSchema));
  });
});
