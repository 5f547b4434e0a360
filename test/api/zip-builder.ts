// Zips written byte by byte (PKWARE APPNOTE 4.3), so a test can build what no library would: an entry
// that inflates to a gigabyte from a few hundred KiB, or one whose directory understates its size.
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface ZipPart {
  name: string;
  /** Raw deflate data, complete with its final block. */
  deflated: Buffer;
  crc: number;
  size: number;
  /** What the headers say the part inflates to; its real size unless a test makes them lie. */
  declaredSize?: number;
}

export const deflatedPart = (name: string, content: Buffer | string): ZipPart => {
  const data = Buffer.from(content);
  return { name, deflated: deflateRawSync(data), crc: crc32(data), size: data.length };
};

/**
 * `head`, then `filler` repeated `times`, then `tail`, deflated without holding the whole in memory:
 * each piece is flushed fully (byte-aligned, no reference to earlier data), so one compressed filler
 * can be repeated as is.
 */
export function repeatedPart(name: string, head: string, filler: Buffer, times: number, tail: string): ZipPart {
  const flushed = (data: Buffer) => deflateRawSync(data, { finishFlush: constants.Z_FULL_FLUSH });
  const headData = Buffer.from(head);
  const tailData = Buffer.from(tail);
  const fillerDeflated = flushed(filler);
  let crc = crc32(headData);
  for (let i = 0; i < times; i++) crc = crc32(filler, crc);
  crc = crc32(tailData, crc);
  const deflated = Buffer.concat([
    flushed(headData),
    ...Array<Buffer>(times).fill(fillerDeflated),
    deflateRawSync(tailData),
  ]);
  return { name, deflated, crc, size: headData.length + filler.length * times + tailData.length };
}

export function zipOf(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const size = part.declaredSize ?? part.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(part.crc >>> 0, 14);
    local.writeUInt32LE(part.deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(part.crc >>> 0, 16);
    central.writeUInt32LE(part.deflated.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, part.deflated);
    directory.push(central, name);
    offset += local.length + name.length + part.deflated.length;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directoryBytes, end]);
}
