// The response checker must be able to fail: a response whose status or body the document does
// not describe is reported.
import swagger from '@fastify/swagger';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openApiOptions } from '../../api/openapi';
import { watchResponsesAgainstOpenApi } from './openapi-contract';

async function appWithOneRoute() {
  // The handler is typed loosely: a typed reply would refuse the very mistakes made here on purpose.
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(swagger, openApiOptions);
  const handler = (request: FastifyRequest, reply: FastifyReply) => {
    const mode = (request.query as { mode?: string }).mode;
    if (mode === 'undocumented') return reply.code(202).send({ n: 1 });
    if (mode === 'wrong-problem') return reply.code(418).type('application/problem+json').send({ nope: true });
    return reply.send({ n: 1 });
  };
  app.get('/v1/thing', { schema: { response: { 200: z.object({ n: z.number() }) } } }, handler);
  return app;
}

describe('the OpenAPI response checker of the test harness', () => {
  it('passes a documented response', async () => {
    const app = await appWithOneRoute();
    const violations = watchResponsesAgainstOpenApi(app);
    await app.inject({ url: '/v1/thing' });
    expect(violations).toEqual([]);
  });

  it('reports an undocumented status and a problem body of the wrong shape', async () => {
    const app = await appWithOneRoute();
    const violations = watchResponsesAgainstOpenApi(app);
    await app.inject({ url: '/v1/thing?mode=undocumented' });
    await app.inject({ url: '/v1/thing?mode=wrong-problem' });
    expect(violations).toHaveLength(2);
    expect(violations[0]).toContain('202: status not documented');
    expect(violations[1]).toContain('418');
  });
});
