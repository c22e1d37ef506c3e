// build/rust-lambda-runtime is raised by the workspace join (a custom-runtime function, its code path and the nearest
// Cargo.toml), so its table runs whole small workspaces through the join.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractCargo } from '../../../src/core/model/build';
import { assessTexts } from '../../helpers/assessTexts';

const template = (props: string, events = '') =>
  [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Transform: AWS::Serverless-2016-10-31',
    'Resources:',
    '  Fn:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      Handler: bootstrap',
    props,
    events,
    '',
  ].join('\n');
const provided = (codeUri: string) => `      Runtime: provided.al2023\n      CodeUri: ${codeUri}`;
const httpEvents = '      Events:\n        Api:\n          Type: HttpApi';
const cargo = (deps: string) => `[package]\nname = "products"\nversion = "0.1.0"\n\n${deps}\n`;

function found(files: Record<string, string>) {
  return assessTexts(files)
    .findings.filter((f) => f.ruleId === 'build/rust-lambda-runtime')
    .map((f) => ({ file: f.file, line: f.line, message: f.message, severity: f.severity }));
}

describe('build/rust-lambda-runtime', () => {
  const valid: [string, Record<string, string>][] = [
    [
      'a Cargo.toml with no Lambda crate (an axum server)',
      { 'template.yaml': template(provided('target/lambda/fn/')), 'Cargo.toml': cargo('[dependencies]\naxum = "0.7"\ntokio = "1"') },
    ],
    [
      'lambda_http only as a dev-dependency (tests of a client)',
      {
        'template.yaml': template(provided('target/lambda/fn/')),
        'Cargo.toml': cargo('[dependencies]\naxum = "0.7"\n\n[dev-dependencies]\nlambda_http = "0.13"'),
      },
    ],
    [
      'a Go function on provided.al2023 beside a Rust tool: its code path holds Go',
      {
        'template.yaml': template(provided('fn/')),
        'fn/main.go': 'package main\n\nfunc main() {}\n',
        'Cargo.toml': cargo('[dependencies]\nlambda_runtime = "0.13"'),
      },
    ],
    [
      'a Node.js function: not a custom runtime',
      {
        'template.yaml': template('      Runtime: nodejs22.x\n      CodeUri: src/').replace('bootstrap', 'app.handler'),
        'Cargo.toml': cargo('[dependencies]\nlambda_runtime = "0.13"'),
      },
    ],
    ['a custom runtime with no Cargo.toml', { 'template.yaml': template(provided('target/lambda/fn/')) }],
    [
      "a code folder that is no crate, with a Cargo.toml higher up (only cargo's target/ output looks above itself)",
      { 'template.yaml': template(provided('app/')), 'Cargo.toml': cargo('[dependencies]\nlambda_runtime = "0.13"') },
    ],
  ];
  for (const [name, files] of valid) it(`valid: ${name}`, () => assert.deepEqual(found(files), []));

  it("invalid: serverless-rust's `runtime: rust`, the handler naming a member crate of the service's Cargo workspace", () => {
    const sls =
      'service: s\nprovider:\n  name: aws\n  runtime: rust\nplugins:\n  - serverless-rust\nfunctions:\n  hello:\n    handler: hello\n    events:\n      - httpApi:\n          path: /hello\n          method: get\n  other:\n    handler: missing\n';
    const files = {
      'svc/serverless.yml': sls,
      'svc/Cargo.toml': '[workspace]\nmembers = ["hello"]\n',
      'svc/hello/Cargo.toml': cargo('[dependencies]\nlambda_http = "0.13"\ntokio = "1"').replace('products', 'hello'),
    };
    assert.deepEqual(
      found(files).map((f) => [f.file, f.line, f.message.slice(0, 48)]),
      [['svc/hello/Cargo.toml', 6, 'hello is built with the lambda_http crate, whose']],
    );
    // A handler that names no member still reads as Rust, not as a handler not found.
    const other = assessTexts(files).units.find((u) => u.name === 'other');
    assert.match(other?.decidedBy?.map((d) => d.message).join('\n') ?? '', /Rust code is not analysed/);
  });

  it('invalid: cargo lambda output path, the Cargo.toml above it; an HTTP function is pointed at lambda_http', () => {
    assert.deepEqual(
      found({
        'template.yaml': template(provided('target/lambda/get-products/'), httpEvents),
        'Cargo.toml': cargo(
          '[dependencies]\nlambda_runtime = { version = "0.13", optional = true }\nlambda_http = { version = "0.13", optional = true }\ntokio = "1"',
        ),
      }),
      [
        {
          file: 'Cargo.toml',
          line: 7,
          message:
            'Fn is built with the lambda_http crate, whose run() polls the Lambda Runtime API and hands the code API Gateway, function URL and ALB requests as http::Request values; in a pod nothing answers that API, so the binary never gets a request. Serve the same service from an HTTP server (axum or hyper can call the tower::Service a lambda_http handler is) or a queue consumer, or run the binary under the Runtime Interface Emulator as a Job.',
          severity: 'warning',
        },
      ],
    );
  });

  it('invalid: an event function, lambda_runtime in a target table; a renamed dependency counts under its package', () => {
    const target = found({
      'services/worker/template.yaml': template(provided('.')),
      'services/worker/Cargo.toml': cargo('[target.\'cfg(target_os = "linux")\'.dependencies]\nlambda_runtime = "0.13"'),
    });
    assert.deepEqual(
      target.map((f) => [f.file, f.line]),
      [['services/worker/Cargo.toml', 6]],
    );
    assert.match(target[0].message, /lambda_runtime crate/);
    const renamed = found({
      'template.yaml': template(provided('target/lambda/fn/')),
      'Cargo.toml': cargo('[dependencies]\nruntime = { package = "lambda_runtime", version = "0.13" }'),
    });
    assert.deepEqual(
      renamed.map((f) => f.line),
      [6],
    );
  });

  it('makes the verdict changes rather than ready from the template alone', () => {
    const r = assessTexts({
      'template.yaml': template(provided('target/lambda/fn/'), httpEvents),
      'Cargo.toml': cargo('[dependencies]\nlambda_http = "0.13"'),
    });
    assert.equal(r.units[0].readiness?.toKubernetes, 'changes');
  });

  it('reads dependency tables only, with where each crate is named', () => {
    const text =
      '[package]\nname = "x"\n\n[dependencies.lambda_http]\nversion = "0.13"\n\n[dependencies]\n"serde" = "1"\n\n[features]\nlambda = ["lambda_runtime"]\n';
    assert.deepEqual(
      extractCargo(text).rustCrates?.map((c) => [c.name, c.line, text.slice(c.start, c.end)]),
      [
        ['lambda_http', 4, 'lambda_http'],
        ['serde', 8, '"serde"'],
      ],
    );
  });
});
