"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { KeyRound, ScrollText, Users, Gauge, KeySquare, Bell, UserRound, LogIn } from "lucide-react";
import { cn } from "@/lib/utils";
import type { Role } from "@/lib/auth/roles";

const LINKS = [
  { href: "/connections", label: "Connections", icon: KeyRound, role: "AUDITOR" },
  { href: "/inventory", label: "Inventory", icon: Gauge, role: "AUDITOR" },
  { href: "/audit", label: "Audit", icon: ScrollText, role: "AUDITOR" },
  { href: "/api-keys", label: "API keys", icon: KeySquare, role: "AUDITOR" },
  { href: "/notifications", label: "Notifications", icon: Bell, role: "AUDITOR" },
  { href: "/users", label: "Users", icon: Users, role: "ADMIN" },
  { href: "/sign-in-settings", label: "Sign-in settings", icon: LogIn, role: "ADMIN" },
  { href: "/account", label: "Account", icon: UserRound, role: "AUDITOR" },
] as const satisfies ReadonlyArray<{ href: string; label: string; icon: unknown; role: Role }>;

export function NavLinks({ role, onNavigate }: { role: Role; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <ul className="grid gap-1">
      {LINKS.filter((l) => l.role === "AUDITOR" || role === "ADMIN").map(({ href, label, icon: Icon }) => {
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <li key={href}>
            <Link
              href={href}
              onClick={onNavigate}
              aria-current={active ? "page" : undefined}
              className={cn(
                "flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-muted-foreground hover:bg-accent hover:text-accent-foreground",
                active && "bg-accent text-accent-foreground",
              )}
            >
              <Icon className="size-4" aria-hidden />
              {label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
