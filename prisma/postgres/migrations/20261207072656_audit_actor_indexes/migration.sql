-- CreateIndex
CREATE INDEX "AuditEvent_actorId_action_seq_idx" ON "AuditEvent"("actorId", "action", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_actorEmail_seq_idx" ON "AuditEvent"("actorEmail", "seq");

