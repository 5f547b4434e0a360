import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { calendarForYear, putCalendarYear, type CalendarYear } from '../../shared/db/calendar';
import { CALENDAR_DATASET } from '../../shared/db/calendar-dataset';
import type { Sql } from '../../shared/db/sql';
import { actorOf } from '../../shared/domain/actor';
import { DaySchema } from '../../shared/domain/calendar';
import { calendarYearProblems } from '../../shared/domain/working-days';
import { ALL_ROLES, requireRole } from '../plugins/auth';
import { HttpProblem } from '../plugins/problems';

const tags = ['calendar'];

const YearParamsSchema = z.object({
  year: z.string().regex(/^(?:20\d\d|2100)$/, 'must be a year from 2000 to 2100'),
});

const CalendarYearInputSchema = z.strictObject({
  holidays: z.array(DaySchema).max(366).describe('days off (放假), weekends inside a holiday period may be listed'),
  workdays: z.array(DaySchema).max(366).describe('make-up working days (调休上班), each a Saturday or Sunday'),
});

const CalendarYearSchema = z.object({
  year: z.number().int(),
  version: z.number().int().describe('the version of this arrangement; 0 for the shipped dataset'),
  source: z.enum(['dataset', 'override']),
  known: z
    .boolean()
    .describe('false: no arrangement for this year; its deadlines count weekends only and flag calendarUnknown'),
  dataset: z.string().describe('the shipped dataset every year starts from, as package@version'),
  holidays: z.array(DaySchema),
  workdays: z.array(DaySchema),
  createdAt: z.string().nullable().describe("when this override was stored; null for the dataset's"),
});

const present = (calendar: CalendarYear) => ({
  ...calendar,
  dataset: CALENDAR_DATASET,
  createdAt: calendar.createdAt?.toISOString() ?? null,
});

/** The working-day calendar per year (docs/calendar.md): every role reads, an admin adds a version. */
const calendarRoutes: FastifyPluginAsyncZod<{ sql: Sql }> = async (app, { sql }) => {
  app.get(
    '/v1/calendar/:year',
    {
      schema: {
        tags,
        summary: "A year's holidays and make-up working days in force",
        params: YearParamsSchema,
        response: { 200: CalendarYearSchema },
      },
    },
    async (request) => {
      requireRole(request, ...ALL_ROLES);
      return present(await calendarForYear(sql, Number(request.params.year)));
    },
  );

  app.put(
    '/v1/calendar/:year',
    {
      schema: {
        tags,
        summary: "Replace a year's arrangement: a new version; running clocks keep the one they pinned",
        description:
          '422 naming each refused date: a date of another year, a date listed twice, a date both a holiday and ' +
          'a workday, a workday on Monday to Friday (a working day already).',
        params: YearParamsSchema,
        body: CalendarYearInputSchema,
        response: { 200: CalendarYearSchema },
      },
    },
    async (request) => {
      const admin = requireRole(request, 'admin');
      const year = Number(request.params.year);
      const problems = calendarYearProblems(year, request.body);
      if (problems.length > 0)
        throw new HttpProblem(422, 'Unprocessable Content', `the calendar of ${year} was not stored`, {
          errors: problems.map(({ list, index, message }) => ({ path: `body.${list}.${index}`, message })),
        });
      return present(await putCalendarYear(sql, year, request.body, actorOf(admin)));
    },
  );
};

export default calendarRoutes;
