import type { ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/**
 * A card about the connection's keys or certificate on its page: the title (its heading's id is
 * made from it, e.g. "public-key-heading"), what to do at the provider, then the content, or
 * what to do while there is none yet (`missing`, shown when the content is null).
 */
export function KeyCard({
  title,
  description,
  missing,
  children,
}: {
  title: string;
  description: ReactNode;
  missing?: string;
  children: ReactNode;
}) {
  const headingId = `${title.toLowerCase().replaceAll(" ", "-")}-heading`;
  return (
    <Card aria-labelledby={headingId} className="min-w-0">
      <CardHeader>
        <CardTitle id={headingId}>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {children ?? <p className="text-sm text-muted-foreground">{missing}</p>}
      </CardContent>
    </Card>
  );
}
