import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { ApiReferenceView } from "@/components/api-reference/api-reference-view";
import { requirePageUser } from "@/lib/auth/session";
import { getConfig } from "@/lib/config/env";
import { buildOpenApiDocument } from "@/lib/tokens/openapi-document";
import { readApiReference } from "@/lib/tokens/openapi-reference";

export const metadata: Metadata = { title: "API reference" };

/** For every signed-in user: the document /api/v1/openapi.json serves, readable. */
export default async function ApiReferencePage() {
  await requirePageUser();
  const reference = readApiReference(buildOpenApiDocument(getConfig().appUrl));
  return (
    <>
      <PageHeader
        title="API reference"
        description={
          <>
            {reference.title} {reference.version}, from the same document as{" "}
            <a href="/api/v1/openapi.json" className="underline">
              /api/v1/openapi.json
            </a>
            .
          </>
        }
      />
      <ApiReferenceView reference={reference} />
    </>
  );
}
