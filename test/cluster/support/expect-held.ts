import { expect } from 'vitest';
import { holds } from '../../faults/support/invariants';
import type { ClusterScenarioFigures } from './cluster-scenario';

/** What every cluster fault must leave: nothing lost or doubled, chains and read models intact. */
export function expectEverythingHeld(figures: ClusterScenarioFigures, cases: number): void {
  expect(figures.load.gaveUp).toBe(0);
  expect(figures.load.duplicated).toBe(0);
  expect(figures.reports.gaveUp).toBe(0);
  expect(figures.invariants.problems).toEqual([]);
  expect(holds(figures.invariants)).toBe(true);
  expect(figures.invariants.cases).toBe(cases);
  expect(figures.casesLost).toBe(0);
  expect(figures.afterDispatch.problems).toEqual([]);
  expect(figures.afterDispatch.dispatched).toBeGreaterThan(0);
}
