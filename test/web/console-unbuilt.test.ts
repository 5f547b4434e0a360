// Issue 15: the API starts and says how to build the console when web/dist does not exist (a fresh
// checkout, a Docker image built without it), rather than crash or answer 404 at `/`.
import Fastify from 'fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import consolePlugin from '../../api/plugins/console';
import methodNotAllowedPlugin from '../../api/plugins/method-not-allowed';
import problemsPlugin from '../../api/plugins/problems';

describe('the console not built', () => {
  it('answers / with a page saying how to build it, and starts the API all the same', async () => {
    const app = Fastify();
    await app.register(methodNotAllowedPlugin);
    await app.register(problemsPlugin);
    await app.register(consolePlugin, { dir: mkdtempSync(join(tmpdir(), 'duban-no-console-')) });
    const root = await app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(root.statusCode).toBe(200);
    expect(root.body).toContain('督办工作台尚未构建');
    expect(root.body).toContain('npm run build:web');
    expect((await app.inject({ url: '/cases/x', headers: { accept: 'text/html' } })).statusCode).toBe(404);
    await app.close();
  });
});
