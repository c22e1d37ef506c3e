// build/grpc-service is raised by the workspace join (a workload, its build context and the .proto files there), so
// its table runs whole small workspaces through the join.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile } from '../../../src/core/analyze';
import type { Finding } from '../../../src/core/types';
import { joinAnalyses } from '../../../src/core/api';

const deploy = (name: string, image: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: main\n          image: ${image}\n`;
const proto = (...services: string[]) => `syntax = "proto3";\n${services.join('\n')}\nmessage X {}\n`;
const svc = (name: string, stream = false) => `service ${name} {\n  rpc Get (X) returns (${stream ? 'stream ' : ''}X);\n}`;

function findings(files: Record<string, string>): Finding[] {
  const analyses = Object.entries(files)
    .map(([f, t]) => analyzeFile(t, f))
    .filter((a) => a.kind !== 'unknown');
  return joinAnalyses({ analyses, files: Object.keys(files) }).findings.filter((f) => f.ruleId === 'build/grpc-service');
}
/** A declared port and an httpGet readiness probe on `probe` (a port number or name), under the container. */
const httpPort = (probe: string, name: string, port = '8080') =>
  `          ports:\n            - name: ${name}\n              containerPort: ${port}\n          readinessProbe:\n            httpGet:\n              path: /healthz\n              port: ${probe}\n`;
const dockerfile = 'FROM node:22\nWORKDIR /app\nCOPY . .\nCMD ["node", "index.js"]\n';

describe('build/grpc-service', () => {
  const valid: [string, Record<string, string>][] = [
    [
      'a shared proto listing every service of the system, none named like this workload (a client reads it too)',
      { 'k8s/web.yaml': deploy('web', 'web:1'), 'web/Dockerfile': dockerfile, 'web/index.js': '', 'web/proto/shop.proto': proto(svc('Cart'), svc('Catalog')) },
    ],
    ['a proto with messages only', { 'k8s/api.yaml': deploy('api', 'api:1'), 'api/Dockerfile': dockerfile, 'api/index.js': '', 'api/types.proto': proto() }],
    [
      'a proto outside the build context and not copied in',
      { 'k8s/api.yaml': deploy('api', 'api:1'), 'api/Dockerfile': dockerfile, 'api/index.js': '', 'protos/api.proto': proto(svc('Api')) },
    ],
    ['a workload joined to no code', { 'k8s/api.yaml': deploy('api', 'acme/unknown:1'), 'protos/api.proto': proto(svc('Api')) }],
    [
      'an image that can serve gRPC or HTTP, run here as HTTP: an httpGet probe on the port it declares (whereami)',
      {
        'k8s/api.yaml': deploy('api', 'api:1') + httpPort('8080', 'http'),
        'api/Dockerfile': dockerfile,
        'api/index.js': '',
        'api/proto/api.proto': proto(svc('Api')),
      },
    ],
    [
      "a Job on the service's image (a Helm hook running a shell command): it runs to completion and serves no one",
      {
        'k8s/hook.yaml': deploy('api-hook', 'api:1').replace('apiVersion: apps/v1\nkind: Deployment', 'apiVersion: batch/v1\nkind: Job'),
        'api/Dockerfile': dockerfile,
        'api/index.js': '',
        'api/proto/greeter.proto': proto(svc('Greeter')),
      },
    ],
  ];
  for (const [name, files] of valid) it(`valid: ${name}`, () => assert.deepEqual(findings(files), []));

  const invalid: [string, Record<string, string>, { file: string; line: number; unit: string; message: RegExp; severity: string }][] = [
    [
      'the only service of a proto in the build context',
      { 'k8s/api.yaml': deploy('api', 'api:1'), 'api/Dockerfile': dockerfile, 'api/index.js': '', 'api/proto/greeter.proto': proto(svc('Greeter')) },
      { file: 'api/proto/greeter.proto', line: 2, unit: 'api', message: /^api serves gRPC service Greeter, defined here/, severity: 'error' },
    ],
    [
      'the service named like the workload in a shared proto',
      {
        'k8s/cart.yaml': deploy('cartservice', 'cartservice:1'),
        'cartservice/Dockerfile': dockerfile,
        'cartservice/index.js': '',
        'cartservice/demo.proto': proto(svc('CatalogService'), svc('CartService')),
      },
      { file: 'cartservice/demo.proto', line: 5, unit: 'cartservice', message: /serves gRPC service CartService/, severity: 'error' },
    ],
    [
      'an httpGet probe on another port than the one it serves (a health port beside the gRPC one)',
      {
        'k8s/api.yaml': deploy('api', 'api:1') + httpPort('8081', 'grpc'),
        'api/Dockerfile': dockerfile,
        'api/index.js': '',
        'api/api.proto': proto(svc('Api')),
      },
      { file: 'api/api.proto', line: 2, unit: 'api', message: /^api serves gRPC service Api/, severity: 'error' },
    ],
    [
      'an httpGet probe on a port named grpc is no HTTP service',
      {
        'k8s/api.yaml': deploy('api', 'api:1') + httpPort('grpc', 'grpc'),
        'api/Dockerfile': dockerfile,
        'api/index.js': '',
        'api/api.proto': proto(svc('Api')),
      },
      { file: 'api/api.proto', line: 2, unit: 'api', message: /^api serves gRPC service Api/, severity: 'error' },
    ],
    [
      'a streaming RPC says so',
      { 'k8s/feed.yaml': deploy('feed', 'feed:1'), 'feed/Dockerfile': dockerfile, 'feed/index.js': '', 'feed/feed.proto': proto(svc('Feed', true)) },
      { file: 'feed/feed.proto', line: 2, unit: 'feed', message: /with streaming RPCs/, severity: 'error' },
    ],
    [
      'a proto the Dockerfile copies in from a shared folder of a monorepo (context ., Dockerfile in the service folder)',
      {
        'k8s/quote.yaml': deploy('quote', 'quote:1'),
        'skaffold.yaml':
          'apiVersion: skaffold/v4beta6\nkind: Config\nbuild:\n  artifacts:\n    - image: quote\n      context: .\n      docker:\n        dockerfile: src/quote/Dockerfile\n',
        'src/quote/Dockerfile': 'FROM node:22\nWORKDIR /app\nCOPY ./src/quote/ ./\nCOPY ./pb/ ./proto/\nCMD ["node", "index.js"]\n',
        'src/quote/index.js': '',
        'pb/quote.proto': proto(svc('QuoteService')),
        'pb/other.proto': proto(svc('Billing')),
      },
      { file: 'pb/quote.proto', line: 2, unit: 'quote', message: /serves gRPC service QuoteService/, severity: 'error' },
    ],
  ];
  for (const [name, files, want] of invalid) {
    it(`invalid: ${name}`, () => {
      const got = findings(files);
      assert.equal(got.length, 1, JSON.stringify(got));
      assert.deepEqual([got[0].file, got[0].line, got[0].unit, got[0].severity], [want.file, want.line, want.unit, want.severity]);
      assert.match(got[0].message, want.message);
    });
  }
});
