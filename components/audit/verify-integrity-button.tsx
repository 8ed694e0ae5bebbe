"use client";

import * as React from "react";
import { ShieldCheck } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Alert, AlertTitle } from "@/components/ui/alert";
import { CopyButton } from "@/components/ui/copy-button";
import { verifyAuditIntegrityAction } from "@/app/(console)/audit/actions";
import type { IntegrityReport } from "@/lib/audit/verify-audit-chain";

export function VerifyIntegrityButton() {
  const [pending, startTransition] = React.useTransition();
  const [report, setReport] = React.useState<IntegrityReport | { error: string }>();

  function verify() {
    setReport(undefined);
    startTransition(async () => {
      const result = await verifyAuditIntegrityAction();
      setReport(result.ok ? result.data : { error: result.error });
    });
  }

  return (
    <div className="grid gap-3">
      <div>
        <Button variant="outline" onClick={verify} disabled={pending}>
          <ShieldCheck aria-hidden />
          {pending ? "Verifying…" : "Verify integrity"}
        </Button>
      </div>
      {report ? (
        "error" in report ? (
          <Alert variant="destructive">{report.error}</Alert>
        ) : (
          <Alert variant={report.intact ? "success" : "destructive"} data-testid="integrity-result">
            <AlertTitle>
              {report.intact ? "The audit trail is intact" : "The audit trail has been tampered with"}
            </AlertTitle>
            <p>{report.message}</p>
            {report.headHash ? (
              <>
                <p className="mt-1 text-xs text-muted-foreground">
                  Latest event #{report.headSeq}, hash{" "}
                  <code className="break-all" data-testid="audit-head-hash">
                    {report.headHash}
                  </code>
                  . Keep this hash somewhere else: it shows later whether recent events were removed.
                </p>
                <div className="mt-2">
                  <CopyButton value={report.headHash} label="Copy head hash" />
                </div>
              </>
            ) : null}
          </Alert>
        )
      ) : null}
    </div>
  );
}
