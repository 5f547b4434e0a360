import { randomUUID } from 'node:crypto';
import { REOPENABLE_CLOSE_REASONS } from '../domain/case-rules';
import type { SpotCheckDraw } from '../contracts/supervision';
import { dayPeriod, daysBefore } from '../supervision/periods';
import { drawSample, sampleSize, spotCheckSeed, type SpotCheckSettings } from '../supervision/sampling';
import { transaction, type Db } from './sql';

// 日抽查: draws a day's sample once and stores it. The population is the day's visits and the cases a
// failed check could reopen (REOPENABLE_CLOSE_REASONS) closed in the `closedWithinDays` days up to and
// including the date that no earlier day's sample holds, each ordered by id; the draw is seeded by the
// date (sampling.ts).

// Any fixed number: two draws of one day queue on (this, day) instead of racing.
const DRAW_LOCK = 7_236_006;

export class NotADayError extends Error {
  constructor(readonly value: string) {
    super(`${value} is not a calendar day (YYYY-MM-DD)`);
    this.name = 'NotADayError';
  }
}

/** The day's visit ids and candidate case ids, ordered by id. */
export async function spotCheckPopulation(
  db: Db,
  date: string,
  closedWithinDays: number,
): Promise<{ visits: string[]; cases: string[] }> {
  const day = dayPeriod(date);
  if (!day) throw new NotADayError(date);
  const from = dayPeriod(daysBefore(date, Math.max(1, closedWithinDays) - 1))!.startsAt;
  const visits = await db<{ id: string }[]>`SELECT id FROM visits WHERE visited_on = ${date} ORDER BY id`;
  const cases = await db<{ id: string }[]>`
    SELECT c.id FROM cases c
    WHERE c.status = 'closed' AND c.close_reason = ANY(${[...REOPENABLE_CLOSE_REASONS]}::text[])
      AND c.closed_at >= ${from} AND c.closed_at < ${day.endsAt}
      AND NOT EXISTS (SELECT 1 FROM spot_checks s
                      WHERE s.subject_type = 'case' AND s.subject_id = c.id AND s.date < ${date})
    ORDER BY c.id`;
  return { visits: visits.map((v) => v.id), cases: cases.map((c) => c.id) };
}

interface DayRow {
  drawnAt: Date;
  visitPopulation: number;
  casePopulation: number;
}

async function summary(db: Db, date: string, row: DayRow, drawnNow: boolean): Promise<SpotCheckDraw> {
  const [counts] = await db<{ visits: number; cases: number }[]>`
    SELECT count(*) FILTER (WHERE subject_type = 'visit')::int AS visits,
           count(*) FILTER (WHERE subject_type = 'case')::int AS cases
    FROM spot_checks WHERE date = ${date}`;
  return {
    date,
    drawnAt: row.drawnAt.toISOString(),
    drawnNow,
    visitPopulation: row.visitPopulation,
    casePopulation: row.casePopulation,
    sampled: counts ?? { visits: 0, cases: 0 },
  };
}

/**
 * Draws and stores the day's sample, or, when the day was drawn before, returns what was stored:
 * the same date always has the same rows, however often (and however concurrently) it is asked.
 */
export async function drawSpotCheck(
  db: Db,
  date: string,
  settings: SpotCheckSettings,
  now: Date = new Date(),
): Promise<SpotCheckDraw> {
  if (!dayPeriod(date)) throw new NotADayError(date);
  return transaction(db, async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${DRAW_LOCK}, hashtext(${date}))`;
    const [existing] = await tx<DayRow[]>`
      SELECT drawn_at AS "drawnAt", visit_population AS "visitPopulation", case_population AS "casePopulation"
      FROM spot_check_days WHERE date = ${date}`;
    if (existing) return summary(tx, date, existing, false);

    const population = await spotCheckPopulation(tx, date, settings.closedWithinDays);
    const visits = drawSample(
      population.visits,
      sampleSize(population.visits.length, settings.visits),
      spotCheckSeed(date, 'visit'),
    );
    const cases = drawSample(
      population.cases,
      sampleSize(population.cases.length, settings.cases),
      spotCheckSeed(date, 'case'),
    );
    const row: DayRow = {
      drawnAt: now,
      visitPopulation: population.visits.length,
      casePopulation: population.cases.length,
    };
    await tx`
      INSERT INTO spot_check_days (date, drawn_at, visit_population, case_population, settings)
      VALUES (${date}, ${now}, ${row.visitPopulation}, ${row.casePopulation}, ${tx.json(settings as never)})`;
    const rows = [
      ...visits.map((id, position) => ({ subject_type: 'visit', subject_id: id, position })),
      ...cases.map((id, position) => ({ subject_type: 'case', subject_id: id, position })),
    ].map((r) => ({ id: randomUUID(), date, ...r }));
    if (rows.length > 0) await tx`INSERT INTO spot_checks ${tx(rows)}`;
    return summary(tx, date, row, true);
  });
}
