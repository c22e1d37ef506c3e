// A 300-function workspace generated at test time (#19): ten service folders, each a serverless.yml whose provider
// sets one runtime for its thirty functions, with the same thirty function names in every folder; plus code no unit
// reaches and one Kubernetes workload. Used by the real-editor suite (test/e2e/extra/fleet.cjs) and the unit test
// (test/unit/fleet300.test.ts), which both compare against the counts worked out by hand in EXPECTED.
const fs = require('fs');
const path = require('path');

const SERVICES = 10;
const FUNCTIONS = 30;
const name = (i) => `fn${String(i).padStart(2, '0')}`;

/**
 * Per service folder:
 *   serverless.yml  provider.runtime nodejs18.x for all 30 functions: ONE iac/deprecated-runtime finding (both
 *                   directions; a warning, an error once updates are blocked); fn00 sets timeout: 1000, over Lambda's
 *                   900 s: one iac/timeout-limit error (both), fn00's only blocker.
 *   src/fnNN.js     NN % 3 == 0 (10 files): reads context.getRemainingTimeInMillis() → handler/runtime-coupling
 *                   (to-kubernetes): kept under auto, the code belongs to a Lambda function.
 *                   NN % 3 == 1 (10 files): setInterval → handler/background-work (to-lambda): dropped under auto.
 *                   NN % 3 == 2 (10 files): nothing.
 *   workers/tool.js setInterval, reached by no function → handler/background-work, kept in both directions (a
 *                   scripts/ folder would hold a tool, whose findings count only where a function reaches it).
 * At the root, k8s/deployment.yaml: a web Deployment (port 8080) with a PersistentVolumeClaim → iac/listening-server
 * (an HTTP server to turn into a handler) and iac/stateful-storage, both to-lambda: 2 findings.
 */
const EXPECTED = {
  functions: SERVICES * FUNCTIONS,
  units: SERVICES * FUNCTIONS + 1,
  // auto: 10 × (1 runtime + 1 timeout + 10 runtime-coupling + 1 tool.js) + the Deployment's 2
  auto: SERVICES * (1 + 1 + 10 + 1) + 2,
  // both: auto + the 10 background-work findings per folder in Lambda code
  both: SERVICES * (1 + 1 + 10 + 10 + 1) + 2,
  // to-lambda: only the Deployment is assessed; tool.js (no owner) keeps its to-lambda finding
  toLambda: SERVICES * 1 + 2,
  // to-kubernetes: only the functions; tool.js's to-lambda finding and the Deployment's go
  toKubernetes: SERVICES * (1 + 1 + 10),
  deprecatedRuntime: SERVICES,
};

function writeFleet(root) {
  const files = {};
  for (let s = 0; s < SERVICES; s++) {
    const dir = `services/svc${String(s).padStart(2, '0')}`;
    const fns = Array.from({ length: FUNCTIONS }, (_, i) => `  ${name(i)}:\n    handler: src/${name(i)}.handler\n${i === 0 ? '    timeout: 1000\n' : ''}`).join(
      '',
    );
    files[`${dir}/serverless.yml`] = `service: svc${s}\nprovider:\n  name: aws\n  runtime: nodejs18.x\nfunctions:\n${fns}`;
    for (let i = 0; i < FUNCTIONS; i++) {
      files[`${dir}/src/${name(i)}.js`] =
        i % 3 === 0
          ? 'exports.handler = async (event, context) => ({ left: context.getRemainingTimeInMillis() });\n'
          : i % 3 === 1
            ? "setInterval(() => console.log('tick'), 1000);\nexports.handler = async () => ({ statusCode: 200 });\n"
            : 'exports.handler = async () => ({ statusCode: 200 });\n';
    }
    files[`${dir}/workers/tool.js`] = 'setInterval(() => undefined, 5000);\n';
  }
  files['k8s/deployment.yaml'] =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: search\nspec:\n  template:\n    spec:\n      containers:\n        - name: search\n          image: search:1\n          ports:\n            - containerPort: 8080\n          volumeMounts:\n            - name: data\n              mountPath: /data\n      volumes:\n        - name: data\n          persistentVolumeClaim:\n            claimName: data\n';
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return Object.keys(files);
}

module.exports = { writeFleet, EXPECTED, SERVICES, FUNCTIONS };
