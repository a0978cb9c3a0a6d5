import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ICNS_TYPES, ICO_SIZES, ICON_SIZES, packIco, pngSize, readIcns, readIco, type IconSize } from './icon-files';

const resources = resolve(import.meta.dirname, '../../resources');
const committedPng = (size: IconSize) => readFileSync(resolve(resources, 'icons', `${size}x${size}.png`));

describe('the generated icons (npm run icons, from resources/icon.svg)', () => {
  it('has a PNG at every size, each as large as its name says', () => {
    for (const size of ICON_SIZES)
      expect(pngSize(committedPng(size)), `${size}`).toEqual({ width: size, height: size });
  });

  it('packs every Windows size into icon.ico', () => {
    const entries = readIco(readFileSync(resolve(resources, 'icon.ico')));
    expect(entries.map((entry) => entry.declared)).toEqual(ICO_SIZES);
    for (const entry of entries) expect(entry.png).toEqual({ width: entry.declared, height: entry.declared });
  });

  it('packs every macOS element into icon.icns at the size its type expects', () => {
    const elements = readIcns(readFileSync(resolve(resources, 'icon.icns')));
    expect(elements).toEqual(ICNS_TYPES.map(([type, size]) => ({ type, png: { width: size, height: size } })));
  });

  it('refuses a PNG whose size does not match its slot', () => {
    const pngs = new Map(ICON_SIZES.map((size) => [size, committedPng(size)] as const));
    pngs.set(48, committedPng(64));
    expect(() => packIco(pngs)).toThrow('the 48x48 PNG is 64x64');
    expect(() => pngSize(Buffer.from('GIF89a not a png at all'))).toThrow('not a PNG');
  });
});
