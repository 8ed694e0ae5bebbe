"use server";

import { getConfig } from "@/lib/config/env";
import { ok, runAction, type ActionResult } from "@/lib/actions/action-result";
import { describeVerification, verifyAuditChain, type IntegrityReport } from "@/lib/audit/verify-audit-chain";

export async function verifyAuditIntegrityAction(): Promise<ActionResult<IntegrityReport>> {
  return runAction("AUDITOR", async () => {
    const result = await verifyAuditChain({ key: getConfig().auditKey });
    const message = describeVerification(result);
    return ok(
      result.ok
        ? { intact: true, message, headSeq: result.headSeq ?? undefined, headHash: result.headHash }
        : { intact: false, message },
    );
  });
}
