/** A first-come, first-served lock for async work in one process. */
export class SerialLock {
  #tail: Promise<void> = Promise.resolve();

  /** Resolves with a release function once every earlier holder has released; releasing twice is harmless. */
  acquire(): Promise<() => void> {
    let open!: () => void;
    const released = new Promise<void>((resolve) => (open = resolve));
    const turn = this.#tail;
    this.#tail = turn.then(() => released);
    return turn.then(() => {
      let done = false;
      return () => {
        if (done) return;
        done = true;
        open();
      };
    });
  }

  async runExclusive<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}
