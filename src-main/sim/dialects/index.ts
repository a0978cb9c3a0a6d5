import { renderBridgeEra } from './bridge-era';
import { renderLegacy } from './legacy';
import type { DialectProfile, SimDialect } from './types';

export type { DialectProfile, RenderedEvent, SimDialect } from './types';

/** The one table of what each simulated Asterisk version is. */
export const DIALECTS: Record<SimDialect, DialectProfile> = {
  'asterisk-11': {
    id: 'asterisk-11',
    amiVersion: '1.3',
    asteriskVersion: '11.25.3',
    tech: 'SIP',
    hasMonitor: true,
    modernActions: false,
    commandStyle: 'follows',
    timestamps: true,
    render: renderLegacy,
  },
  'asterisk-18': {
    id: 'asterisk-18',
    amiVersion: '7.0.0',
    asteriskVersion: '18.26.4',
    tech: 'PJSIP',
    hasMonitor: true,
    modernActions: true,
    commandStyle: 'output',
    timestamps: true,
    render: renderBridgeEra,
  },
  'asterisk-22': {
    id: 'asterisk-22',
    amiVersion: '11.0.0',
    asteriskVersion: '22.6.0',
    tech: 'PJSIP',
    hasMonitor: false,
    modernActions: true,
    commandStyle: 'output',
    timestamps: true,
    render: renderBridgeEra,
  },
};

export function bannerFor(dialect: DialectProfile): string {
  return `Asterisk Call Manager/${dialect.amiVersion}\r\n`;
}
