/** AMI protocol version (the banner's) → the Asterisk release that ships it. From AMI-NOTES.md. */
const RELEASE_BY_AMI_VERSION: ReadonlyArray<readonly [ami: string, release: string]> = [
  ['1.0', '1.4'],
  ['1.1', '1.8'],
  ['1.2', '10'],
  ['1.3', '11'],
  ['2.0', '12'],
  ['2.5', '13'],
  ['2.8', '13.7 or 14'],
  ['4.0', '15'],
  ['5.0', '16'],
  ['6.0', '17'],
  ['7.0', '18'],
  ['8.0', '19'],
  ['9.0', '20'],
  ['10.0', '21'],
  ['11.0', '22'],
  ['12.0', '23'],
];

/** A best guess at the release, used only when CoreSettings (which says it exactly) is not permitted. */
export function releaseFromAmiVersion(amiVersion: string): string | undefined {
  const [major = '', minor = '0'] = amiVersion.split('.');
  const key = `${major}.${minor}`;
  return RELEASE_BY_AMI_VERSION.find(([ami]) => ami === key)?.[1];
}
