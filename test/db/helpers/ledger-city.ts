// The reference data of the generated ledger: a city with four townships of three villages each,
// departments that own categories, and the office and leadership.
import { ensureCategory } from '../../../shared/db/categories';
import { upsertLocality } from '../../../shared/db/localities';
import type { Sql } from '../../../shared/db/sql';
import { upsertUnit } from '../../../shared/db/units';
import type { UnitKind } from '../../../shared/domain/enums';

export const UNITS: Array<{ id: string; name: string; kind: UnitKind }> = [
  { id: 'office', name: '大走访活动办', kind: 'office' },
  { id: 'leadership', name: '大走访工作领导小组', kind: 'leadership' },
  { id: 'city-management', name: '综合行政执法局', kind: 'department' },
  { id: 'justice-bureau', name: '司法局', kind: 'department' },
  { id: 'civil-affairs', name: '民政局', kind: 'department' },
  { id: 'water-bureau', name: '水务局', kind: 'department' },
  { id: 'education-bureau', name: '教育局', kind: 'department' },
  { id: 'xingtai-street', name: '兴泰街道办事处', kind: 'township' },
  { id: 'qishe-town', name: '七舍镇人民政府', kind: 'township' },
  { id: 'wanfenglin-street', name: '万峰林街道办事处', kind: 'township' },
  { id: 'jingnan-town', name: '敬南镇人民政府', kind: 'township' },
];

export const HANDLING_UNITS = UNITS.filter((u) => u.kind === 'department' || u.kind === 'township').map((u) => u.id);

export const TOWNSHIPS = [
  {
    code: 'xingtai',
    name: '兴泰街道',
    unit: 'xingtai-street',
    villages: [
      ['xingtai-jushan', '桔山社区'],
      ['xingtai-wayao', '瓦窑社区'],
      ['xingtai-hunan', '湖南街社区'],
    ],
  },
  {
    code: 'qishe',
    name: '七舍镇',
    unit: 'qishe-town',
    villages: [
      ['qishe-magenao', '马革闹村'],
      ['qishe-village', '七舍村'],
      ['qishe-bailong', '白龙山村'],
    ],
  },
  {
    code: 'wanfenglin',
    name: '万峰林街道',
    unit: 'wanfenglin-street',
    villages: [
      ['wanfenglin-nahui', '纳灰村'],
      ['wanfenglin-shang', '上纳灰村'],
      ['wanfenglin-wutun', '下五屯社区'],
    ],
  },
  {
    code: 'jingnan',
    name: '敬南镇',
    unit: 'jingnan-town',
    villages: [
      ['jingnan-village', '敬南村'],
      ['jingnan-baihe', '白河村'],
      ['jingnan-yishao', '宜哨村'],
    ],
  },
] as const;

/** Every locality code a case can be reported at, with its printed path. */
export const LOCALITIES: Array<{ code: string; township: string | null; path: string }> = [
  { code: 'xingyi', township: null, path: '兴义市' },
  ...TOWNSHIPS.flatMap((t) => [
    { code: t.code, township: t.code, path: `兴义市/${t.name}` },
    ...t.villages.map(([code, name]) => ({ code, township: t.code, path: `兴义市/${t.name}/${name}` })),
  ]),
];

export const CATEGORIES = [
  { code: 'street-vending', name: '占道经营', owner: 'city-management', topics: ['占道经营', '店外促销', '流动摊贩'] },
  {
    code: 'neighbour-dispute',
    name: '相邻关系纠纷',
    owner: 'justice-bureau',
    topics: ['邻里纠纷', '宅基地界址', '排水争执'],
  },
  { code: 'funeral-reform', name: '殡葬改革', owner: 'civil-affairs', topics: ['集中治丧', '殡葬政策', '散埋乱葬'] },
  { code: 'drinking-water', name: '饮水安全', owner: 'water-bureau', topics: ['饮水困难', '水管破裂', '水质浑浊'] },
  {
    code: 'school-safety',
    name: '校园周边安全',
    owner: 'education-bureau',
    topics: ['校门口拥堵', '校园周边摊点', '上学路灯不亮'],
  },
  { code: 'subsistence', name: '低保救助', owner: 'civil-affairs', topics: ['低保申请', '临时救助', '残疾补贴'] },
  { code: 'noise', name: '噪音扰民', owner: null, topics: ['夜间噪音扰民', '工地噪音', '广场舞噪音'] },
] as const;

export async function seedLedgerCity(sql: Sql): Promise<void> {
  for (const unit of UNITS) await upsertUnit(sql, unit);
  await upsertLocality(sql, { code: 'xingyi', name: '兴义市' });
  for (const t of TOWNSHIPS) {
    await upsertLocality(sql, { code: t.code, name: t.name, parentCode: 'xingyi', governingUnitId: t.unit });
    for (const [code, name] of t.villages) await upsertLocality(sql, { code, name, parentCode: t.code });
  }
  for (const c of CATEGORIES) await ensureCategory(sql, { code: c.code, name: c.name, businessOwnerUnitId: c.owner });
}

export const unitName = (id: string | null): string => UNITS.find((u) => u.id === id)?.name ?? id ?? '';
export const categoryName = (code: string): string => CATEGORIES.find((c) => c.code === code)?.name ?? code;
export const localityPath = (code: string): string => LOCALITIES.find((l) => l.code === code)?.path ?? code;
