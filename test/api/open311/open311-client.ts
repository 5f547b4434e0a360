// A small GeoReport v2 client written from the specification (http://wiki.open311.org/GeoReport_v2)
// and its examples, not from duban's code: its own types, form-encoded POSTs, JSON and XML parsing.
// It speaks to the app through `inject`, which goes through the same HTTP handling as a socket.
import type { FastifyInstance } from 'fastify';
import { XMLParser } from 'fast-xml-parser';

export type Format = 'json' | 'xml';

/** The specification's service request as GET requests answers it. */
export interface ServiceRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes?: string | null;
  service_name?: string | null;
  service_code: string;
  description?: string | null;
  agency_responsible?: string | null;
  service_notice?: string | null;
  requested_datetime: string;
  updated_datetime?: string | null;
  expected_datetime?: string | null;
  address?: string | null;
  lat?: number | null;
  long?: number | null;
}

export interface Answer {
  status: number;
  contentType: string;
  body: string;
}

/** The element names of each XML document, in the order the specification's examples give them. */
export const SPEC_ORDER = {
  discovery: ['changeset', 'contact', 'key_service', 'endpoints'],
  endpoint: ['specification', 'url', 'changeset', 'type', 'formats'],
  service: ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'],
  service_definition: ['service_code', 'attributes'],
  attribute: ['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description', 'values'],
  post_request: ['service_request_id', 'service_notice', 'account_id'],
  request: [
    'service_request_id',
    'status',
    'status_notes',
    'service_name',
    'service_code',
    'description',
    'agency_responsible',
    'service_notice',
    'requested_datetime',
    'updated_datetime',
    'expected_datetime',
    'address',
    'address_id',
    'zipcode',
    'lat',
    'long',
    'media_url',
  ],
  error: ['code', 'description'],
} as const;

export class Open311Client {
  constructor(
    private readonly app: FastifyInstance,
    private readonly apiKey: string | null,
  ) {}

  async get(path: string, query: Record<string, string> = {}, withKey = true): Promise<Answer> {
    const params = new URLSearchParams({ ...query, ...(withKey && this.apiKey ? { api_key: this.apiKey } : {}) });
    const response = await this.app.inject({ method: 'GET', url: `/open311/v2/${path}?${params.toString()}` });
    return { status: response.statusCode, contentType: String(response.headers['content-type']), body: response.body };
  }

  /** POST requests.{format}, form-encoded as the specification says. */
  async postRequest(
    format: Format,
    fields: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const form = new URLSearchParams({ ...(this.apiKey ? { api_key: this.apiKey } : {}), ...fields });
    const response = await this.app.inject({
      method: 'POST',
      url: `/open311/v2/requests.${format}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: form.toString(),
    });
    return { status: response.statusCode, contentType: String(response.headers['content-type']), body: response.body };
  }
}

const ordered = new XMLParser({ preserveOrder: true, parseTagValue: false, ignoreDeclaration: true });
const plain = new XMLParser({ parseTagValue: false, ignoreDeclaration: true, isArray: () => false });

type OrderedNode = Record<string, OrderedNode[] | string>;

/** The child element names of the first element called `name` anywhere in the document, in order. */
export function childNames(xml: string, name: string): string[] {
  const find = (nodes: OrderedNode[]): string[] | null => {
    for (const node of nodes) {
      for (const [key, children] of Object.entries(node)) {
        if (key === '#text' || !Array.isArray(children)) continue;
        if (key === name) return children.flatMap((child) => Object.keys(child).filter((k) => k !== '#text'));
        const inner = find(children);
        if (inner) return inner;
      }
    }
    return null;
  };
  return find(ordered.parse(xml) as OrderedNode[]) ?? [];
}

/** The document's root element name and its content as plain objects (text values as strings). */
export function parseXml(xml: string): { root: string; content: unknown } {
  const parsed = plain.parse(xml) as Record<string, unknown>;
  const [root] = Object.keys(parsed);
  return { root: root!, content: parsed[root!] };
}

/** A list element's items, whether the parser gave one object or several. */
export const itemsOf = <T>(content: unknown, item: string): T[] => {
  const value = (content as Record<string, unknown> | '')?.[item as never] as T | T[] | undefined;
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
};
