import type { KeyObject } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getCheckpoint, listCheckpoints } from '../../shared/db/audit-checkpoints';
import { verifyAnchored } from '../../shared/db/anchored-verify';
import type { Sql } from '../../shared/db/sql';
import { PageQuerySchema, pageOf } from '../../shared/domain/reference';
import { requireRole } from '../plugins/auth';
import { notFound } from '../plugins/problems';

export interface AuditRouteDeps {
  sql: Sql;
  /** The checkpoint key's public half (DUBAN_AUDIT_PUBLIC_KEY); null leaves signatures unchecked. */
  auditPublicKey: KeyObject | null;
}

const FindingSchema = z.object({
  kind: z.enum(['edited', 'rewritten', 'truncated', 'deleted', 'forged']),
  caseId: z.string().optional(),
  seq: z.number().int().optional().describe('edited: the first event that fails its hash or link'),
  signedSeq: z.number().int().optional().describe('the head the checkpoint signed'),
  checkpointId: z.number().int().optional(),
  message: z.string(),
});

const CheckpointSchema = z.object({
  id: z.number().int(),
  at: z.string().describe('the signed time, exactly as signed'),
  root: z.string().describe('sha256 over the sorted chain heads, hex (docs/audit.md)'),
  cases: z.number().int(),
  findings: z.array(FindingSchema).describe('what this checkpoint found against the previous one'),
  signature: z.string().describe('Ed25519, base64'),
  keyId: z.string(),
});

const HeadSchema = z.object({ caseId: z.string(), seq: z.number().int(), hash: z.string() });

const VerificationSchema = z.object({
  ok: z.boolean(),
  events: z.number().int(),
  brokenAt: z.number().int().optional(),
  findings: z.array(FindingSchema),
  checkpoint: CheckpointSchema.extend({
    signatureValid: z.boolean().nullable().describe('null: the API has no public key to check it with'),
    head: HeadSchema.nullable(),
  }).nullable(),
});

/** The signed checkpoints, and each case's verification against its links and the latest of them. */
const auditRoutes: FastifyPluginAsyncZod<AuditRouteDeps> = async (app, { sql, auditPublicKey }) => {
  app.get(
    '/v1/audit/checkpoints',
    {
      schema: {
        tags: ['audit'],
        summary: 'Signed roots over every case chain head, newest first',
        querystring: PageQuerySchema,
        response: { 200: pageOf(CheckpointSchema) },
      },
    },
    async (request) => {
      requireRole(request, 'office', 'admin');
      return listCheckpoints(sql, request.query);
    },
  );

  app.get(
    '/v1/audit/checkpoints/:id',
    {
      schema: {
        tags: ['audit'],
        summary: 'One checkpoint with the chain heads it signed: the export scripts/verify-checkpoint.ts checks',
        params: z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
        response: { 200: CheckpointSchema.extend({ heads: z.array(HeadSchema) }) },
      },
    },
    async (request) => {
      requireRole(request, 'office', 'admin');
      const checkpoint = await getCheckpoint(sql, request.params.id);
      if (!checkpoint) throw notFound('checkpoint');
      return checkpoint;
    },
  );

  app.get(
    '/v1/cases/:id/events/verify',
    {
      schema: {
        tags: ['cases'],
        summary: 'Recomputes the hash chain and compares it with the latest signed checkpoint',
        params: z.object({ id: z.string().min(1).max(80) }),
        response: { 200: VerificationSchema },
      },
    },
    async (request) => {
      // Office and admin see every case; a deleted case the checkpoint still names is reported, not 404.
      requireRole(request, 'office', 'admin');
      const verification = await verifyAnchored(sql, request.params.id, auditPublicKey);
      if (!verification) throw notFound('case');
      return verification;
    },
  );
};

export default auditRoutes;
