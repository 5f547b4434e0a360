// The index `verdict` walks, built once per published rule set and never added to afterwards, so its
// size is bounded by the rule set and the locality tree. Categories, localities and kinds become
// small integers; rules are found by their position in the set. What a decision reads sits in flat
// typed arrays: the locality's chain, the rules that match its cases whatever the category (per kind,
// most specific first: its tail), the category's own rules, and a table of the (category, locality)
// pairs that have category+locality rules. Each rule's lead, co-handlers and candidate entry are
// kept ready, so a decision resolves them without looking at strings.
import { CASE_KINDS } from '../domain/enums';
import type { CompiledRule } from './compile';
import type { LocalityNode } from './locality-tree';
import { coverageOf, PairTable } from './pair-table';
import type { HandlerSpec, RoutingCandidate, RoutingCategory } from './types';

/** One slot per case kind, one for a kind no rule can name, then the slot of the kind wildcard. */
export const KIND_SLOTS = CASE_KINDS.length + 1;
export const ANY_KIND = KIND_SLOTS;
/** Rule positions per group of identical category and locality matchers: one per kind slot. */
export const GROUP = KIND_SLOTS + 1;

/** A module's own copy: an imported binding may compile to a getter call (see verdict.ts). */
const KIND_NAMES: readonly string[] = [...CASE_KINDS];

export function kindSlot(kind: string): number {
  // Four comparisons, most often of the very same string, cost less than a lookup.
  for (let slot = 0; slot < KIND_NAMES.length; slot++) if (KIND_NAMES[slot] === kind) return slot;
  return KIND_NAMES.length;
}

/** How a rule's lead resolves: the category's owner, the locality's governing unit, or a fixed unit. */
export const LEAD_OWNER = 0;
export const LEAD_LOCALITY = 1;
export const LEAD_UNIT = 2;

/** Indexed as each field says; a rule position of -1 means no rule. */
export interface FastIndex {
  readonly categoryIds: ReadonlyMap<string, number>;
  readonly localityIds: ReadonlyMap<string, number>;
  /** By category id: its business owner's unit id, or null. */
  readonly owners: readonly (string | null)[];
  /** By locality id: the governing unit of the nearest locality at or above it, or null. */
  readonly governing: readonly (string | null)[];
  /** The locality first, then its ancestors up to the root, -1 after: `localityId * chainStride + i`. */
  readonly chains: Int32Array;
  readonly chainStride: number;
  /** Rules naming the category and no locality: `categoryId * GROUP + kind slot` (`ANY_KIND` last). */
  readonly categoryRules: Int32Array;
  /** Where a category has category+locality rules, and at or above which localities (see `coverageOf`). */
  readonly coverageOffsets: Int32Array;
  readonly marks: Uint32Array;
  readonly coverage: Uint32Array;
  /** (category id, locality id) → the offset in `pairRules` of its group of category+locality rules. */
  readonly pairs: PairTable;
  readonly pairRules: Int32Array;
  /** The rules matching whatever the category, most specific first: `tails[tailStarts[at]..tailStarts[at + 1]]` with `at = localityId * KIND_SLOTS + kind slot`. */
  readonly tailStarts: Int32Array;
  readonly tails: Int32Array;
  /** By rule position. */
  readonly leadKinds: Uint8Array;
  readonly leadUnits: readonly (string | null)[];
  /** Its co-handlers, resolved like leads: `coHandlerKinds[i]`, `coHandlerUnits[i]` for `i` from `coHandlerStarts[position]` to `coHandlerStarts[position + 1]`. */
  readonly coHandlerStarts: Int32Array;
  readonly coHandlerKinds: Uint8Array;
  readonly coHandlerUnits: readonly (string | null)[];
  readonly ruleIds: readonly string[];
  /** Frozen, shared by every decision that lists the rule. */
  readonly candidates: readonly Readonly<RoutingCandidate>[];
  /** Where a decision collects its matching rules' positions: large enough for any locality's. */
  readonly scratch: Int32Array;
}

export function buildFastIndex(
  rules: readonly CompiledRule[],
  categories: ReadonlyMap<string, RoutingCategory>,
  localities: ReadonlyMap<string, LocalityNode>,
): FastIndex {
  const categoryIds = idsOf(categories.keys());
  const localityIds = idsOf(localities.keys());
  const categoryRules = new Int32Array(categoryIds.size * GROUP).fill(-1);
  const localityRules = new Int32Array(localityIds.size * GROUP).fill(-1);
  const defaultRules = new Int32Array(GROUP).fill(-1);
  const pairGroups = new Map<string, [categoryId: number, localityId: number, group: number[]]>();
  for (const entry of rules) {
    const { category, locality, kind } = entry.rule;
    const slot = kind == null ? ANY_KIND : kindSlot(kind);
    const categoryId = category == null ? -1 : categoryIds.get(category)!;
    const localityId = locality == null ? -1 : localityIds.get(locality)!;
    if (categoryId >= 0 && localityId >= 0) {
      const key = `${categoryId} ${localityId}`;
      const pair = pairGroups.get(key) ?? [categoryId, localityId, new Array<number>(GROUP).fill(-1)];
      pairGroups.set(key, pair);
      pair[2][slot] = entry.position;
    } else if (categoryId >= 0) categoryRules[categoryId * GROUP + slot] = entry.position;
    else if (localityId >= 0) localityRules[localityId * GROUP + slot] = entry.position;
    else defaultRules[slot] = entry.position;
  }
  const groups = [...pairGroups.values()];
  const pairs = new PairTable(groups.map(([categoryId, localityId], i) => [categoryId, localityId, i * GROUP]));

  const nodes = [...localities.values()];
  const chainStride = Math.max(1, ...nodes.map((node) => node.chain.length));
  const chains = new Int32Array(nodes.length * chainStride).fill(-1);
  nodes.forEach((node, id) =>
    chains.set(
      node.chain.map((code) => localityIds.get(code)!),
      id * chainStride,
    ),
  );

  const coverage = coverageOf(
    groups.map(([categoryId, localityId]) => [categoryId, localityId] as const),
    categoryIds.size,
    chains,
    chainStride,
  );
  return {
    categoryIds,
    localityIds,
    owners: [...categories.values()].map((c) => c.businessOwnerUnitId || null),
    governing: nodes.map((node) => node.governing?.unitId ?? null),
    chains,
    chainStride,
    categoryRules,
    coverageOffsets: coverage.offsets,
    marks: coverage.marks,
    coverage: coverage.coverage,
    pairs,
    pairRules: Int32Array.from(groups.flatMap(([, , group]) => group)),
    ...tailsOf(chains, chainStride, localityRules, defaultRules),
    ...perRule(rules),
    // Two per chain locality and two of the category's own before the tail, which has at most as many.
    scratch: new Int32Array(4 * chainStride + 4),
  };
}

/** Per locality and kind: its locality-subtree rules from its own up to the root's, then the defaults. */
function tailsOf(chains: Int32Array, chainStride: number, localityRules: Int32Array, defaultRules: Int32Array) {
  const localityCount = chains.length / chainStride;
  const tailStarts = new Int32Array(localityCount * KIND_SLOTS + 1);
  const tails: number[] = [];
  const add = (position: number) => {
    if (position >= 0) tails.push(position);
  };
  for (let localityId = 0; localityId < localityCount; localityId++) {
    for (let kind = 0; kind < KIND_SLOTS; kind++) {
      tailStarts[localityId * KIND_SLOTS + kind] = tails.length;
      for (let i = localityId * chainStride; i < (localityId + 1) * chainStride && chains[i]! >= 0; i++) {
        add(localityRules[chains[i]! * GROUP + kind]!);
        add(localityRules[chains[i]! * GROUP + ANY_KIND]!);
      }
      add(defaultRules[kind]!);
      add(defaultRules[ANY_KIND]!);
    }
  }
  tailStarts[localityCount * KIND_SLOTS] = tails.length;
  return { tailStarts, tails: Int32Array.from(tails) };
}

function perRule(rules: readonly CompiledRule[]) {
  const leadKind = (lead: HandlerSpec) =>
    lead === 'business_owner' ? LEAD_OWNER : lead === 'locality' ? LEAD_LOCALITY : LEAD_UNIT;
  const unitOf = (spec: HandlerSpec) => (leadKind(spec) === LEAD_UNIT ? spec : null);
  const coHandlers = rules.flatMap(({ rule }) => rule.coHandlers ?? []);
  const coHandlerStarts = new Int32Array(rules.length + 1);
  rules.forEach(({ rule }, i) => (coHandlerStarts[i + 1] = coHandlerStarts[i]! + (rule.coHandlers?.length ?? 0)));
  return {
    leadKinds: Uint8Array.from(rules.map(({ rule }) => leadKind(rule.lead))),
    leadUnits: rules.map(({ rule }) => unitOf(rule.lead)),
    coHandlerStarts,
    coHandlerKinds: Uint8Array.from(coHandlers.map(leadKind)),
    coHandlerUnits: coHandlers.map(unitOf),
    ruleIds: rules.map(({ rule }) => rule.id),
    candidates: rules.map(({ rule, tier }) => Object.freeze({ ruleId: rule.id, tier })),
  };
}

function idsOf(keys: Iterable<string>): Map<string, number> {
  const ids = new Map<string, number>();
  for (const key of keys) ids.set(key, ids.size);
  return ids;
}
