// Workflow histories to and from Temporal's JSON format (as `temporal workflow show -o json` writes).
// @temporalio/common's historyToJSON/historyFromJSON fail in this dependency tree ("type must be a
// Type"): common and proto each carry their own protobufjs 8, and protojson refuses a Type built by
// the other copy. The same conversion through the copy that built the History type works.
import type * as protoModule from '@temporalio/proto';
import { createRequire } from 'node:module';

type History = protoModule.temporal.api.history.v1.History;

interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options?: { ignoreUnknownFields?: boolean }): unknown;
}

// Loaded through Node's own require, so test runners that rewrap ES namespaces see the same objects.
const load = createRequire(__filename);
const proto = load('@temporalio/proto') as typeof protoModule;
const { patchProtobufRoot } = load('@temporalio/proto/lib/patch-protobuf-root') as {
  patchProtobufRoot(this: void, root: unknown): { lookupType(name: string): unknown };
};
const protojson = createRequire(load.resolve('@temporalio/proto'))('protobufjs/ext/protojson') as ProtoJson;
const historyType = patchProtobufRoot(proto).lookupType('temporal.api.history.v1.History');

export function historyToJSON(history: protoModule.temporal.api.history.v1.IHistory): string {
  const message = proto.temporal.api.history.v1.History.fromObject(history);
  return `${JSON.stringify(protojson.toJson(historyType, message), null, 2)}\n`;
}

/** A History message, which replay takes as it is (its event ids are Longs, not JSON strings). */
export function historyFromJSON(json: string): History {
  const loaded = protojson.fromJson(historyType, JSON.parse(json), { ignoreUnknownFields: true });
  if (loaded === null) throw new TypeError('not a workflow history');
  return loaded as History;
}
