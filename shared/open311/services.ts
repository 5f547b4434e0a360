import type { Category } from '../db/categories';
import { CASE_KINDS, PRIORITIES, type CaseKind } from '../domain/enums';
import { list, record, type OpenRecord } from './document';

// GeoReport v2 `services` and `services/{code}` from duban's categories (docs/open311.md "Services").

export const KIND_NAMES: Record<CaseKind, string> = {
  problem_clue: '问题线索',
  suggestion: '意见建议',
  conflict_risk: '矛盾风险',
  hardship: '群众困难',
};

const PRIORITY_NAMES: Record<(typeof PRIORITIES)[number], string> = { normal: '一般', high: '较急', urgent: '紧急' };

/** The attributes a request may carry beyond the standard fields, in the order a client shows them. */
export const ATTRIBUTE_CODES = ['kind', 'priority', 'title', 'client_request_id'] as const;
export type AttributeCode = (typeof ATTRIBUTE_CODES)[number];

/** Longest title taken from the description when a request gives no `attribute[title]`. */
export const DERIVED_TITLE_LENGTH = 40;

/** Every category has the attributes below, so every service says `metadata: true`. */
export function serviceRecord(category: Category): OpenRecord {
  return record([
    ['service_code', category.code],
    ['service_name', category.name],
    ['description', category.name],
    ['metadata', true],
    ['type', 'realtime'],
    ['keywords', null],
    ['group', category.defaultKind === null ? null : KIND_NAMES[category.defaultKind]],
  ]);
}

const attribute = (
  order: number,
  code: AttributeCode,
  datatype: 'string' | 'singlevaluelist',
  required: boolean,
  description: string,
  values: Array<[string, string]> = [],
) =>
  record([
    ['variable', true],
    ['code', code],
    ['datatype', datatype],
    ['required', required],
    ['datatype_description', null],
    ['order', order],
    ['description', description],
    [
      'values',
      list(
        'value',
        values.map(([key, name]) =>
          record([
            ['key', key],
            ['name', name],
          ]),
        ),
      ),
    ],
  ]);

/** The service definition: `kind` is required where the category has no default kind. */
export function serviceDefinition(category: Category): OpenRecord {
  const defaultKind = category.defaultKind === null ? '' : `，默认“${KIND_NAMES[category.defaultKind]}”`;
  return record([
    ['service_code', category.code],
    [
      'attributes',
      list('attribute', [
        attribute(
          1,
          'kind',
          'singlevaluelist',
          category.defaultKind === null,
          `问题类型${defaultKind}`,
          CASE_KINDS.map((kind) => [kind, KIND_NAMES[kind]]),
        ),
        attribute(
          2,
          'priority',
          'singlevaluelist',
          false,
          '紧急程度，默认“一般”；“紧急”立即交办',
          PRIORITIES.map((priority) => [priority, PRIORITY_NAMES[priority]]),
        ),
        attribute(3, 'title', 'string', false, `标题（至多 200 字），默认取描述的前 ${DERIVED_TITLE_LENGTH} 字`),
        attribute(
          4,
          'client_request_id',
          'string',
          false,
          '客户端为本次上报生成的唯一编号：无 Idempotency-Key 头时，重发同一编号返回同一问题，不会重复立案',
        ),
      ]),
    ],
  ]);
}
