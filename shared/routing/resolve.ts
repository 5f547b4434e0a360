// Turning a handler spec into a unit: `business_owner` is the category's owner, `locality` the
// governing unit of the nearest locality at or above the case's that has one, anything else a unit id.
import type { LocalityNode } from './locality-tree';
import type { HandlerSpec, RoutingCategory } from './types';

export interface CaseContext {
  category: RoutingCategory;
  locality: LocalityNode;
}

export type Resolution =
  | { unitId: string; via: 'business_owner' | 'unit' }
  | { unitId: string; via: 'locality'; governingLocality: string }
  | { unitId: null; via: 'business_owner' | 'locality' };

export function resolveHandler(context: CaseContext, spec: HandlerSpec): Resolution {
  if (spec === 'business_owner') {
    const owner = context.category.businessOwnerUnitId;
    return owner ? { unitId: owner, via: 'business_owner' } : { unitId: null, via: 'business_owner' };
  }
  if (spec === 'locality') {
    const governing = context.locality.governing;
    return governing
      ? { unitId: governing.unitId, via: 'locality', governingLocality: governing.localityCode }
      : { unitId: null, via: 'locality' };
  }
  return { unitId: spec, via: 'unit' };
}
