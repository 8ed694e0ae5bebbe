import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { NavLinks } from "@/components/layout/nav-links";
import { MobileNav } from "@/components/layout/mobile-nav";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { ThemeToggle } from "@/components/layout/theme-toggle";
import { ROLE_LABELS } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session";

export function ConsoleShell({ user, children }: { user: SessionUser; children: React.ReactNode }) {
  return (
    <div className="min-h-screen md:grid md:grid-cols-[15rem_1fr]">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-card focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <aside className="hidden border-r bg-card md:block">
        <div className="sticky top-0 flex h-screen flex-col gap-6 p-4">
          <Link href="/connections" className="flex items-center gap-2 px-2 text-lg font-semibold">
            {/* eslint-disable-next-line @next/next/no-img-element -- a static 24px SVG needs no image optimisation */}
            <img src="/icon.svg" alt="" width={24} height={24} />
            Handshake
          </Link>
          <nav aria-label="Main">
            <NavLinks role={user.role} />
          </nav>
        </div>
      </aside>
      <div className="flex min-w-0 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b bg-background/90 px-4 backdrop-blur">
          <MobileNav role={user.role} />
          <span className="font-semibold md:hidden">Handshake</span>
          <div className="ml-auto flex items-center gap-2">
            <span className="hidden text-sm text-muted-foreground sm:inline" data-testid="current-user">
              {user.email}
            </span>
            <Badge variant="outline" data-testid="current-role">
              {ROLE_LABELS[user.role]}
            </Badge>
            <ThemeToggle />
            <SignOutButton />
          </div>
        </header>
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 p-4 sm:p-6">
          {children}
        </main>
      </div>
    </div>
  );
}
