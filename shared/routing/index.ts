// The routing engine (DOMAIN.md "Routing: business owner and locality"): pure and deterministic, no
// I/O and no zod, so workflow code may import it as well as the API. `verdict` decides alone, at
// full speed; `route` (the decision with its explanation) and `explain` build the sentences too.
export * from './types';
export { compileRuleSet, validateRuleSet, type CompiledRule, type CompiledRuleSet } from './compile';
export { buildLocalityTree, isWithin, type LocalityNode } from './locality-tree';
export { decide, explain, findCandidates, route, withExplanation } from './route';
export { tierOf } from './specificity';
export { verdict, verdictOf } from './verdict';
