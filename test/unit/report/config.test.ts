import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { parse as parseYamlText } from 'yaml';
import { parseConfig, withOverrides } from '../../../src/core/config';
import { DEFAULT_RATES } from '../../../src/core/report/cost';

const schema = JSON.parse(readFileSync(path.resolve(__dirname, '../../../schemas/lambdashift.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);

const GOOD = `version: 1
rates:
  hoursPerMonth: 720
  lambda:
    freeTier: true
    x86:
      - { upTo: 6000000000, perGbSecond: 0.00001 }
      - { perGbSecond: 0.000009 }
  kubernetes:
    nodePricePerHour: 0.0816   # m7g.large
    clusterWorkloads: 40
defaults:
  http: { requestsPerMonth: 2000000, peakRps: 50 }
units:
  OrdersApiFunction:
    requestsPerMonth: 3000000
    avgDurationMs: 120
    architecture: arm64
    provisionedConcurrency: 2
`;

describe('lambdashift.yaml', () => {
  it('merges a valid file over the defaults', () => {
    const { config, errors } = parseConfig(GOOD);
    assert.deepEqual(errors, []);
    assert.equal(config.rates.hoursPerMonth, 720);
    assert.equal(config.rates.lambda.freeTier, true);
    assert.deepEqual(config.rates.lambda.x86, [
      { upTo: 6e9, perGbSecond: 0.00001 },
      { upTo: null, perGbSecond: 0.000009 },
    ]);
    assert.equal(config.rates.lambda.perMillionRequests, 0.2, 'untouched rates keep their defaults');
    assert.equal(config.rates.kubernetes.nodePricePerHour, 0.0816);
    assert.equal(config.rates.kubernetes.nodeVcpu, 2);
    assert.deepEqual(config.defaults.http, { requestsPerMonth: 2_000_000, peakRps: 50 });
    assert.deepEqual(config.units.OrdersApiFunction, { requestsPerMonth: 3_000_000, avgDurationMs: 120, architecture: 'arm64', provisionedConcurrency: 2 });
    assert.equal(DEFAULT_RATES.lambda.freeTier, false, 'defaults are not mutated');
  });
  it('an empty file is the defaults', () => {
    const { config, errors } = parseConfig('');
    assert.deepEqual(errors, []);
    assert.deepEqual(config.rates, DEFAULT_RATES);
  });
  const BAD: [string, string, RegExp, number | undefined][] = [
    ['version: 2', 'version', /must be 1/, 1],
    ['colour: blue', 'colour', /unknown key 'colour'. Known keys: version, direction, rates, defaults, units/, 1],
    ['units:\n  Api:\n    memoryMB: 64', 'units.Api.memoryMB', /from 128 to 10240/, 3],
    ['units:\n  Api:\n    memoryMB: "lots"', 'units.Api.memoryMB', /not the text "lots"/, 3],
    ['units:\n  Api:\n    architecture: arm', 'units.Api.architecture', /x86_64 or arm64/, 3],
    ['units:\n  Api:\n    requestPerMonth: 5', 'units.Api.requestPerMonth', /unknown key.*requestsPerMonth/, 3],
    ['defaults:\n  websocket: {}', 'defaults.websocket', /unknown key 'websocket'.*http/, 2],
    ['rates:\n  lambda:\n    freeTier: yes please', 'rates.lambda.freeTier', /true or false/, 3],
    ['rates:\n  kubernetes:\n    targetUtilization: 2', 'rates.kubernetes.targetUtilization', /from 0.05 to 1/, 3],
    ['rates:\n  lambda:\n    x86:\n      - { perGbSecond: 1, upTo: 5 }', 'rates.lambda.x86.0.upTo', /last tier has no upper bound/, 4],
    ['units: [a, b]', 'units', /must be a mapping/, 1],
    ['units:\n  Api: {\n', '(yaml)', /Fix the YAML syntax/, undefined],
  ];
  for (const [text, pathName, message, line] of BAD) {
    it(`reports ${pathName}`, () => {
      const { errors } = parseConfig(text);
      assert.equal(errors.length, 1, JSON.stringify(errors));
      assert.equal(errors[0].path, pathName);
      assert.match(errors[0].message, message);
      if (line !== undefined) assert.equal(errors[0].line, line);
    });
  }
  it('keeps good values next to a bad one', () => {
    const { config, errors } = parseConfig('units:\n  Api:\n    memoryMB: 64\n    peakRps: 30');
    assert.equal(errors.length, 1);
    assert.deepEqual(config.units.Api, { peakRps: 30 });
  });
  it('validates webview edits like the file', () => {
    const { config, errors } = withOverrides(parseConfig(GOOD).config, { OrdersApiFunction: { memoryMB: 99999, peakRps: 7 } });
    assert.equal(errors.length, 1);
    assert.equal(config.units.OrdersApiFunction.peakRps, 7);
    assert.equal(config.units.OrdersApiFunction.requestsPerMonth, 3_000_000, 'file values stay under edits');
  });
  it('the JSON schema accepts the documented example and rejects what the parser rejects', () => {
    assert.ok(validate(parseYamlText(GOOD)), JSON.stringify(validate.errors));
    // (The last-tier rule is beyond JSON Schema; the parser checks it.)
    for (const [text] of BAD.slice(0, 9)) assert.equal(validate(parseYamlText(text)), false, text);
  });
  it('the JSON schema lists exactly the inputs and rates the parser knows', () => {
    const inputKeys = Object.keys(schema.definitions.inputs.properties).sort();
    const { errors } = parseConfig(
      `units:\n  A:\n${inputKeys.map((k) => `    ${k}: ${k === 'architecture' ? 'arm64' : k === 'mode' ? 'scheduled' : 128}`).join('\n')}`,
    );
    assert.deepEqual(
      errors.filter((e) => /unknown key/.test(e.message)),
      [],
    );
    for (const area of ['lambda', 'kubernetes', 'fargate'] as const)
      assert.deepEqual(Object.keys(schema.properties.rates.properties[area].properties).sort(), Object.keys(DEFAULT_RATES[area]).sort(), area);
  });
});
