// Fixed-rate HTTP load, two ways, both bounded in count and time.
//
// autocannon with `overallRate`: what most people reach for. Each connection may send `rate /
// connections` requests per one-second window, all windows start together, and a connection waits
// for its answer before it sends again: arrivals come in a burst at the top of every second, and
// the loop closes once latency × rate exceeds the connections. Its coordinated-omission correction
// records `ceil(1 / rate)` = 1 ms as the expected interval, which back-fills a 50 ms answer with 49
// synthetic samples and halves every percentile, so it is switched off here (`ignoreCoordinatedOmission`).
//
// paced: a true open loop. Request i is due at start + i / rate whatever happened before it, and its
// latency counts from when it was due, so a slow server cannot slow the arrivals down.
import autocannon from 'autocannon';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { round, summarize, type LatencySummary } from './stats';

export interface Target {
  url: string;
  headers: Record<string, string>;
  /** Request bodies, used in turn. */
  bodies: string[];
}

export interface LoadResult {
  generator: 'autocannon' | 'paced';
  offeredRate: number;
  seconds: number;
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** 2xx answers per second of the run. */
  throughput: number;
  /** Of the 2xx answers, in ms. */
  latency: LatencySummary;
  statuses: Record<string, number>;
  /** Most requests in flight at once (paced only; autocannon: its connection count). */
  maxInFlight: number;
}

export async function autocannonLoad(
  target: Target,
  rate: number,
  seconds: number,
  connections: number,
): Promise<LoadResult> {
  const instance = autocannon({
    url: target.url,
    method: 'POST',
    headers: target.headers,
    requests: target.bodies.map((body) => ({ method: 'POST', body })),
    overallRate: rate,
    connections: Math.min(connections, rate),
    duration: seconds,
    timeout: 30,
    ignoreCoordinatedOmission: true,
    excludeErrorStats: true,
  });
  // The duration bounds the run; this guards against a client that never answers.
  const guard = setTimeout(() => instance.stop(), (seconds + 45) * 1000);
  const result = await instance;
  clearTimeout(guard);
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count]),
  );
  const ok = result['2xx'];
  return {
    generator: 'autocannon',
    offeredRate: rate,
    seconds: round(result.duration, 1),
    sent: result.requests.sent,
    ok,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    throughput: round(ok / result.duration, 1),
    latency: {
      n: ok,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p95: Number.NaN,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: round(result.latency.mean),
    },
    statuses,
    maxInFlight: Math.min(connections, rate),
  };
}

export async function pacedLoad(
  target: Target,
  rate: number,
  seconds: number,
  maxInFlight = 2000,
): Promise<LoadResult> {
  const url = new URL(target.url);
  const agent = new Agent({ keepAlive: true, maxSockets: maxInFlight });
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let inFlight = 0;
  let peak = 0;
  let sent = 0;
  const started = performance.now();
  let lastAnswer = started;

  const send = (body: string, due: number) =>
    new Promise<void>((resolve) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { ...target.headers, 'content-length': Buffer.byteLength(body) },
          timeout: 30_000,
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            inFlight--;
            const code = String(res.statusCode);
            statuses[code] = (statuses[code] ?? 0) + 1;
            lastAnswer = performance.now();
            if (res.statusCode! >= 200 && res.statusCode! < 300) latencies.push(lastAnswer - due);
            resolve();
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        inFlight--;
        errors++;
        resolve();
      });
      req.end(body);
    });

  const pending: Promise<void>[] = [];
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      // Send every request that is due by now (timers are coarse); each keeps its own due time.
      while (sent < total && started + (sent * 1000) / rate <= now) {
        const due = started + (sent * 1000) / rate;
        if (inFlight >= maxInFlight) {
          errors++;
        } else {
          pending.push(send(target.bodies[sent % target.bodies.length]!, due));
        }
        sent++;
      }
      if (sent >= total) resolve();
      else setTimeout(tick, Math.max(0, Math.min(5, started + (sent * 1000) / rate - performance.now())));
    };
    tick();
  });
  const drain = new Promise((resolve) => setTimeout(resolve, 45_000));
  await Promise.race([Promise.all(pending), drain]);
  agent.destroy();
  const duration = (performance.now() - started) / 1000;
  const ok = latencies.length;
  return {
    generator: 'paced',
    offeredRate: rate,
    seconds: round(duration, 1),
    sent,
    ok,
    non2xx: Object.entries(statuses)
      .filter(([code]) => !code.startsWith('2'))
      .reduce((sum, [, n]) => sum + n, 0),
    errors: errors + inFlight,
    // Answers per second until the last answer: what the system absorbed at this offered rate.
    throughput: round(ok / Math.max(seconds, (lastAnswer - started) / 1000), 1),
    latency: summarize(latencies),
    statuses,
    maxInFlight: peak,
  };
}
