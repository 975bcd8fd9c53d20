/**
 * A small HTTP client that behaves like one browser: it keeps cookies, sends
 * our Origin on writes, and does not follow redirects (tests look at them).
 */
export class Browser {
  private cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  /** The Cookie header this browser sends (for clients other than fetch, such as an event stream). */
  cookieHeader(): string {
    return this.header();
  }

  private header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0$/i.test(a)) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(this.base + path, { redirect: "manual", headers: { cookie: this.header(), ...headers } });
    this.remember(res);
    return res;
  }

  async post(path: string, body: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(this.base + path, {
      method: "POST",
      redirect: "manual",
      body,
      headers: { cookie: this.header(), origin: this.base, ...headers },
    });
    this.remember(res);
    return res;
  }

  /** Submits a web form; arrays become repeated fields. */
  postForm(path: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<Response> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
    return this.post(path, body, headers);
  }

  async signUp(fields: Partial<Record<"email" | "password" | "displayName" | "organisation" | "stakeholderGroup", string>> = {}) {
    const email = fields.email ?? `user-${Math.random().toString(36).slice(2, 10)}@example.org`;
    const res = await this.postForm("/signup", {
      email,
      password: fields.password ?? "correct horse battery",
      displayName: fields.displayName ?? "Test User",
      organisation: fields.organisation ?? "Test Org",
      stakeholderGroup: fields.stakeholderGroup ?? "industry",
      consent: "yes",
    });
    if (res.status !== 302) throw new Error(`sign-up failed with ${res.status}: ${await res.text()}`);
    // A sign-up answers alike for new and taken addresses, so it signs no one in: sign in as a person would.
    const signedIn = await this.signIn(email, fields.password ?? "correct horse battery");
    if (signedIn.status !== 302) throw new Error(`sign-in after sign-up failed with ${signedIn.status}: ${await signedIn.text()}`);
    return email;
  }

  async signIn(email: string, password: string): Promise<Response> {
    return this.postForm("/login", { email, password });
  }
}

/** An open server-sent event stream (as a page's EventSource would hold). */
export interface EventStream {
  response: Response;
  /** Resolves with everything received once the stream has carried `text` (or ended). */
  until(text: string): Promise<string>;
  close(): void;
}

export async function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal, headers });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let seen = "";
  return {
    response,
    async until(text) {
      while (!seen.includes(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        seen += decoder.decode(value, { stream: true });
      }
      return seen;
    },
    close: () => controller.abort(),
  };
}
