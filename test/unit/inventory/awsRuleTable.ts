import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awsConfigFindings, type AwsFunctionRecord } from '../../../src/core/model/aws';
import type { RuleMeta } from '../../../src/core/rules/types';
import type { Severity } from '../../../src/core/types';

export interface AwsCase {
  name: string;
  rec: AwsFunctionRecord;
  today?: string;
}
export interface AwsInvalidCase extends AwsCase {
  errors: { message?: string | RegExp; severity?: Severity }[];
}

export const rec = (config: AwsFunctionRecord['config'], more: Partial<AwsFunctionRecord> = {}): AwsFunctionRecord => ({
  config: { FunctionName: 'orders', Runtime: 'nodejs22.x', Timeout: 30, MemorySize: 512, CodeSize: 4096, PackageType: 'Zip', ...config },
  reservedConcurrency: null,
  eventSourceMappings: [],
  urls: [],
  ...more,
});

/** Table tests for a rule over deployed configuration, in the shape of the ruleTester used for code rules. */
export function awsRuleTable(meta: RuleMeta, cases: { valid: AwsCase[]; invalid: AwsInvalidCase[] }): void {
  const findings = (c: AwsCase) => awsConfigFindings(c.rec, { region: 'eu-west-1', today: c.today ?? '2026-08-22' }).filter((f) => f.ruleId === meta.id);
  describe(meta.id, () => {
    describe('valid', () => {
      for (const c of cases.valid)
        it(c.name, () =>
          assert.deepEqual(
            findings(c).map((f) => f.message),
            [],
          ),
        );
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(c.name, () => {
          const got = findings(c);
          assert.equal(
            got.length,
            c.errors.length,
            JSON.stringify(
              got.map((f) => f.message),
              null,
              1,
            ),
          );
          c.errors.forEach((e, i) => {
            const f = got[i];
            if (typeof e.message === 'string') assert.ok(f.message.includes(e.message), `"${f.message}" should contain "${e.message}"`);
            else if (e.message) assert.match(f.message, e.message);
            if (e.severity) assert.equal(f.severity, e.severity);
            const name = c.rec.config.FunctionName ?? '';
            assert.equal(f.file, `aws://lambda/eu-west-1/${name}`);
            assert.deepEqual([f.line, f.column, f.unit, f.category], [1, 1, name, meta.category]);
          });
        });
      }
    });
  });
}
