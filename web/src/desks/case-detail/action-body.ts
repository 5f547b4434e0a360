// The request body of an action from what the form holds: fields not shown or left empty are left
// out (every optional field of docs/api.md is "absent", not "empty"), a Beijing wall-clock time
// becomes an instant with its offset.

import { beijingWallClockToInstant } from '../../lib/beijing-time';
import { isShown, type ActionFormDescription } from './action-forms';

const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

export function actionBody(form: ActionFormDescription, values: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of form.fields) {
    const value = values[field.name];
    if (!isShown(field, values) || isEmpty(value)) continue;
    body[field.name] =
      field.kind === 'datetime' && typeof value === 'string' ? beijingWallClockToInstant(value) : value;
  }
  return body;
}
