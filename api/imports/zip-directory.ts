import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Writable, type Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

// A zip's central directory (PKWARE APPNOTE 4.3.12, 4.3.16): what each entry says it holds, read from
// the end of the file without inflating anything, and a check of what an entry really inflates to.

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** The file is not a zip this reader takes (no directory, ZIP64, a method other than stored or deflate). */
export class UnreadableZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableZipError';
  }
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** The end record is 22 bytes, followed by a comment of at most 65,535. */
const END_SEARCH = 22 + 0xffff;
const ZIP64 = 0xffffffff;

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  if (bytesRead !== length) throw new UnreadableZipError('the file ends inside its zip directory');
  return buffer;
}

export async function readZipDirectory(file: FileHandle, fileSize: number): Promise<ZipEntry[]> {
  const tailLength = Math.min(fileSize, END_SEARCH);
  const tail = await readAt(file, fileSize - tailLength, tailLength);
  let end = -1;
  for (let i = tail.length - 22; i >= 0 && end < 0; i--) if (tail.readUInt32LE(i) === END_OF_DIRECTORY) end = i;
  if (end < 0) throw new UnreadableZipError('the file is not a zip (an .xlsx is one)');
  const count = tail.readUInt16LE(end + 10);
  const size = tail.readUInt32LE(end + 12);
  const offset = tail.readUInt32LE(end + 16);
  if (count === 0xffff || size === ZIP64 || offset === ZIP64) throw new UnreadableZipError('ZIP64 is not accepted');
  if (offset + size > fileSize) throw new UnreadableZipError('the zip directory lies outside the file');
  const directory = await readAt(file, offset, size);
  const entries: ZipEntry[] = [];
  for (let at = 0; entries.length < count;) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== DIRECTORY_ENTRY) {
      throw new UnreadableZipError('the zip directory is damaged');
    }
    const nameLength = directory.readUInt16LE(at + 28);
    const entry: ZipEntry = {
      name: directory.toString('utf8', at + 46, at + 46 + nameLength),
      method: directory.readUInt16LE(at + 10),
      compressedSize: directory.readUInt32LE(at + 20),
      uncompressedSize: directory.readUInt32LE(at + 24),
      localHeaderOffset: directory.readUInt32LE(at + 42),
    };
    if ([entry.compressedSize, entry.uncompressedSize, entry.localHeaderOffset].includes(ZIP64)) {
      throw new UnreadableZipError('ZIP64 is not accepted');
    }
    if (entry.method !== 0 && entry.method !== 8) {
      throw new UnreadableZipError(`${entry.name} uses compression method ${entry.method}`);
    }
    entries.push(entry);
    at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
  }
  return entries;
}

/**
 * Streams what `entry` really inflates to through `onChunk`, failing once it passes what the
 * directory declared: a zip that understates its sizes is refused after at most that many bytes.
 */
export async function inflateEntry(
  path: string,
  file: FileHandle,
  entry: ZipEntry,
  onChunk: (chunk: Buffer) => void,
): Promise<void> {
  const header = await readAt(file, entry.localHeaderOffset, 30);
  if (header.readUInt32LE(0) !== LOCAL_HEADER) throw new UnreadableZipError(`${entry.name} has no local header`);
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  let inflated = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      inflated += chunk.length;
      if (inflated > entry.uncompressedSize) {
        callback(
          new UnreadableZipError(`${entry.name} inflates to more than the ${entry.uncompressedSize} bytes it declares`),
        );
        return;
      }
      try {
        onChunk(chunk);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
  if (entry.compressedSize === 0) {
    if (entry.uncompressedSize === 0) return;
    throw new UnreadableZipError(`${entry.name} declares content it does not hold`);
  }
  const compressed: Readable = createReadStream(path, { start, end: start + entry.compressedSize - 1 });
  try {
    if (entry.method === 8) await pipeline(compressed, createInflateRaw(), sink);
    else await pipeline(compressed, sink);
  } catch (error) {
    // zlib's own errors (Z_DATA_ERROR, Z_BUF_ERROR) mean damaged data; anything else is the caller's.
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('Z_'))
      throw new UnreadableZipError(`${entry.name} cannot be inflated`);
    throw error;
  }
  if (inflated !== entry.uncompressedSize) throw new UnreadableZipError(`${entry.name} is shorter than it declares`);
}
