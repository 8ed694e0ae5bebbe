import type { ChildProcess } from "node:child_process";

/**
 * Stops a console a bench started and waits for it to exit. On the way out it closes its database
 * (SQLite checkpoints its write-ahead log), which must not overlap what the bench times next.
 */
export async function stopConsole(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}
