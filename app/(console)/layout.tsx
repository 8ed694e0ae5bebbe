import { redirect } from "next/navigation";
import { ConsoleShell } from "@/components/layout/console-shell";
import { requirePageUser } from "@/lib/auth/session";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  if (user.mustChangePassword) redirect("/change-password");
  return <ConsoleShell user={user}>{children}</ConsoleShell>;
}
