import { createWriteStream } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { inflateEntry, readZipDirectory } from './zip-directory';

// An .xlsx is a zip: a few hundred KiB can inflate to gigabytes (a zip bomb), and exceljs would read
// it all, holding the shared strings in memory. The upload is therefore spooled to a temporary file
// and checked before anything is parsed or stored: first what its directory declares (no inflating),
// then, in one streaming pass bounded by those declarations, what it really inflates to and how many
// rows its worksheets hold.

/** Far beyond a city's visits (200,000 rows are some 60 MiB of sheet XML); a bomb is refused unread. */
export const XLSX_LIMITS = { uncompressedBytes: 256 * 1024 * 1024, rows: 200_000, entries: 1_000 };

/** The file passes a limit: 413, and nothing is stored. */
export class XlsxLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XlsxLimitError';
  }
}

export interface SpooledFile {
  path: string;
  remove(): Promise<void>;
}

/** Writes `input` to a private temporary file (the directory is created 0700). */
export async function spool(input: Readable): Promise<SpooledFile> {
  const directory = await mkdtemp(join(tmpdir(), 'duban-import-'));
  const remove = () => rm(directory, { recursive: true, force: true });
  const path = join(directory, 'upload.xlsx');
  try {
    await pipeline(input, createWriteStream(path, { mode: 0o600 }));
  } catch (error) {
    await remove();
    throw error;
  }
  return { path, remove };
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;
const ROW_START = Buffer.from('<row');
/** What may follow the element name `row` (space, tab, newline, carriage return, `>`, `/`), unlike `<rowBreaks`. */
const AFTER_ROW = new Set([0x20, 0x09, 0x0a, 0x0d, 0x3e, 0x2f]);

/** Refuses (XlsxLimitError) a workbook past XLSX_LIMITS; an unreadable zip is UnreadableZipError. */
export async function checkXlsxLimits(path: string, limits = XLSX_LIMITS): Promise<void> {
  const file = await open(path, 'r');
  try {
    const entries = await readZipDirectory(file, (await stat(path)).size);
    if (entries.length > limits.entries)
      throw new XlsxLimitError(`the workbook holds more than ${limits.entries} parts`);
    const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
    if (declared > limits.uncompressedBytes) {
      throw new XlsxLimitError(`the workbook inflates to ${declared} bytes, more than ${limits.uncompressedBytes}`);
    }
    let rows = 0;
    for (const entry of entries) {
      if (!WORKSHEET.test(entry.name)) {
        await inflateEntry(path, file, entry, () => {});
        continue;
      }
      // A `<row` cut by a chunk's end, or whose next byte is in the next chunk, is counted with the next:
      // the last four bytes are searched again, and a match counts only once the byte after it is seen.
      let carry = Buffer.alloc(0);
      await inflateEntry(path, file, entry, (chunk) => {
        const text = Buffer.concat([carry, chunk]);
        const last = text.length - ROW_START.length - 1;
        for (let at = text.indexOf(ROW_START); at >= 0 && at <= last; at = text.indexOf(ROW_START, at + 1)) {
          if (AFTER_ROW.has(text[at + ROW_START.length]!)) rows += 1;
        }
        if (rows > limits.rows) throw new XlsxLimitError(`the workbook holds more than ${limits.rows} rows`);
        carry = text.subarray(Math.max(0, last + 1));
      });
    }
  } finally {
    await file.close();
  }
}
