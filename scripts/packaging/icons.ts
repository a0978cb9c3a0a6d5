// Renders resources/icon.svg in Chromium at every size the installers and the tray use, and packs
// the Windows .ico and macOS .icns from them: `npm run icons`. The outputs are committed, so
// `npm run dist` needs no browser.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_PATH } from '../../playwright.config';
import { ICON_SIZES, packIcns, packIco, type IconSize } from './icon-files';

const resources = resolve('resources');
const svg = readFileSync(join(resources, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH });
try {
  const pngs = new Map<IconSize, Buffer>();
  for (const size of ICON_SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const source = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}</style><img src="${source}" width="${size}" height="${size}">`,
    );
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    pngs.set(size, await page.screenshot({ omitBackground: true }));
    await page.close();
  }
  mkdirSync(join(resources, 'icons'), { recursive: true });
  for (const [size, png] of pngs) writeFileSync(join(resources, 'icons', `${size}x${size}.png`), png);
  writeFileSync(join(resources, 'icon.ico'), packIco(pngs));
  writeFileSync(join(resources, 'icon.icns'), packIcns(pngs));
  console.log(`icons: ${pngs.size} PNGs, icon.ico and icon.icns written to ${resources}`);
} finally {
  await browser.close();
}
