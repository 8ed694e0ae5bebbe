import type { Metadata } from "next";
import Link from "next/link";
import { KeyRound, Plus } from "lucide-react";
import { PageHeader } from "@/components/layout/page-header";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ConnectionListFilters } from "@/components/connections/connection-list-filters";
import { ConnectionsTable } from "@/components/connections/connections-table";
import { ExportImportMenu } from "@/components/connections/export-import-menu";
import type { PageSearchParams } from "@/app/(console)/page-search-params";
import { requirePageUser } from "@/lib/auth/session";
import { connectionListHref, listConnections, parseConnectionListQuery } from "@/lib/connections/list-connections";

export const metadata: Metadata = { title: "Connections" };

export default async function ConnectionsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const user = await requirePageUser();
  const query = parseConnectionListQuery(await searchParams);
  const list = await listConnections(query);
  const isAdmin = user.role === "ADMIN";
  const filtered = Boolean(query.q || query.grant || query.provider || query.status);
  const newButton = isAdmin ? (
    <Link href="/connections/new" className={buttonVariants()}>
      <Plus aria-hidden />
      New connection
    </Link>
  ) : null;

  return (
    <>
      <PageHeader
        title="Connections"
        description={
          isAdmin
            ? "OAuth connections to outside APIs. Drafts are connections still being set up."
            : "OAuth connections to outside APIs (read-only)."
        }
        actions={
          <>
            <ExportImportMenu filterSearch={connectionListHref(query, 1).split("?")[1] ?? ""} isAdmin={isAdmin} />
            {newButton}
          </>
        }
      />
      {list.total === 0 && !filtered ? (
        <EmptyState
          icon={<KeyRound aria-hidden />}
          title="No connections yet"
          description={
            isAdmin
              ? "Create a connection to an OAuth provider: choose a preset or enter its endpoints, the client ID and secret, and Handshake keeps them encrypted."
              : "An admin has not created any connection yet. They appear here as soon as one exists."
          }
          action={newButton}
        />
      ) : (
        <>
          <ConnectionListFilters query={query} />
          {list.total === 0 ? (
            <EmptyState
              title="No connection matches"
              description="Try another name, or clear the filters to see every connection."
              action={
                <Link href="/connections" className={buttonVariants({ variant: "outline" })}>
                  Clear filters
                </Link>
              }
            />
          ) : (
            <>
              <ConnectionsTable rows={list.rows} canEdit={isAdmin} />
              <nav
                aria-label="Pagination"
                className="mt-4 flex items-center justify-between text-sm text-muted-foreground"
              >
                <span data-testid="connection-count">
                  {list.total === 1 ? "1 connection" : `${list.total.toLocaleString("en")} connections`} · page{" "}
                  {list.page} of {list.pageCount}
                </span>
                <span className="flex gap-2">
                  {list.page > 1 ? (
                    <Link
                      href={connectionListHref(query, list.page - 1)}
                      className={buttonVariants({ variant: "outline", size: "sm" })}
                      rel="prev"
                    >
                      Previous
                    </Link>
                  ) : null}
                  {list.page < list.pageCount ? (
                    <Link
                      href={connectionListHref(query, list.page + 1)}
                      className={buttonVariants({ variant: "outline", size: "sm" })}
                      rel="next"
                    >
                      Next page
                    </Link>
                  ) : null}
                </span>
              </nav>
            </>
          )}
        </>
      )}
    </>
  );
}
