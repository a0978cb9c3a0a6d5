/**
 * The icon containers the installers want, packed from PNGs (one per size) rendered from
 * resources/icon.svg: Windows .ico (PNG entries, Vista and later) and macOS .icns (PNG entries).
 */

/** The sizes generated, each an NxN PNG; Linux desktops pick from resources/icons/NxN.png. */
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
export type IconSize = (typeof ICON_SIZES)[number];

export const ICO_SIZES: readonly IconSize[] = [16, 24, 32, 48, 64, 128, 256];

/** icns element types that hold PNG data, with the pixel size each expects. */
export const ICNS_TYPES: readonly (readonly [string, IconSize])[] = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR; throws on anything that is not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG file');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

type Pngs = ReadonlyMap<IconSize, Buffer>;

function pngOf(pngs: Pngs, size: IconSize): Buffer {
  const png = pngs.get(size);
  if (!png) throw new Error(`no ${size}x${size} PNG`);
  const { width, height } = pngSize(png);
  if (width !== size || height !== size) throw new Error(`the ${size}x${size} PNG is ${width}x${height}`);
  return png;
}

export function packIco(pngs: Pngs): Buffer {
  const images = ICO_SIZES.map((size) => ({ size, png: pngOf(pngs, size) }));
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map(({ png }) => png)]);
}

export function packIcns(pngs: Pngs): Buffer {
  const elements = ICNS_TYPES.map(([type, size]) => {
    const png = pngOf(pngs, size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(elements);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + body.length, 4);
  return Buffer.concat([head, body]);
}

/** The images in an .ico, for checking one: each entry's declared size and its PNG's own size. */
export function readIco(ico: Buffer): { declared: number; png: { width: number; height: number } }[] {
  if (ico.readUInt16LE(0) !== 0 || ico.readUInt16LE(2) !== 1) throw new Error('not an .ico file');
  return Array.from({ length: ico.readUInt16LE(4) }, (_, index) => {
    const entry = 6 + 16 * index;
    const declared = ico.readUInt8(entry) || 256;
    const length = ico.readUInt32LE(entry + 8);
    const offset = ico.readUInt32LE(entry + 12);
    return { declared, png: pngSize(ico.subarray(offset, offset + length)) };
  });
}

/** The elements in an .icns: type and its PNG's size. */
export function readIcns(icns: Buffer): { type: string; png: { width: number; height: number } }[] {
  if (icns.toString('latin1', 0, 4) !== 'icns' || icns.readUInt32BE(4) !== icns.length) {
    throw new Error('not an .icns file');
  }
  const elements: { type: string; png: { width: number; height: number } }[] = [];
  for (let offset = 8; offset < icns.length;) {
    const type = icns.toString('latin1', offset, offset + 4);
    const length = icns.readUInt32BE(offset + 4);
    elements.push({ type, png: pngSize(icns.subarray(offset + 8, offset + length)) });
    offset += length;
  }
  return elements;
}
