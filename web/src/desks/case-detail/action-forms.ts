// What each case action asks for, as a small description the one generic form (ActionForm.vue) draws.
// Which actions a case offers is its `allowedActions` (the API's case-action table); this file only
// says how to ask for each one's input (docs/api.md "Cases"). An action the API offers that is not
// described here still gets a button and a confirmation with no fields, so a new action is usable at
// once and its refusal, if it needs input, is shown like any other.

export type FieldKind = 'text' | 'textarea' | 'percent' | 'yesNo' | 'select' | 'unit' | 'units' | 'datetime';

export interface FormField {
  name: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  /** For `yesNo`: the two answers' words. */
  answers?: [yes: string, no: string];
  options?: Array<{ value: string | number; label: string }>;
  /** Shown only when another field has this value (close: `duplicateOf` for a duplicate). */
  shownWhen?: { field: string; equals: unknown };
  placeholder?: string;
}

export interface ActionFormDescription {
  /** The button and the dialog's title. */
  label: string;
  fields: FormField[];
  /** Said on success. */
  done: string;
  type?: 'primary' | 'success' | 'warning' | 'danger' | 'info';
}

const note: FormField = { name: 'note', label: '备注', kind: 'textarea' };
const reportFields: FormField[] = [
  { name: 'progress', label: '进展情况', kind: 'textarea', required: true },
  { name: 'measures', label: '采取措施', kind: 'textarea' },
  { name: 'percentDone', label: '完成进度（%）', kind: 'percent' },
  { name: 'blockers', label: '存在困难', kind: 'textarea' },
];

export const ACTION_FORMS: Record<string, ActionFormDescription> = {
  accept: { label: '签收', fields: [], done: '已签收', type: 'primary' },
  return: {
    label: '退回',
    fields: [{ name: 'reason', label: '退回理由', kind: 'textarea', required: true }],
    done: '已退回',
    type: 'warning',
  },
  report: { label: '上报周报', fields: reportFields, done: '周报已上报', type: 'primary' },
  contribute: { label: '上报协办进展', fields: reportFields.slice(0, 2), done: '协办进展已上报' },
  requestExtension: {
    label: '申请延期',
    fields: [
      { name: 'until', label: '延期至（北京时间）', kind: 'datetime', required: true },
      { name: 'reason', label: '延期理由', kind: 'textarea', required: true },
    ],
    done: '延期申请已提交',
  },
  decideExtension: {
    label: '延期审批',
    fields: [{ name: 'approve', label: '审批结果', kind: 'yesNo', required: true, answers: ['同意', '不同意'] }, note],
    done: '已审批',
    type: 'primary',
  },
  resolve: {
    label: '办结',
    fields: [
      { name: 'measures', label: '办理措施', kind: 'textarea', required: true },
      { name: 'outcome', label: '办理结果', kind: 'textarea', required: true },
    ],
    done: '已办结，待回访',
    type: 'success',
  },
  followUp: {
    label: '回访',
    fields: [
      { name: 'satisfied', label: '群众评价', kind: 'yesNo', required: true, answers: ['满意', '不满意'] },
      note,
    ],
    done: '回访已记录',
    type: 'primary',
  },
  assign: {
    label: '交办',
    fields: [
      { name: 'lead', label: '牵头单位', kind: 'unit', required: true },
      { name: 'coHandlers', label: '协办单位', kind: 'units' },
      note,
    ],
    done: '已交办',
    type: 'primary',
  },
  close: {
    label: '关闭',
    fields: [
      {
        name: 'reason',
        label: '关闭原因',
        kind: 'select',
        required: true,
        options: [
          { value: 'duplicate', label: '重复件' },
          { value: 'withdrawn', label: '群众撤回' },
          { value: 'not_actionable', label: '无法办理' },
        ],
      },
      {
        name: 'duplicateOf',
        label: '与之重复的案件编号',
        kind: 'text',
        required: true,
        placeholder: 'case-…',
        shownWhen: { field: 'reason', equals: 'duplicate' },
      },
      note,
    ],
    done: '已关闭',
    type: 'danger',
  },
  escalate: {
    label: '升级督办',
    fields: [
      {
        name: 'level',
        label: '督办级别',
        kind: 'select',
        required: true,
        options: [
          { value: 1, label: '一级督办' },
          { value: 2, label: '二级督办（报领导）' },
        ],
      },
      { name: 'note', label: '督办说明', kind: 'textarea', required: true },
    ],
    done: '已升级督办',
    type: 'warning',
  },
  instruct: {
    label: '领导批示',
    fields: [
      { name: 'text', label: '批示内容', kind: 'textarea', required: true },
      {
        name: 'reportEvery',
        label: '加密上报周期',
        kind: 'select',
        options: [
          { value: 'P1D', label: '每天' },
          { value: 'P2D', label: '每 2 天' },
          { value: 'P3D', label: '每 3 天' },
        ],
      },
      { name: 'deadline', label: '提前办理期限至（北京时间）', kind: 'datetime' },
    ],
    done: '批示已下达',
    type: 'primary',
  },
  acknowledgeInstruction: { label: '签收批示', fields: [], done: '批示已签收', type: 'primary' },
};

export function describeAction(action: string): ActionFormDescription {
  return ACTION_FORMS[action] ?? { label: action, fields: [], done: '已提交' };
}

export const isShown = (field: FormField, values: Record<string, unknown>): boolean =>
  !field.shownWhen || values[field.shownWhen.field] === field.shownWhen.equals;
