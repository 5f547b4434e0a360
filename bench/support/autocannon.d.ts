// The part of autocannon 8's API the benches use (the package ships no types).
declare module 'autocannon' {
  interface Histogram {
    mean: number;
    max: number;
    p50: number;
    p90: number;
    p99: number;
  }
  interface Result {
    duration: number;
    requests: { sent: number; total: number };
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    statusCodeStats?: Record<string, { count: number }>;
  }
  interface Options {
    url: string;
    method?: string;
    headers?: Record<string, string>;
    requests?: Array<{ method?: string; body?: string; path?: string }>;
    overallRate?: number;
    connections?: number;
    duration?: number;
    amount?: number;
    timeout?: number;
    ignoreCoordinatedOmission?: boolean;
    excludeErrorStats?: boolean;
  }
  interface Instance extends PromiseLike<Result> {
    stop(): void;
  }
  function autocannon(options: Options): Instance;
  export = autocannon;
}
