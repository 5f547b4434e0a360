import type { Readable } from 'node:stream';

// A streaming RFC 4180 reader: records come out as the bytes come in, so a 25,000-row upload is
// never held in memory whole. UTF-8 (a leading BOM, as Excel writes it, is dropped); CRLF or LF;
// quoted fields may hold commas, doubled quotes and line breaks.

export interface CsvRecord {
  /** 1-based record number: the header is record 1, as a spreadsheet numbers its rows. */
  row: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(readonly row: number) {
    super(`row ${row}: a quoted field is never closed`);
    this.name = 'CsvSyntaxError';
  }
}

/** The parser's state between chunks. */
interface State {
  row: number;
  fields: string[];
  field: string;
  quoted: boolean;
  /** The closing quote of the field was read; anything but a comma or line end is ignored. */
  closed: boolean;
  /** The end of the last chunk, held back until the next one says what it means. */
  rest: string;
}

function endRecord(s: State): CsvRecord | null {
  s.fields.push(s.field);
  const fields = s.fields;
  s.fields = [];
  s.field = '';
  s.closed = false;
  s.row += 1;
  // A blank line is no record, but it keeps its number so rows match what a spreadsheet shows.
  return fields.length === 1 && fields[0] === '' ? null : { row: s.row, fields };
}

/**
 * Parses `text`. A quote inside a quoted field, or a CR, needs the next character to be understood
 * (a doubled quote, CRLF): when that character is still to come (`final` false), parsing stops
 * before it and `state.rest` keeps it for the next chunk.
 */
function* parse(s: State, text: string, final: boolean): Generator<CsvRecord> {
  s.rest = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (!final && i === text.length - 1 && (c === '\r' || (c === '"' && s.quoted))) {
      s.rest = c;
      return;
    }
    if (s.quoted) {
      if (c !== '"') s.field += c;
      else if (text[i + 1] === '"') {
        s.field += '"';
        i++;
      } else {
        s.quoted = false;
        s.closed = true;
      }
    } else if (c === '"' && s.field === '' && !s.closed) s.quoted = true;
    else if (c === ',') {
      s.fields.push(s.field);
      s.field = '';
      s.closed = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      const record = endRecord(s);
      if (record) yield record;
    } else if (!s.closed) s.field += c;
  }
}

export async function* csvRecords(input: Readable): AsyncGenerator<CsvRecord> {
  const decoder = new TextDecoder('utf-8');
  const state: State = { row: 0, fields: [], field: '', quoted: false, closed: false, rest: '' };
  let first = true;
  for await (const chunk of input) {
    let text = state.rest + decoder.decode(chunk as Uint8Array, { stream: true });
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    yield* parse(state, text, false);
  }
  yield* parse(state, state.rest + decoder.decode(), true);
  if (state.quoted) throw new CsvSyntaxError(state.row + 1);
  if (state.field !== '' || state.fields.length > 0) {
    const record = endRecord(state);
    if (record) yield record;
  }
}
