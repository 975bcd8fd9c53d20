/**
 * The commits of a document's accepted updates that are not yet applied.
 * `settled()` waits for all of them, not only the latest: the group committer
 * happens to resolve in append order, but nothing here relies on that.
 */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  /** Tracks `commit` (which must not reject: it handles its own failure) until it settles. */
  add(commit: Promise<void>): void {
    this.pending.add(commit);
    const done = () => void this.pending.delete(commit);
    commit.then(done, done);
  }

  /** Waits for the commits added up to now (not for ones added meanwhile, which could go on forever). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}
