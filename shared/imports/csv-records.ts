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

/** Parses `text`; `text[i + 1]` is only looked at where the caller guarantees it is known. */
function* parse(s: State, text: string): Generator<CsvRecord> {
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
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
  const state: State = { row: 0, fields: [], field: '', quoted: false, closed: false };
  let carry = '';
  let first = true;
  for await (const chunk of input) {
    let text = carry + decoder.decode(chunk as Uint8Array, { stream: true });
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    // A quote or CR at the end of a chunk needs the next character to be understood (a doubled
    // quote, CRLF): hold it back and read it with the next chunk.
    const last = text[text.length - 1];
    carry = last === '"' || last === '\r' ? last : '';
    yield* parse(state, carry ? text.slice(0, -1) : text);
  }
  yield* parse(state, carry + decoder.decode());
  if (state.quoted) throw new CsvSyntaxError(state.row + 1);
  if (state.field !== '' || state.fields.length > 0) {
    const record = endRecord(state);
    if (record) yield record;
  }
}
