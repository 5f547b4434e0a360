import type { FastifyInstance } from 'fastify';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  ensureCategory,
  loadPublishedRules,
  publishRules,
  upsertLocality,
  upsertUnit,
} from '../../shared/db/reference';
import type { Sql } from '../../shared/db/sql';
import { createToken, findPrincipal } from '../../shared/db/tokens';
import { xingyiDemo } from '../../shared/demo/xingyi';

export interface DemoState {
  tokens: Record<'admin' | 'office' | 'leader' | 'visitor' | 'city-management' | 'justice-bureau', string>;
  sampleCaseIds: string[];
}

/**
 * Loads the 兴义市 demo reference data (idempotent: units, localities and categories are upserted; the
 * rule set is published only when none is) and the demo tokens, kept in `stateFile` across restarts.
 */
export async function seedDemo(sql: Sql, stateFile: string): Promise<DemoState> {
  for (const unit of xingyiDemo.units) await upsertUnit(sql, unit);
  for (const locality of xingyiDemo.localities) await upsertLocality(sql, locality);
  for (const category of xingyiDemo.categories) await ensureCategory(sql, category);
  if ((await loadPublishedRules(sql)).version === 0) await publishRules(sql, xingyiDemo.rules, 'demo');

  if (existsSync(stateFile)) {
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as DemoState;
    // The file may outlive the database it was made for (another DATABASE_URL, a deleted .data/dev/pglite).
    if (await findPrincipal(sql, saved.tokens.office)) return saved;
  }
  const make = async (role: 'admin' | 'office' | 'leader' | 'visitor' | 'unit', unitId: string | null = null) =>
    (await createToken(sql, { name: `demo ${unitId ?? role}`, role, unitId })).token;
  const state: DemoState = {
    tokens: {
      admin: await make('admin'),
      office: await make('office'),
      leader: await make('leader'),
      visitor: await make('visitor'),
      'city-management': await make('unit', 'city-management'),
      'justice-bureau': await make('unit', 'justice-bureau'),
    },
    sampleCaseIds: [],
  };
  mkdirSync(dirname(stateFile), { recursive: true });
  writeFileSync(stateFile, JSON.stringify(state, null, 2));
  return state;
}

/** On the first start, reports the seed's three stories through the real API, as a visitor would. */
export async function reportDemoCases(app: FastifyInstance, state: DemoState, stateFile: string): Promise<string[]> {
  if (state.sampleCaseIds.length > 0) return state.sampleCaseIds;
  for (const story of xingyiDemo.stories) {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: { authorization: `Bearer ${state.tokens.visitor}` },
      payload: story,
    });
    if (response.statusCode !== 201) throw new Error(`demo case refused: ${response.statusCode} ${response.body}`);
    state.sampleCaseIds.push(response.json<{ id: string }>().id);
  }
  writeFileSync(stateFile, JSON.stringify(state, null, 2));
  return state.sampleCaseIds;
}
