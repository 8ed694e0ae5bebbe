import Link from "next/link";
import { ScrollText } from "lucide-react";
import { buttonVariants } from "@/components/ui/button";

/** Opens the Audit page filtered to one connection's history; for the connection detail page. */
export function ConnectionAuditLink({ connectionId, className }: { connectionId: string; className?: string }) {
  return (
    <Link
      href={`/audit?connection=${encodeURIComponent(connectionId)}`}
      className={buttonVariants({ variant: "outline", size: "sm", className })}
    >
      <ScrollText aria-hidden />
      Audit history
    </Link>
  );
}
