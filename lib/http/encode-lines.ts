/** About what a chunk of an export holds: large enough to write few times, small enough to hold a few. */
const CHUNK_BYTES = 64 * 1024;

/**
 * Lines in UTF-8, each ended by `end`, in chunks of about `chunkBytes`. Each line is written into its
 * chunk by Buffer#write: joining the lines first and encoding the text cost fourteen times as much
 * (#26: the CSV lines of 800,000 audit events on SQLite, 6.2 s against 0.45 s).
 */
export function encodeLines(lines: readonly string[], end: string, chunkBytes = CHUNK_BYTES): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  // Allocated for the first line: no lines, no memory.
  let chunk = Buffer.alloc(0);
  let used = 0;
  for (const line of lines) {
    // UTF-8 takes at most three bytes for each UTF-16 unit (four for a surrogate pair's two).
    const most = (line.length + end.length) * 3;
    if (used + most > chunk.length) {
      if (used > 0) chunks.push(chunk.subarray(0, used));
      chunk = Buffer.allocUnsafe(Math.max(chunkBytes, most));
      used = 0;
    }
    used += chunk.write(line, used);
    used += chunk.write(end, used);
  }
  if (used > 0) chunks.push(chunk.subarray(0, used));
  return chunks;
}
