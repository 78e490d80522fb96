/**
 * One command at a time per stream, in arrival order; commands on different streams run (and are group-committed)
 * together. Two commands on one stream decided at once would both expect the same revision and one would have to
 * read, fold and decide again; taking turns costs the second only the wait for the first's commit.
 */
export class StreamTurns {
  private readonly tails = new Map<string, Promise<void>>();

  take<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(streamId);
    const result = previous ? previous.then(work) : work();
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(streamId, tail);
    // the map keeps only streams with a command still running
    void tail.then(() => {
      if (this.tails.get(streamId) === tail) this.tails.delete(streamId);
    });
    return result;
  }
}
