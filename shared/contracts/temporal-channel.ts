/**
 * gRPC channel settings for duban's Temporal clients (the API's, the worker's sweeper and dispatch
 * client). gRPC's default reconnect backoff grows to two minutes, so after an outage a client may
 * keep failing long after Temporal is back: reports accepted meanwhile then wait on the sweeper.
 * Reconnecting within seconds lets the API start them itself again (docs/intake.md).
 */
export const TEMPORAL_CHANNEL_ARGS = {
  'grpc.initial_reconnect_backoff_ms': 500,
  'grpc.max_reconnect_backoff_ms': 5_000,
} as const;
