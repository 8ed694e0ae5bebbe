/**
 * Shares one database read among concurrent requests that ask the same question, without ever
 * answering a request with a read that started before it arrived: a request that finds a read of
 * its question running waits for the next one, which starts when the running one ends and serves
 * everyone who queued meanwhile. So a key revoked (or a token refreshed elsewhere) before a
 * request arrived is always seen by that request, and a burst of N requests costs two reads.
 */
type Slot<T> = { running?: Promise<T>; queued?: Promise<T> };

export type ReadCoalescer<T> = (question: string, read: () => Promise<T>) => Promise<T>;

export function createReadCoalescer<T>(): ReadCoalescer<T> {
  const slots = new Map<string, Slot<T>>();

  const start = (question: string, slot: Slot<T>, read: () => Promise<T>): Promise<T> => {
    const running: Promise<T> = read().finally(() => {
      if (slot.running !== running) return;
      slot.running = undefined;
      if (!slot.queued) slots.delete(question);
    });
    slot.running = running;
    return running;
  };

  return (question, read) => {
    let slot = slots.get(question);
    if (!slot) {
      slot = {};
      slots.set(question, slot);
    }
    // Not started yet, so it starts after this request arrived.
    if (slot.queued) return slot.queued;
    if (!slot.running) return start(question, slot, read);
    const current = slot;
    const queued = current
      .running!.then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        current.queued = undefined;
        return start(question, current, read);
      });
    current.queued = queued;
    return queued;
  };
}
