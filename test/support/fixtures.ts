import { publishRules, ensureCategory, upsertLocality, upsertUnit } from '../../shared/db/reference';
import type { Sql } from '../../shared/db/sql';
import { createToken } from '../../shared/db/tokens';
import type { Role } from '../../shared/domain/enums';

/** A small city: enough reference data to route the seed's stories through the real API. */
export async function seedSmallCity(sql: Sql): Promise<void> {
  const units = [
    { id: 'office', name: '大走访活动办', kind: 'office' as const },
    { id: 'leadership', name: '大走访工作领导小组', kind: 'leadership' as const },
    { id: 'city-management', name: '综合行政执法局', kind: 'department' as const },
    { id: 'justice-bureau', name: '司法局', kind: 'department' as const },
    { id: 'xingtai-street', name: '兴泰街道办事处', kind: 'township' as const },
    { id: 'qishe-town', name: '七舍镇人民政府', kind: 'township' as const },
  ];
  for (const unit of units) await upsertUnit(sql, unit);
  await upsertLocality(sql, { code: 'xingyi', name: '兴义市' });
  await upsertLocality(sql, {
    code: 'xingtai',
    name: '兴泰街道',
    parentCode: 'xingyi',
    governingUnitId: 'xingtai-street',
  });
  await upsertLocality(sql, { code: 'qishe', name: '七舍镇', parentCode: 'xingyi', governingUnitId: 'qishe-town' });
  await upsertLocality(sql, { code: 'qishe-magenao', name: '马革闹村', parentCode: 'qishe' });
  await ensureCategory(sql, { code: 'street-vending', name: '占道经营', businessOwnerUnitId: 'city-management' });
  await ensureCategory(sql, { code: 'neighbour-dispute', name: '相邻关系纠纷', businessOwnerUnitId: null });
  await ensureCategory(sql, { code: 'unowned', name: '其他', businessOwnerUnitId: null });
  await publishRules(
    sql,
    [
      {
        id: 'r-village-disputes',
        category: 'neighbour-dispute',
        locality: 'qishe',
        lead: 'justice-bureau',
        coHandlers: ['locality'],
      },
    ],
    'test',
  );
}

export async function tokenFor(sql: Sql, role: Role, unitId: string | null = null): Promise<string> {
  const { token } = await createToken(sql, { name: `${role}${unitId ? `:${unitId}` : ''}`, role, unitId });
  return token;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
