import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { caseWorkflowId, dispatchUpdate } from '../shared/contracts/case';
import type { ClaimedCase, DispatchBatchHeader, DispatchOutcome } from '../shared/contracts/dispatch';
import type { Actor } from '../shared/domain/actor';
import type { Sql } from '../shared/db/sql';
import { claimForUrgentBatch, listBatchCases, openBatch, recordOutcome, sealBatch } from '../shared/db/dispatch-store';

export interface DispatchDeps {
  sql: Sql;
  /** Updates cannot be sent from a workflow, so the batch's per-case `dispatch` goes through here. */
  client?: Client;
}

/** Why a case workflow refused (or could not take) the dispatch; null when the error is worth a retry. */
function refusalOf(error: unknown): string | null {
  if (error instanceof WorkflowUpdateFailedError) {
    return error.cause instanceof ApplicationFailure ? (error.cause.type ?? 'REFUSED') : 'REFUSED';
  }
  if (error instanceof WorkflowNotFoundError) return 'CASE_NOT_FOUND';
  return null;
}

export function createDispatchActivities({ sql, client }: DispatchDeps) {
  return {
    async openDispatchBatch(input: { batchId: string; requestedBy: Actor; at: string }): Promise<DispatchBatchHeader> {
      return sql.begin((tx) =>
        openBatch(tx, { id: input.batchId, kind: 'batch', requestedBy: input.requestedBy, at: input.at }),
      );
    },

    async sealDispatchBatch({ batchId }: { batchId: string }): Promise<ClaimedCase[]> {
      return sealBatch(sql, batchId);
    },

    /** An urgent case never waits for a batch: it gets a one-case batch of its own at intake. */
    async openUrgentDispatch(input: {
      caseId: string;
      lead: string;
      requestedBy: Actor;
      at: string;
    }): Promise<DispatchBatchHeader> {
      const batchId = `urgent-${input.caseId}`;
      return sql.begin(async (tx) => {
        const header = await openBatch(tx, {
          id: batchId,
          kind: 'urgent',
          requestedBy: input.requestedBy,
          at: input.at,
        });
        await claimForUrgentBatch(tx, batchId, { caseId: input.caseId, lead: input.lead });
        return header;
      });
    },

    /**
     * Sends the case its `dispatch` update. Idempotent: the update id is the batch's, and the case
     * answers a batch that already dispatched it with its state; any other refusal skips the case.
     */
    async dispatchCase(input: {
      batchId: string;
      batchNumber: number;
      caseId: string;
      actor: Actor;
    }): Promise<DispatchOutcome> {
      if (!client) throw ApplicationFailure.nonRetryable('the worker was built without a Temporal client', 'NO_CLIENT');
      const { batchId, batchNumber, caseId, actor } = input;
      const claimed = (await listBatchCases(sql, batchId)).find((c) => c.caseId === caseId);
      if (!claimed) throw ApplicationFailure.nonRetryable(`case ${caseId} is not on batch ${batchId}`, 'NOT_ON_BATCH');
      let outcome: DispatchOutcome;
      try {
        const state = await client.workflow
          .getHandle(caseWorkflowId(caseId))
          .executeUpdate(dispatchUpdate, { args: [{ actor, batchId, batchNumber }], updateId: `dispatch-${batchId}` });
        outcome = { caseId, lead: state.lead ?? claimed.lead, outcome: 'dispatched' };
      } catch (error) {
        const reason = refusalOf(error);
        if (reason === null) throw error;
        outcome = { caseId, lead: claimed.lead, outcome: 'skipped', reason };
      }
      await recordOutcome(sql, batchId, caseId, outcome.outcome === 'dispatched' ? 'dispatched' : outcome.reason);
      return outcome;
    },
  };
}
