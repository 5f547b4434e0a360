import type { Category } from '../db/categories';
import { CASE_KINDS, PRIORITIES } from '../domain/enums';
import { GeoPointSchema, type GeoPoint } from './geometry';
import { ATTRIBUTE_CODES, DERIVED_TITLE_LENGTH } from './services';

// A GeoReport v2 `POST requests` form, read into what duban's intake needs (docs/open311.md
// "Posting a request"). Standard fields duban does not keep (email, device_id, account_id,
// media_url, address_id) are accepted and dropped, as the specification lets a server do.

export type Form = Record<string, string | string[] | undefined>;

/** One thing wrong with the form, in the specification's words: the parameter and what is wrong. */
export class FormError extends Error {}

export interface ReportForm {
  serviceCode: string;
  point: GeoPoint | null;
  address: string | null;
  description: string;
  kind: string | null;
  priority: string | null;
  title: string | null;
  clientRequestId: string | null;
  reporter: { name: string; phone?: string } | null;
}

const ATTRIBUTE = /^attribute\[(.*)\]$/;

function single(form: Form, name: string): string | null {
  const value = form[name];
  if (Array.isArray(value)) throw new FormError(`${name} was sent more than once`);
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? null : trimmed;
}

function pointOf(form: Form): GeoPoint | null {
  const lat = single(form, 'lat');
  const long = single(form, 'long');
  if (lat === null && long === null) return null;
  if (lat === null || long === null) throw new FormError('lat and long must be sent together');
  const numeric = /^[+-]?\d+(\.\d+)?$/;
  const parsed = GeoPointSchema.safeParse({ lat: Number(lat), long: Number(long) });
  if (!numeric.test(lat) || !numeric.test(long) || !parsed.success) {
    throw new FormError('lat and long must be decimal degrees (WGS 84), lat within ±90 and long within ±180');
  }
  return parsed.data;
}

/** A Chinese name is surname then given name, with no space; any other, given then family. */
function reporterName(first: string | null, last: string | null): string | null {
  if (first === null || last === null) return first ?? last;
  return /^[\u3400-\u9fff]/.test(last) ? `${last}${first}` : `${first} ${last}`;
}

export function readReportForm(form: Form): ReportForm {
  const serviceCode = single(form, 'service_code');
  if (serviceCode === null) throw new FormError('service_code is required');
  const attributes = new Map<string, string>();
  for (const key of Object.keys(form)) {
    const code = ATTRIBUTE.exec(key)?.[1];
    if (code === undefined) continue;
    if (!(ATTRIBUTE_CODES as readonly string[]).includes(code))
      throw new FormError(`${key} is not an attribute of this service`);
    const value = single(form, key);
    if (value !== null) attributes.set(code, value);
  }
  const point = pointOf(form);
  const address = single(form, 'address_string');
  if (point === null && address === null && single(form, 'address_id') === null) {
    throw new FormError('a location is required: lat and long, address_string or address_id');
  }
  const description = single(form, 'description');
  if (description === null) throw new FormError('description is required');
  const name = reporterName(single(form, 'first_name'), single(form, 'last_name'));
  const phone = single(form, 'phone');
  if (phone !== null && name === null) throw new FormError('phone needs first_name or last_name');
  return {
    serviceCode,
    point,
    address,
    description,
    kind: attributes.get('kind') ?? null,
    priority: attributes.get('priority') ?? null,
    title: attributes.get('title') ?? null,
    clientRequestId: attributes.get('client_request_id') ?? null,
    reporter: name === null ? null : { name, ...(phone === null ? {} : { phone }) },
  };
}

/** The body `POST /v1/cases` would take, to be validated by its own schema (NewCaseSchema). */
export function newCaseBody(form: ReportForm, category: Category, locality: string): Record<string, unknown> {
  const kind = form.kind ?? category.defaultKind;
  if (kind === null) throw new FormError(`attribute[kind] is required for service ${category.code}`);
  if (!(CASE_KINDS as readonly string[]).includes(kind))
    throw new FormError(`attribute[kind] must be one of ${CASE_KINDS.join(', ')}`);
  if (form.priority !== null && !(PRIORITIES as readonly string[]).includes(form.priority)) {
    throw new FormError(`attribute[priority] must be one of ${PRIORITIES.join(', ')}`);
  }
  return {
    kind,
    category: category.code,
    title: form.title ?? [...form.description].slice(0, DERIVED_TITLE_LENGTH).join(''),
    description: form.description,
    locality,
    priority: form.priority ?? 'normal',
    ...(form.reporter ? { reporter: form.reporter } : {}),
  };
}

/** NewCaseSchema's paths, named as the form's parameters. */
export const PARAMETER_OF: Record<string, string> = {
  title: 'attribute[title]',
  description: 'description',
  'reporter.name': 'first_name/last_name',
  'reporter.phone': 'phone',
};
