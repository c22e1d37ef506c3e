// core/parse-error: one finding per file that does not parse, at the line where the parser stopped; never a crash.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyzeFile } from '../../../src/core/analyze';
import { computeLineStarts, lineColumnAt } from '../../../src/core/position';
import { ensurePythonParser } from '../../../src/core/python/parser';
import { parseError } from '../../../src/core/rules/core/parse-error';

const parseErrors = (text: string, file: string) =>
  analyzeFile(text, file)
    .findings.filter((f) => f.ruleId === parseError.id)
    .map((f) => ({ line: lineColumnAt(computeLineStarts(text), f.start).line, message: f.message, severity: f.severity }));

describe(parseError.id, () => {
  before(() => ensurePythonParser());
  describe('valid', () => {
    const ok: [string, string][] = [
      ['app.ts', 'export const handler = async () => ({ ok: true });\n'],
      ['app.py', 'def handler(event, context):\n    return {"ok": True}\n'],
      [
        'template.yaml',
        'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Handler: app.handler\n',
      ],
      ['main.tf', 'resource "aws_lambda_function" "fn" {\n  function_name = "fn"\n  handler = "app.handler"\n}\n'],
      [
        'template.yaml',
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: !Sub '${AWS::StackName}'\n",
      ],
    ];
    for (const [file, text] of ok) it(`${file}: ${text.split('\n')[0]}`, () => assert.deepEqual(parseErrors(text, file), []));
  });
  describe('invalid', () => {
    const bad: [string, string, number][] = [
      ['app.ts', 'export const handler = async () => {\n  return {\n};\n', 3],
      ['app.py', 'def handler(event, context)\n    return 1\n', 1],
      ['template.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n   Properties: {\n', 5],
      ['main.tf', 'resource "aws_lambda_function" "fn" {\n  function_name = \n}\n', 3],
    ];
    for (const [file, text, line] of bad) {
      it(`${file}: reported once at line ${line}, naming the file`, () => {
        const got = parseErrors(text, file);
        assert.equal(got.length, 1, JSON.stringify(got));
        assert.equal(got[0].line, line);
        assert.equal(got[0].severity, 'warning');
        assert.match(
          got[0].message,
          new RegExp(`^${file.replace('.', '\\.')} could not be parsed: .+\\. Fix the syntax; the rest of the workspace was still analysed\\.$`),
        );
      });
    }
  });
});
