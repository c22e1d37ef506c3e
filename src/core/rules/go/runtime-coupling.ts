import { nodesOfTypes, walkedAncestors, type SyntaxNode } from '../../parsers/treesitter';
import { envRead, goString, LAMBDA_START, operatorOf } from '../../go/module';
import { clip, LAMBDA_RUNTIME_ENV, LAMBDA_RUNTIME_ENV_NEEDS } from '../../langs/common';
import type { GoRule } from './types';
import { calleeLabel, nameNeeds, range } from './util';

/** True when an env read only tests whether the variable is set (`os.Getenv(X) != ""`): that reads false in a Pod. */
function isPresenceTest(call: SyntaxNode): boolean {
  const p = call.parent;
  if (p?.type === 'binary_expression' && (operatorOf(p) === '==' || operatorOf(p) === '!=')) {
    const other = p.get('left') === call ? p.get('right') : p.get('left');
    return goString(other) === '';
  }
  return false;
}

const COUPLED = ['call_expression', 'interpreted_string_literal', 'raw_string_literal'];
const FROM_CONTEXT = 'github.com/aws/aws-lambda-go/lambdacontext.FromContext';

export const goRuntimeCoupling: GoRule = {
  language: 'go',
  // Reported at a call resolved to a LAMBDA_START function or to FROM_CONTEXT, spelled with its name; at an
  // `os.Getenv` of a string naming a Lambda-only variable; at a string that is or starts with `/opt` (`"\/opt"` too).
  needs: [...nameNeeds([...LAMBDA_START, FROM_CONTEXT]), ...LAMBDA_RUNTIME_ENV_NEEDS, '/opt'],
  meta: {
    id: 'go/runtime-coupling',
    category: 'runtime-coupling',
    severity: 'info',
    direction: 'to-kubernetes',
    docs: {
      description:
        'A Go binary that starts the Lambda runtime client (`lambda.Start`), reads the Lambda context, Lambda-only environment variables or layer paths under /opt needs a replacement for each when it runs in a Pod.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/golang-handler.html',
    },
    messages: {
      start:
        "{label} serves Lambda's Runtime API only: started in a Pod, the binary exits at once because AWS_LAMBDA_RUNTIME_API is not set. Give the Pod its own entry point (an HTTP server calling the handler, or a queue consumer), or run the binary under the Runtime Interface Emulator.",
      context:
        '{label} reads the Lambda context (request id, function ARN, identity), which is absent in a Pod, so `ok` is false there. Take the values from the request (a header, a generated id) or the Deployment.',
      env: '`{name}` is set only by the Lambda runtime, so in a Pod `os.Getenv` returns "". Set the value in the Deployment\'s env, or derive it another way.',
      opt: "`{path}` points into /opt, where Lambda extracts layers; a container in a Pod has nothing there. Copy the layer's files into the image and point this path at them.",
    },
  },
  check(ctx) {
    const seen = new Set<string>();
    const once = (key: string) => !seen.has(key) && seen.add(key) !== undefined;
    // From the type index, as a walk skipping off-Lambda branches would meet them (strings hold no calls or strings);
    // the off-Lambda test is asked only of a node that would be reported.
    const isOff = (n: SyntaxNode) => !walkedAncestors(n, ctx.root, ctx.isLocalOnly);
    for (const n of nodesOfTypes(ctx.root, COUPLED)) {
      if (n.type === 'call_expression') {
        if (ctx.startCalls.includes(n)) {
          if (!isOff(n)) ctx.report({ messageId: 'start', data: { label: calleeLabel(n) }, at: range(n) });
          continue;
        }
        const q = ctx.qualified(n.get('function'));
        const env = envRead(n, ctx.module);
        const runtimeEnv = env && !env.lookup && LAMBDA_RUNTIME_ENV.test(env.name);
        if ((q !== FROM_CONTEXT && !runtimeEnv) || isOff(n)) continue;
        if (q === FROM_CONTEXT && once('context')) {
          ctx.report({ messageId: 'context', data: { label: calleeLabel(n) }, at: range(n) });
          continue;
        }
        if (runtimeEnv && !isPresenceTest(n) && once(`env:${env.name}`)) ctx.report({ messageId: 'env', data: { name: env.name }, at: range(n) });
        continue;
      }
      const v = goString(n) ?? '';
      if ((v === '/opt' || v.startsWith('/opt/')) && !isOff(n) && once(`opt:${v}`)) ctx.report({ messageId: 'opt', data: { path: clip(v) }, at: range(n) });
    }
  },
};
