// Issue 12: `npm start` took whatever answered on 7233 for its own Temporal server, and a port held by
// another process stopped it with a bare EADDRINUSE. Each wanted port is now checked by listening on
// it: a taken default is replaced by a free port (and said so), a port a setting asked for stops the
// start with a message naming the setting, and the dev server never starts "on" another's port.
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choosePorts, freePort, portIsFree, projectRoot } from '../../scripts/lib/processes';
import { startDevServer } from '../../scripts/lib/temporal-dev-server';

/** A plain TCP listener that is not a Temporal server, as another program on the machine would be. */
const listenOn = (port: number, host: string) =>
  new Promise<Server>((resolve, reject) => {
    const server = createServer((socket) => socket.end());
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });

describe('the ports `npm start` listens on', () => {
  let taken: number;
  let other: Server;

  beforeAll(async () => {
    taken = await freePort();
    // On every address, as a server started with the defaults of most tools would be.
    other = await listenOn(taken, '0.0.0.0');
  });

  afterAll(() => new Promise<void>((resolve) => other?.close(() => resolve())));

  it('a taken port is seen as taken, on the loopback too; a free one as free', async () => {
    expect(await portIsFree(taken)).toBe(false);
    expect(await portIsFree(taken, '0.0.0.0')).toBe(false);
    expect(await portIsFree(await freePort())).toBe(true);
  });

  it('a taken default moves to a free port, says why, and no two services get the same port', async () => {
    const free = await freePort();
    const ports = await choosePorts({ api: { port: free }, temporal: { port: taken }, ui: { port: free } });
    expect(ports.api).toEqual({ port: free, wanted: free, note: null });
    expect(ports.temporal).toMatchObject({ wanted: taken, note: `${taken} is taken by another process` });
    expect(ports.temporal.port).not.toBe(taken);
    expect(ports.ui.note).toBe(`${free} is the api port`);
    expect(new Set([ports.api.port, ports.temporal.port, ports.ui.port]).size).toBe(3);
    expect(await portIsFree(ports.temporal.port)).toBe(true);
  });

  it('a port a setting asked for is never moved: taken, the start stops and names the setting', async () => {
    await expect(choosePorts({ api: { port: taken, setBy: 'PORT' } })).rejects.toThrow(
      `PORT=${taken}: that port is taken by another process; set PORT to a free port`,
    );
  });

  it('the Temporal dev server refuses a taken port instead of taking what answers there for itself', async () => {
    const logFile = join(projectRoot, '.data', 'test', 'start-ports-temporal.log');
    await expect(startDevServer({ port: taken, headless: true, logFile })).rejects.toThrow(
      `port ${taken}, wanted by the Temporal dev server, is taken by another process`,
    );
    await expect(startDevServer({ port: await freePort(), uiPort: taken, logFile })).rejects.toThrow(
      `port ${taken}, wanted by the Temporal dev server, is taken by another process`,
    );
  });
});
