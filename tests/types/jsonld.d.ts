// The jsonld package ships no types; the tests use expand() with a document loader only.
declare module "jsonld" {
  interface RemoteDocument {
    contextUrl: string | null;
    document: unknown;
    documentUrl: string;
  }
  interface ExpandOptions {
    documentLoader?: (url: string) => Promise<RemoteDocument>;
    /** Fail instead of dropping what the context does not define. */
    safe?: boolean;
  }
  const jsonld: { expand(input: unknown, options?: ExpandOptions): Promise<Record<string, unknown>[]> };
  export default jsonld;
}
