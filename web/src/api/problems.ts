// The API answers every refusal as an RFC 9457 problem (docs/api.md): `status`, `detail`, and for
// validation `errors: [{ path, message }]`; a case action's refusal adds its `code` and the case's
// current `caseStatus`. Here each becomes one Chinese sentence a clerk can act on, with the API's own
// detail kept beside it (it names the exact rule), and field errors keyed by the body field.

import { STATUS_LABELS } from '../desks/case-detail/case-labels';

export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  code?: string;
  caseStatus?: string;
  errors?: Array<{ path: string; message: string }>;
}

/** The refusals of the case-action table (docs/case-actions.md) a clerk meets, in Chinese. */
const CODE_MESSAGES: Record<string, string> = {
  INVALID_STATE: '案件状态已变化，此操作已不可用',
  ALREADY_DISPATCHED: '该案件已在其他批次中交办',
  EXTENSION_ALREADY_DECIDED: '该延期申请已审批',
  EXTENSION_ALREADY_PENDING: '已有待审批的延期申请',
  EXTENSION_NOT_BEFORE_DEADLINE: '已过办理期限，不能再申请延期',
  EXTENSION_NOT_LATER: '延期日期须晚于当前办理期限',
  INSTRUCTION_ALREADY_ACKNOWLEDGED: '该批示已签收',
  UNKNOWN_INSTRUCTION: '未找到该批示',
  UNKNOWN_EXTENSION_REQUEST: '未找到该延期申请',
  NOT_LEAD_UNIT: '本单位不是该案件的牵头单位',
  NOT_CO_HANDLER: '本单位不是该案件的协办单位',
  NOT_OWN_REPORT: '只能回访本人上报的案件',
  ROLE_NOT_ALLOWED: '当前角色无权进行此操作',
};

/** The API's field messages a clerk meets most, in Chinese; any other is shown as the API says it. */
const FIELD_MESSAGES: Record<string, string> = { 'must not be blank': '不能为空' };

/** Refusals that are about one field of the body, though the API names only the rule: shown under it. */
const CODE_FIELDS: Record<string, string> = { EXTENSION_NOT_LATER: 'until' };

/** What the form shows next to each field: `body.reason` → `reason`. */
export function fieldErrorsOf(problem: Problem): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const { path, message: said } of problem.errors ?? []) {
    const field = path.replace(/^body\.?/, '').split('.')[0] ?? '';
    const message = FIELD_MESSAGES[said] ?? said;
    fields[field] = fields[field] ? `${fields[field]}；${message}` : message;
  }
  const codeField = CODE_FIELDS[problem.code ?? ''];
  if (codeField) fields[codeField] = CODE_MESSAGES[problem.code ?? ''] ?? '';
  return fields;
}

function withDetail(sentence: string, detail: string | undefined): string {
  return detail ? `${sentence}（${detail}）` : sentence;
}

/** One sentence for the whole problem; `retryAfterSeconds` for 429 and 503. */
export function chineseMessage(problem: Problem, retryAfterSeconds: number | null): string {
  const wait = retryAfterSeconds === null ? '' : `（约 ${retryAfterSeconds} 秒后）`;
  switch (problem.status) {
    case 0:
      return '无法连接服务器，请检查网络后重试';
    case 400:
      return withDetail('提交的内容格式有误', problem.detail);
    case 401:
      return '登录已失效，请重新登录';
    case 403:
      return withDetail(CODE_MESSAGES[problem.code ?? ''] ?? '无权进行此操作', problem.detail);
    case 404:
      return withDetail(CODE_MESSAGES[problem.code ?? ''] ?? '未找到，或您无权查看', problem.detail);
    case 409: {
      const now = problem.caseStatus
        ? `，案件当前状态：${STATUS_LABELS[problem.caseStatus] ?? problem.caseStatus}`
        : '';
      const base = CODE_MESSAGES[problem.code ?? ''] ?? '操作冲突';
      return withDetail(`${base}${now}`, problem.detail);
    }
    case 422:
      return withDetail(CODE_MESSAGES[problem.code ?? ''] ?? '提交的内容未通过校验，请按提示修改', problem.detail);
    case 429:
      return `请求过于频繁，请稍后重试${wait}`;
    case 503:
      return `服务暂时不可用，请稍后重试${wait}`;
    default:
      return problem.status >= 500 ? '服务器出错，请稍后重试' : withDetail('请求未完成', problem.detail);
  }
}
