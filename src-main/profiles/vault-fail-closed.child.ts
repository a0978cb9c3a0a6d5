/**
 * Run by vault.test.ts in a child process whose D-Bus address points nowhere, so keytar meets
 * "no Secret Service" for real (libsecret keeps one bus connection per process, so this cannot be
 * staged inside the test process). Prints the outcomes as JSON; the secret arrives in the env.
 */
import { CredentialService } from './credentials';
import { ProfileStore } from './profile-store';
import { KeytarVault } from './vault';

const userDataDir = process.env['FAIL_CLOSED_USER_DATA_DIR'];
const profileId = process.env['FAIL_CLOSED_PROFILE_ID'];
const secret = process.env['FAIL_CLOSED_SECRET'];
if (!userDataDir || !profileId || !secret) throw new Error('FAIL_CLOSED_* variables are required');

const vault = new KeytarVault();
const credentials = new CredentialService({ vault, profiles: new ProfileStore({ userDataDir }) });
const probe = await vault.probe();
const saved = await credentials.saveSecret(profileId, secret, true);
const hasSavedSecret = await credentials.hasSavedSecret(profileId);
const forConnect = await credentials.secretForConnect(profileId);
credentials.dropSessionSecrets();
const afterLogout = await credentials.secretForConnect(profileId);
process.stdout.write(
  JSON.stringify({
    probe,
    saved,
    hasSavedSecret,
    connectSource: forConnect.kind === 'secret' ? forConnect.source : forConnect.kind,
    connectSecretMatches: forConnect.kind === 'secret' && forConnect.secret === secret,
    afterLogout,
  }),
);
