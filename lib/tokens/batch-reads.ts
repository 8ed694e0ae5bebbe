/**
 * Gathers concurrent reads of different questions into one database read. A question asked while
 * no read runs is read at once, alone; questions asked while a read runs wait for the next one,
 * which starts when the running one ends and reads all of them together (identical questions
 * once). So every answer comes from a read that started after its request arrived (a key revoked
 * or a token refreshed elsewhere before that is always seen), and N concurrent requests cost at
 * most two reads, whatever they ask (#26: requests spread over 10,000 connections, where each
 * query's client, protocol and system-call cost outweighed the database's own work).
 */
import { chunksOf } from "@/lib/db/sql-rows";

/** Answers `question`, filed under `key`: requests with the same key share an answer. */
export type ReadBatcher<Q, A> = (key: string, question: Q) => Promise<A>;

type Waiting<Q, A> = { question: Q; resolve: Array<(answer: A) => void>; reject: Array<(error: unknown) => void> };

/** `readMany` answers its questions in their order; more than `maxBatch` are read in several concurrent reads. */
export function createReadBatcher<Q, A>(
  readMany: (questions: Q[]) => Promise<A[]>,
  maxBatch: number,
): ReadBatcher<Q, A> {
  let queued = new Map<string, Waiting<Q, A>>();
  let running = false;

  const readChunk = async (chunk: Waiting<Q, A>[]) => {
    try {
      const answers = await readMany(chunk.map((waiting) => waiting.question));
      chunk.forEach((waiting, i) => waiting.resolve.forEach((resolve) => resolve(answers[i]!)));
    } catch (error) {
      for (const waiting of chunk) waiting.reject.forEach((reject) => reject(error));
    }
  };

  const readQueued = () => {
    running = queued.size > 0;
    if (!running) return;
    const batch = [...queued.values()];
    queued = new Map();
    void Promise.all(chunksOf(batch, maxBatch).map(readChunk)).then(readQueued);
  };

  return (key, question) =>
    new Promise<A>((resolve, reject) => {
      let waiting = queued.get(key);
      if (!waiting) {
        waiting = { question, resolve: [], reject: [] };
        queued.set(key, waiting);
      }
      waiting.resolve.push(resolve);
      waiting.reject.push(reject);
      if (!running) readQueued();
    });
}
