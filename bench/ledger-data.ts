// The ledger bench's data: the 兴义市 demo grown to a city's size (27 towns and streets, 12 villages or
// communities each, 6 groups each: 2,300 localities), and `cases` rows generated inside PostgreSQL
// with INSERT … SELECT generate_series: a year of reports in Chinese, statuses, leads and co-handlers
// as routing would give them. The indexes are dropped first and rebuilt after, as a bulk load does.
import type { Sql } from '../shared/db/sql';
import { xingyiDemo } from '../scripts/lib/demo/xingyi';
import { DEFAULT_POLICY } from '../shared/domain/policy';
import { upsertLocality, upsertUnit } from '../shared/db/reference';
import { round } from './support/stats';

const EXTRA_TOWNS = 20;
const VILLAGES_PER_TOWN = 12;
const GROUPS_PER_VILLAGE = 6;

/** Words residents use, so free-text search has common, rare and absent words to find. */
const TITLES = [
  '路灯不亮影响夜间出行',
  '夜市摊位占道经营',
  '广场舞噪音扰民',
  '生产便道被挖毁',
  '农村公路路面破损',
  '拖欠农民工工资',
  '校门口交通安全隐患',
  '老旧房屋墙体开裂',
  '小区垃圾清运不及时',
  '饮用水水压不足',
  '相邻宅基地界址纠纷',
  '集中治丧规定不理解',
  '电信诈骗防范宣传需求',
  '食品小作坊卫生问题',
  '土地流转费用未兑现',
];
const DETAILS = [
  '群众多次反映，希望有关部门尽快核实处理。',
  '影响周边居民正常生活，存在安全隐患。',
  '已与村（居）委会沟通，暂未解决。',
  '涉及多户群众，情绪较为激动，需尽快化解。',
  '建议加强日常巡查，建立长效机制。',
  '反映人表示愿意配合调查，希望及时反馈办理情况。',
];
const SUMMARIES = ['已现场核查，正在协调处理', '已制定整改方案，按计划推进', '已完成主体整改，待验收'];

export interface LedgerData {
  cases: number;
  localities: number;
  towns: string[];
  villages: string[];
  units: string[];
  seconds: { reference: number; reporters: number; cases: number; indexes: number; vacuum: number };
  indexes: Array<{ name: string; seconds: number }>;
  tableSizeMiB: number;
  indexSizeMiB: number;
}

/** Demo units and localities plus the generated towns, villages and groups. */
async function seedCity(
  sql: Sql,
): Promise<{ towns: string[]; villages: string[]; units: string[]; localities: number }> {
  for (const unit of xingyiDemo.units) await upsertUnit(sql, unit);
  for (const locality of xingyiDemo.localities) await upsertLocality(sql, locality);
  const demoTowns = xingyiDemo.localities.filter((l) => l.parentCode === 'xingyi');
  const towns = demoTowns.map((t) => ({ code: t.code, unit: t.governingUnitId! }));
  for (let i = 1; i <= EXTRA_TOWNS; i++) {
    const unit = { id: `town-${i}`, name: `第${i}乡镇人民政府`, kind: 'township' as const };
    await upsertUnit(sql, unit);
    await upsertLocality(sql, {
      code: `town-${i}`,
      name: `第${i}乡镇`,
      parentCode: 'xingyi',
      governingUnitId: unit.id,
    });
    towns.push({ code: `town-${i}`, unit: unit.id });
  }
  // Villages and groups in two statements: ~2,300 rows one by one would take longer than they need.
  await sql`
    INSERT INTO localities (code, name, parent_code)
    SELECT t.code || '-v' || v, t.name || v || '村', t.code
    FROM localities t, generate_series(1, ${VILLAGES_PER_TOWN}) v
    WHERE t.parent_code = 'xingyi'
    ON CONFLICT (code) DO NOTHING`;
  await sql`
    INSERT INTO localities (code, name, parent_code)
    SELECT v.code || '-g' || g, v.name || g || '组', v.code
    FROM localities v JOIN localities t ON t.code = v.parent_code AND t.parent_code = 'xingyi',
         generate_series(1, ${GROUPS_PER_VILLAGE}) g
    WHERE v.code LIKE '%-v%'
    ON CONFLICT (code) DO NOTHING`;
  const villages = (await sql<{ code: string }[]>`SELECT code FROM localities WHERE code ~ '-v[0-9]+$'`).map(
    (r) => r.code,
  );
  const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM localities`;
  return { towns: towns.map((t) => t.code), villages, units: xingyiDemo.units.map((u) => u.id), localities: row!.n };
}

export async function generateLedger(sql: Sql, count: number, log: (line: string) => void): Promise<LedgerData> {
  const timer = () => {
    const started = Date.now();
    return () => round((Date.now() - started) / 1000, 1);
  };
  let t = timer();
  const city = await seedCity(sql);
  const reference = t();

  // Every locality with the unit governing it (its own, or its town's), for leads and co-handlers.
  const places = await sql<{ code: string; unit: string }[]>`
    WITH RECURSIVE up(code, at, unit) AS (
      SELECT code, code, governing_unit_id FROM localities
      UNION ALL
      SELECT up.code, l.parent_code, p.governing_unit_id
      FROM up JOIN localities l ON l.code = up.at JOIN localities p ON p.code = l.parent_code
      WHERE up.unit IS NULL)
    SELECT code, unit FROM up WHERE unit IS NOT NULL`;
  const categories = xingyiDemo.categories;
  const policy = { ...DEFAULT_POLICY, version: 1 };

  t = timer();
  await sql`SELECT setseed(0.20220509)`;
  await sql`
    INSERT INTO reporters (id, name, phone)
    SELECT md5('reporter' || g)::uuid, (ARRAY['王','李','张','刘','陈','杨','黄','赵'])[1 + g % 8] || '某某',
           CASE WHEN g % 3 = 0 THEN '138' || lpad((g % 100000000)::text, 8, '0') END
    FROM generate_series(1, ${count}) g WHERE g % 5 < 2`;
  const reporters = t();

  const indexes = await sql<{ name: string; def: string }[]>`
    SELECT indexname AS name, indexdef AS def FROM pg_indexes
    WHERE tablename = 'cases' AND indexname <> 'cases_pkey' ORDER BY indexname`;
  for (const index of indexes) await sql.unsafe(`DROP INDEX ${index.name}`);

  t = timer();
  log(`  inserting ${count.toLocaleString('en')} cases…`);
  await sql`
    WITH p AS (
      SELECT ${places.map((p) => p.code)}::text[] AS codes, ${places.map((p) => p.unit)}::text[] AS units,
             ${categories.map((c) => c.code)}::text[] AS cats,
             ${categories.map((c) => c.businessOwnerUnitId ?? '')}::text[] AS owners,
             ${TITLES}::text[] AS titles, ${DETAILS}::text[] AS details, ${SUMMARIES}::text[] AS summaries),
    g AS (
      SELECT g, random() AS r_status, random() AS r_kind, 1 + floor(random() * array_length(p.cats, 1))::int AS ci,
             1 + floor(random() * array_length(p.codes, 1))::int AS li, random() AS r_title, random() AS r_detail,
             now() - random() * interval '365 days' AS at, random() AS r_flag, random() AS r_level
      FROM generate_series(1, ${count}) g, p),
    s AS (
      SELECT g.*,
             CASE WHEN r_status < 0.55 THEN 'closed' WHEN r_status < 0.75 THEN 'in_progress'
                  WHEN r_status < 0.80 THEN 'verifying' WHEN r_status < 0.88 THEN 'assigned'
                  WHEN r_status < 0.95 THEN 'queued' ELSE 'triage' END AS status,
             -- one case in 2,000 carries a rare word, for the search a trigram index is made for
             CASE WHEN g % 2000 = 0 THEN '化粪池满溢污水横流'
                  ELSE p.titles[1 + floor(r_title * array_length(p.titles, 1))::int] END AS title
      FROM g, p)
    INSERT INTO cases (
      id, seq, status, kind, category, title, description, locality, priority, reporter_id, reported_by,
      lead_unit_id, co_handlers, routing, policy, deadline, next_report_due, missed_reports, overdue,
      escalation_level, close_reason, reported_at, updated_at, assigned_at, accepted_at, closed_at, measures,
      last_report_at, last_report_summary, last_report_percent, report_count)
    SELECT 'case-' || md5('case' || s.g)::uuid, 2 + (s.g % 11), s.status,
           (ARRAY['problem_clue','suggestion','conflict_risk','hardship'])[1 + floor(s.r_kind * 4)::int],
           p.cats[s.ci], s.title, s.title || '。' || p.details[1 + floor(s.r_detail * array_length(p.details, 1))::int],
           p.codes[s.li], CASE WHEN s.g % 10 = 0 THEN 'urgent' ELSE 'normal' END,
           CASE WHEN s.g % 5 < 2 THEN md5('reporter' || s.g)::uuid END,
           jsonb_build_object('id', md5('visitor' || (s.g % 300))::uuid, 'role', 'visitor', 'unitId', null),
           CASE WHEN s.status = 'triage' THEN NULL ELSE coalesce(nullif(p.owners[s.ci], ''), p.units[s.li]) END,
           CASE WHEN s.status = 'triage' OR nullif(p.owners[s.ci], '') IS NULL THEN '{}'::text[]
                ELSE ARRAY[p.units[s.li]] END,
           ${sql.json({ ruleId: 'r-principle', rulesVersion: 1, decidedBy: 'rule', candidates: [], explanation: [] })},
           ${sql.json(policy)},
           CASE WHEN s.status IN ('in_progress','verifying','closed') THEN s.at + interval '31 days' END,
           CASE WHEN s.status = 'in_progress' THEN s.at + interval '8 days' END,
           CASE WHEN s.status = 'in_progress' AND s.r_flag < 0.1 THEN 1 ELSE 0 END,
           s.status = 'in_progress' AND s.r_flag < 0.05,
           CASE WHEN s.r_level < 0.02 THEN 2 WHEN s.r_level < 0.10 THEN 1 ELSE 0 END,
           CASE WHEN s.status = 'closed' THEN (ARRAY['resolved','resolved','resolved','on_spot','duplicate','withdrawn'])[1 + s.g % 6] END,
           s.at, s.at + interval '2 days',
           CASE WHEN s.status IN ('assigned','in_progress','verifying','closed') THEN s.at + interval '3 days' END,
           CASE WHEN s.status IN ('in_progress','verifying','closed') THEN s.at + interval '4 days' END,
           CASE WHEN s.status = 'closed' THEN s.at + interval '20 days' END,
           CASE WHEN s.status IN ('verifying','closed') THEN '已按要求完成整改，群众表示满意。' END,
           CASE WHEN s.status <> 'triage' AND s.status <> 'queued' AND s.status <> 'assigned' THEN s.at + interval '10 days' END,
           CASE WHEN s.status <> 'triage' AND s.status <> 'queued' AND s.status <> 'assigned'
                THEN p.summaries[1 + s.g % array_length(p.summaries, 1)] END,
           CASE WHEN s.status <> 'triage' AND s.status <> 'queued' AND s.status <> 'assigned' THEN 30 + s.g % 70 END,
           CASE WHEN s.status IN ('in_progress','verifying','closed') THEN 1 + s.g % 4 ELSE 0 END
    FROM s, p`;
  const casesSeconds = t();

  t = timer();
  const built: Array<{ name: string; seconds: number }> = [];
  await sql`SET maintenance_work_mem = '1GB'`;
  for (const index of indexes) {
    const one = timer();
    await sql.unsafe(index.def);
    built.push({ name: index.name, seconds: one() });
    log(`  rebuilt ${index.name} in ${built.at(-1)!.seconds} s`);
  }
  const indexSeconds = t();
  t = timer();
  await sql`VACUUM (ANALYZE) cases`;
  await sql`VACUUM (ANALYZE) reporters`;
  await sql`ANALYZE localities`;
  const vacuum = t();
  const [size] = await sql<{ table: string; indexes: string }[]>`
    SELECT pg_table_size('cases')::text AS table, pg_indexes_size('cases')::text AS indexes`;
  return {
    cases: count,
    localities: city.localities,
    towns: city.towns,
    villages: city.villages,
    units: city.units,
    seconds: { reference, reporters, cases: casesSeconds, indexes: indexSeconds, vacuum },
    indexes: built,
    tableSizeMiB: round(Number(size!.table) / 2 ** 20, 0),
    indexSizeMiB: round(Number(size!.indexes) / 2 ** 20, 0),
  };
}
