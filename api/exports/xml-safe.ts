// Characters XML 1.0 forbids: one of them in a resident's text or a unit's name would make a whole
// .xlsx file unreadable, so every exported string passes through here. The control-character range
// is the point of this pattern, hence the lint exception.
// eslint-disable-next-line no-control-regex
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export const xmlSafe = (value: string | number): string | number =>
  typeof value === 'string' ? value.replace(XML_ILLEGAL, '') : value;
