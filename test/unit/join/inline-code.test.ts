// Functions whose code is written in the template (`ZipFile: |`, `InlineCode: |`): the code is analysed as the handler
// module it is deployed as, each finding placed where its text is in the template and counted for that function.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyzeFile } from '../../../src/core/analyze';
import { ensurePythonParser } from '../../../src/core/python/parser';
import { documentFindings } from '../../../src/core/workspace';
import { assessTexts } from '../../helpers/assessTexts';

before(() => ensurePythonParser());

const PYTHON = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Provider:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
      Handler: index.handler
      Code:
        ZipFile: !Sub |
          import cfnresponse

          def handler(event, context):
              region = "\${AWS::Region}"
              cfnresponse.send(event, context, cfnresponse.SUCCESS, {}, context.log_stream_name)
  Echo:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Code:
        ZipFile: |-
          const http = require('http');
          exports.handler = async (event, context) => {
            http.createServer(() => {}).listen(8080);
            return { id: context.awsRequestId };
          };
`;

describe('code written inline in a template', () => {
  it('is analysed in place: each finding at its line and column in the template, counted for its function', () => {
    const r = assessTexts({ 'stack.yaml': PYTHON });
    const at = (ruleId: string) => r.findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.unit}@${f.line}:${f.column}`);
    assert.deepEqual(at('python/runtime-coupling'), ['Provider@14:73']);
    assert.deepEqual(at('handler/runtime-coupling'), ['Echo@25:26']);
    // The line really holds what the finding names.
    const lines = PYTHON.split('\n');
    assert.equal(lines[13].slice(72, 95), 'context.log_stream_name');
    assert.equal(lines[24].slice(25, 45), 'context.awsRequestId');
    for (const u of r.units) {
      assert.equal(u.codeFile, 'stack.yaml', u.name);
      assert.equal(u.joinedBy, 'code written inline in the template');
      assert.equal(
        u.decidedBy?.find((d) => !d.ruleId && /not analysed/.test(d.message)),
        undefined,
        u.name,
      );
    }
    // Every rule of the language reads it: the server it starts too (which the direction setting leaves to the move to
    // Lambda), on the line that starts it.
    assert.deepEqual(
      r.findings.filter((f) => f.unit === 'Echo' && f.ruleId.startsWith('handler/')).map((f) => `${f.ruleId}@${f.line}`),
      ['handler/listening-server@24', 'handler/runtime-coupling@25'],
    );
  });

  it('the same in an editor: the template alone shows the inline code findings', () => {
    const a = analyzeFile(PYTHON, 'stack.yaml');
    assert.deepEqual(
      documentFindings(a, undefined, 'both')
        .filter((f) => f.ruleId.endsWith('runtime-coupling'))
        .map((f) => `${f.ruleId}@${f.line}`),
      ['python/runtime-coupling@14', 'handler/runtime-coupling@25'],
    );
  });

  it('tricky negatives: a folded scalar, code that does not parse, a JSON template: left unread, as before', () => {
    const folded = PYTHON.replace('ZipFile: !Sub |', 'ZipFile: >');
    const broken = PYTHON.replace("const http = require('http');", "const http = require('http'");
    const json = JSON.stringify({
      Resources: {
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: { Runtime: 'python3.13', Handler: 'index.handler', Code: { ZipFile: 'def handler(e, c):\n    return c.aws_request_id\n' } },
        },
      },
    });
    for (const [name, files, unit] of [
      ['folded', { 'stack.yaml': folded }, 'Provider'],
      ['broken', { 'stack.yaml': broken }, 'Echo'],
      ['json', { 'stack.json': json }, 'Fn'],
    ] as const) {
      const r = assessTexts(files);
      const u = r.units.find((x) => x.name === unit)!;
      assert.equal(u.codeFile, undefined, name);
      assert.match(u.decidedBy?.find((d) => !d.ruleId)?.message ?? '', /^code written inline in the template is not analysed/, name);
      assert.deepEqual(
        r.findings.filter((f) => f.unit === unit && !f.ruleId.startsWith('iac/')),
        [],
        name,
      );
    }
  });
});
