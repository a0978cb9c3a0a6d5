const AMI_BANNER = /^Asterisk Call Manager\/(\S+)/;

/** `Asterisk Call Manager/9.0.0` → `9.0.0`; undefined when the line is not an AMI banner. */
export function parseBannerVersion(line: string): string | undefined {
  return AMI_BANNER.exec(line)?.[1];
}
