import { node, toXml, type XmlNode } from './xml';

// One description of each GeoReport v2 answer, written out as JSON or as XML, so that the two
// formats cannot drift apart: a record is ordered fields (the XML element order the specification's
// examples use), a list names its items' element (`<services><service>…`), and JSON drops the names.

export type Scalar = string | number | boolean | null;

export interface OpenRecord {
  kind: 'record';
  fields: Array<[string, OpenValue]>;
}

export interface OpenList {
  kind: 'list';
  item: string;
  items: Array<Scalar | OpenRecord>;
}

export type OpenValue = Scalar | OpenRecord | OpenList;

export const record = (fields: Array<[string, OpenValue]>): OpenRecord => ({ kind: 'record', fields });
export const list = (item: string, items: Array<Scalar | OpenRecord>): OpenList => ({ kind: 'list', item, items });

const isScalar = (value: OpenValue): value is Scalar => value === null || typeof value !== 'object';

export function toJsonValue(value: OpenValue): unknown {
  if (isScalar(value)) return value;
  if (value.kind === 'list') return value.items.map(toJsonValue);
  return Object.fromEntries(value.fields.map(([key, field]) => [key, toJsonValue(field)]));
}

function toNode(name: string, value: OpenValue): XmlNode {
  if (isScalar(value)) return node(name, value);
  if (value.kind === 'list')
    return node(
      name,
      value.items.map((item) => toNode(value.item, item)),
    );
  return node(
    name,
    value.fields.map(([key, field]) => toNode(key, field)),
  );
}

/** The answer as the XML document the specification shows, `root` its outer element. */
export const toXmlDocument = (root: string, value: OpenValue): string => toXml(toNode(root, value));

export type Format = 'json' | 'xml';

/** The body and its Content-Type in the format the URL asked for. */
export function render(format: Format, root: string, value: OpenValue): { body: string; contentType: string } {
  return format === 'xml'
    ? { body: toXmlDocument(root, value), contentType: 'application/xml; charset=utf-8' }
    : { body: JSON.stringify(toJsonValue(value)), contentType: 'application/json; charset=utf-8' };
}
