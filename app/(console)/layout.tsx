import { ConsoleShell } from "@/components/layout/console-shell";
import { requirePageUser } from "@/lib/auth/session";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  // requirePageUser sends a user with a one-time password to /change-password.
  const user = await requirePageUser();
  return <ConsoleShell user={user}>{children}</ConsoleShell>;
}
