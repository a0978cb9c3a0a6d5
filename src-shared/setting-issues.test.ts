import { describe, expect, it } from 'vitest';
import { ProfileChangesSchema, ProfileDraftSchema } from './profile';
import { refusal } from './refusals';
import { secretSchemaFor } from './secret';
import { saidOf } from './argument-said';

const said = (result: { success: boolean; error?: { issues: Parameters<typeof saidOf>[0][] } }) =>
  result.error?.issues.map(saidOf) ?? [];
const draft = { displayName: 'Front desk', host: 'pbx.example.com', username: 'desk' };

describe("a profile's settings refused as codes the page words", () => {
  it('names the setting a text problem is about', () => {
    expect(said(ProfileDraftSchema.safeParse({ ...draft, displayName: ' Front desk' }))).toEqual([
      refusal('settingEdgeSpaces', { setting: 'displayName' }),
    ]);
    expect(said(ProfileChangesSchema.safeParse({ host: 'pbx\r\nAction: Originate' }))).toContainEqual(
      refusal('settingHasLineBreak', { setting: 'host' }),
    );
    expect(said(ProfileChangesSchema.safeParse({ dialContext: 'x'.repeat(201) }))).toEqual([
      refusal('settingTooLong', { setting: 'dialContext', max: 200 }),
    ]);
  });

  it("names the recording pattern's unknown placeholder and the ones allowed", () => {
    expect(said(ProfileChangesSchema.safeParse({ recordingPattern: '${date}-${agent}' }))).toEqual([
      refusal('recordingUnknownPlaceholder', {
        placeholder: '${agent}',
        allowed: '${date}, ${time}, ${caller}, ${callee}, ${exten}, ${uniqueid}',
      }),
    ]);
  });

  it('says which settings a draft has that a profile does not know', () => {
    expect(said(ProfileDraftSchema.safeParse({ ...draft, secret: 'hunter2' }))).toEqual([
      refusal('unknownSettings', { names: 'secret' }),
    ]);
  });
});

describe('a secret a login cannot carry', () => {
  // The PBX reads 1024 bytes a line; `Secret: ` and the line end take 10.
  const plain = secretSchemaFor('plain');
  const md5 = secretSchemaFor('md5');

  it('refuses a plain secret over one AMI line by its bytes, and lets MD5 send only its digest', () => {
    expect(plain.safeParse('s'.repeat(1014)).success).toBe(true);
    expect(said(plain.safeParse('s'.repeat(1015)))).toEqual([refusal('secretTooLongForPlain', { max: 1014 })]);
    // 400 characters of three bytes each: short in characters, too long on the line.
    expect(said(plain.safeParse('密'.repeat(400)))).toEqual([refusal('secretTooLongForPlain', { max: 1014 })]);
    expect(md5.safeParse('密'.repeat(400)).success).toBe(true);
  });

  it('refuses an empty secret, one past 1024 characters, and a line break', () => {
    expect(said(md5.safeParse(''))).toEqual([refusal('secretEmpty', {})]);
    expect(said(md5.safeParse('s'.repeat(1025)))).toEqual([refusal('secretTooLong', { max: 1024 })]);
    expect(said(md5.safeParse('a\r\nAction: Logoff'))).toEqual([refusal('secretHasLineBreak', {})]);
  });
});
