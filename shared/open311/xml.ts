// A small XML writer for GeoReport v2's answers: elements, text and nothing else (no attributes,
// no namespaces, no mixed content), which is all the specification's documents use.

/** A value: text (numbers and booleans as the spec writes them), null for an empty element, or children. */
export type XmlValue = string | number | boolean | null | XmlNode[];

export interface XmlNode {
  name: string;
  value: XmlValue;
}

export const node = (name: string, value: XmlValue): XmlNode => ({ name, value });

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Characters XML 1.0 cannot carry at all, escaped or not (§2.2): the C0 controls but tab, LF and CR,
 * lone surrogates, U+FFFE and U+FFFF. Each becomes U+FFFD, so a stray control character a client
 * once typed never makes the whole answer unparseable.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|\p{Cs}/gu;

export function escapeText(text: string): string {
  return text.replace(NOT_XML, '\ufffd').replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function write(element: XmlNode, out: string[]): void {
  // Names come from this code, never from input; a wrong one is a bug to stop at, not to escape.
  if (!NAME.test(element.name)) throw new Error(`not an XML element name: ${element.name}`);
  const { name, value } = element;
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
    out.push(`<${name}/>`);
  } else if (Array.isArray(value)) {
    out.push(`<${name}>`);
    for (const child of value) write(child, out);
    out.push(`</${name}>`);
  } else {
    out.push(`<${name}>${escapeText(String(value))}</${name}>`);
  }
}

/** The document: the declaration, then the root element, with no whitespace between elements. */
export function toXml(root: XmlNode): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>'];
  write(root, out);
  return out.join('');
}
