// The what-if preview said in one Chinese paragraph for the publish confirmation.
import type { UnitView, WhatIfAnswer } from './api';

export function whatIfSummary(answer: WhatIfAnswer | null, units: readonly UnitView[]): string {
  if (answer === null) return '（本系统暂未提供发布前的影响预览，发布后新上报的案件按新规则分办。）';
  const names = new Map(units.map((unit) => [unit.id, unit.name]));
  const moved = answer.perUnit
    .filter((row) => row.before !== row.after)
    .slice(0, 8)
    .map((row) => `${names.get(row.unitId) ?? row.unitId} ${row.before}→${row.after}`);
  return (
    `按新规则，现有案件中牵头单位改变 ${answer.changedLead} 件，协办单位改变 ${answer.changedCoHandlers} 件，` +
    `转人工分诊 ${answer.toTriage} 件。${moved.length > 0 ? `各单位：${moved.join('，')}。` : ''}`
  );
}
