import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../../helpers/tmp';
import { parseProfileNames, readProfileNames } from '../../../src/extension/aws/profiles';

const config = `[default]
region = eu-west-1

[profile prod-readonly]   # comment
role_arn = arn:aws:iam::123456789012:role/ReadOnly
source_profile = default

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start

[services local]
lambda =
  endpoint_url = http://localhost:4566

  [profile  dev ]
sso_session = corp
`;
const credentials = `[default]
aws_access_key_id = AKIAEXAMPLEKEY
aws_secret_access_key = secret/value[with]brackets

[ci]
aws_access_key_id = AKIAOTHER
`;

describe('AWS profile names', () => {
  it('lists default first, then config and credentials profiles; skips sso-session and services sections', () => {
    assert.deepEqual(parseProfileNames(config, credentials), ['default', 'ci', 'dev', 'prod-readonly']);
  });
  it('never returns anything from key/value lines', () => {
    const names = parseProfileNames(config, credentials).join(' ');
    for (const v of ['AKIA', 'secret', 'arn:', 'https', 'brackets']) assert.ok(!names.includes(v), v);
  });
  it('reads the files named by AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE and tolerates missing ones', async () => {
    const dir = tempDir('ls-prof-');
    writeFileSync(path.join(dir, 'c'), config);
    assert.deepEqual(await readProfileNames({ AWS_CONFIG_FILE: path.join(dir, 'c'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'missing') }), [
      'default',
      'dev',
      'prod-readonly',
    ]);
  });
  it('returns an empty list with no files', () => assert.deepEqual(parseProfileNames('', ''), []));
});
