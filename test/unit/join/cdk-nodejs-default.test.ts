// A CDK NodejsFunction that names no runtime deploys on the construct's default, which the app's cdk.json flag
// `@aws-cdk/aws-lambda-nodejs:useLatestRuntimeVersion` and the aws-cdk-lib version decide (src/core/join/cdkDefaults.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectKind } from '../../../src/core/detect';
import { extractCdkJson } from '../../../src/core/model/build';
import { assessTexts } from '../../helpers/assessTexts';

const STACK = (props: string) => `import { Stack } from 'aws-cdk-lib';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
export class S extends Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    new NodejsFunction(this, 'Reader', { entry: 'lambda/reader.js'${props} });
  }
}
`;
const CDK_JSON = (flag?: unknown) =>
  JSON.stringify({
    app: 'npx ts-node bin/app.ts',
    context: flag === undefined ? { '@aws-cdk/core:stackRelativeExports': true } : { '@aws-cdk/aws-lambda-nodejs:useLatestRuntimeVersion': flag },
  });
const PACKAGE = (lib?: string) =>
  JSON.stringify({ name: 'app', dependencies: lib ? { 'aws-cdk-lib': lib, constructs: '^10.0.0' } : { '@aws-cdk/aws-lambda-nodejs': '1.204.0' } });

function assess(files: { cdk?: string; pkg?: string; props?: string }) {
  const texts: Record<string, string> = {
    'app/lib/stack.ts': STACK(files.props ?? ''),
    'app/lambda/reader.js': 'exports.handler = async (event) => ({ statusCode: 200 });\n',
  };
  if (files.cdk !== undefined) texts['app/cdk.json'] = files.cdk;
  if (files.pkg !== undefined) texts['app/package.json'] = files.pkg;
  const r = assessTexts(texts);
  const u = r.units.find((x) => x.name === 'Reader');
  assert.ok(u, 'the function is read');
  return { runtime: u.runtime, deprecated: r.findings.filter((f) => f.ruleId === 'iac/deprecated-runtime').map((f) => f.message) };
}

describe('cdk.json', () => {
  it('is its own kind, read for the flag only', () => {
    assert.equal(detectKind('app/cdk.json', '{}'), 'cdk-json');
    assert.equal(detectKind('app/cdk.context.json', '{}'), 'unknown');
    assert.deepEqual(extractCdkJson(CDK_JSON(true)), { cdkNodejsLatestRuntime: true });
    assert.deepEqual(extractCdkJson(CDK_JSON('true')), { cdkNodejsLatestRuntime: true });
    assert.deepEqual(extractCdkJson(CDK_JSON(false)), { cdkNodejsLatestRuntime: false });
    assert.deepEqual(extractCdkJson(CDK_JSON()), { cdkNodejsLatestRuntime: false });
    assert.deepEqual(extractCdkJson('{ "app": '), {});
  });
});

describe('the runtime of a NodejsFunction that names none', () => {
  it('without the flag (aws-cdk-lib 2.93 or later): nodejs16.x, reported as retired with where it came from', () => {
    const r = assess({ cdk: CDK_JSON(), pkg: PACKAGE('^2.185.0') });
    assert.equal(r.runtime, 'nodejs16.x');
    assert.equal(r.deprecated.length, 1);
    assert.match(
      r.deprecated[0],
      /^nodejs16\.x, the runtime of function Reader \(NodejsFunction's default: app\/cdk\.json does not set @aws-cdk\/aws-lambda-nodejs:useLatestRuntimeVersion\), is retired/,
    );
  });
  it('with the flag: the latest Node.js runtime, which nothing reports', () => {
    const r = assess({ cdk: CDK_JSON(true), pkg: PACKAGE('2.262.1') });
    assert.equal(r.runtime, 'nodejs24.x');
    assert.deepEqual(r.deprecated, []);
  });
  it('stays unknown where the default cannot be told', () => {
    // An aws-cdk-lib older than the flag, CDK v1, no package.json, no cdk.json.
    for (const files of [
      { cdk: CDK_JSON(), pkg: PACKAGE('^2.80.0') },
      { cdk: CDK_JSON(), pkg: PACKAGE() },
      { cdk: CDK_JSON() },
      { pkg: PACKAGE('^2.185.0') },
    ]) {
      const r = assess(files);
      assert.deepEqual([r.runtime, r.deprecated], [undefined, []], JSON.stringify(files));
    }
  });
  it('a runtime written but not resolved is not the default: it stays unknown', () => {
    const r = assess({ cdk: CDK_JSON(), pkg: PACKAGE('^2.185.0'), props: ', runtime: props.runtime' });
    assert.deepEqual([r.runtime, r.deprecated], [undefined, []]);
  });
  it('a runtime written is kept', () => {
    const r = assess({ cdk: CDK_JSON(), pkg: PACKAGE('^2.185.0'), props: ', runtime: Runtime.NODEJS_22_X' });
    assert.equal(r.runtime, 'nodejs22.x');
    // Reported as written in place (nodejs22.x is near its deprecation date), not as a default.
    assert.deepEqual(r.deprecated, [
      'nodejs22.x, the runtime of function Reader, is to be deprecated by AWS on 2027-04-30. Plan the upgrade to nodejs24.x with this migration.',
    ]);
  });
});
