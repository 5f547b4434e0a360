import type { FastifyInstance } from 'fastify';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
import { xingyiDemo } from './demo/xingyi';

export interface DemoState {
  tokens: Record<'admin' | 'office' | 'leader' | 'visitor' | 'city-management' | 'justice-bureau', string>;
  sampleCaseIds: string[];
}

/** The file holds bearer tokens, the admin's among them: readable by its owner only, even if it was not before. */
function saveState(stateFile: string, state: DemoState): void {
  mkdirSync(dirname(stateFile), { recursive: true });
  writeFileSync(stateFile, JSON.stringify(state, null, 2), { mode: 0o600 });
  chmodSync(stateFile, 0o600);
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
    if (await findPrincipal(sql, saved.tokens.office)) {
      chmodSync(stateFile, 0o600);
      return saved;
    }
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
  saveState(stateFile, state);
  return state;
}

/**
 * On the first start, reports the seed's three stories through the real API, as a visitor would. A
 * story refused (a 503 while the machine is loaded) is a warning, not a failed start: the system
 * runs without it, and the next start tries again. Each story has its Idempotency-Key, so a retry
 * after an answer that was lost reports nothing twice.
 */
export async function reportDemoCases(app: FastifyInstance, state: DemoState, stateFile: string): Promise<string[]> {
  if (state.sampleCaseIds.length > 0) return state.sampleCaseIds;
  const reported: string[] = [];
  for (const [index, story] of xingyiDemo.stories.entries()) {
    const refusal = await app
      .inject({
        method: 'POST',
        url: '/v1/cases',
        headers: { authorization: `Bearer ${state.tokens.visitor}`, 'idempotency-key': `demo-story-${index + 1}` },
        payload: story,
      })
      .then(
        (response) => {
          // 200: an earlier start reported it, and its answer was lost.
          if (response.statusCode !== 201 && response.statusCode !== 200)
            return `${response.statusCode} ${response.body}`;
          reported.push(response.json<{ id: string }>().id);
          return null;
        },
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
    if (refusal) console.warn(`warning: demo case ${index + 1} (${story.title}) was not reported: ${refusal}`);
  }
  if (reported.length === xingyiDemo.stories.length) saveState(stateFile, { ...state, sampleCaseIds: reported });
  return reported;
}
