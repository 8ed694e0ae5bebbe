/**
 * A promise a test opens by hand: one request waits on `opened` at a known point while the test
 * lets another one run, so an interleaving is forced rather than hoped for.
 */
export function gate(): { open: () => void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}
