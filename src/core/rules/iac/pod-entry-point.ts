import { entryGap, type EntryGap } from '../../convert/to-kubernetes/runner';
import type { Unit } from '../../types';
import type { ModelRule } from '../types';
import { at, sharedSettings, subject } from './util';

/** What the trigger needs that one invocation per Job is not. */
const ONE_SHOT_NEED = {
  deployment: {
    how: 'invoked over HTTP',
    need: "an HTTP server in a Deployment: the framework's own when the handler only adapts a Spring Boot or ASP.NET Core app, else a controller that calls the handler per request",
  },
  scaledjob: {
    how: 'fed by events that reach a pod only through a queue',
    need: 'a consumer that receives the messages and calls it (Spring Cloud AWS, a .NET worker service), scaled by KEDA',
  },
} as const;

export const podEntryPoint: ModelRule = {
  language: 'model',
  meta: {
    id: 'iac/pod-entry-point',
    category: 'runtime-coupling',
    severity: 'warning',
    direction: 'to-kubernetes',
    docs: {
      description:
        'A function whose code nothing in a pod would call as its trigger does: an OS-only runtime (`provided.al2023`, `go1.x`) whose bootstrap polls the Lambda Runtime API, a managed runtime with no generated runner (Ruby), a Java/.NET handler behind HTTP or a queue, which the Runtime Interface Emulator wrapper calls only once per Job, a container image whose language neither its runtime, its name nor its Dockerfile tells, or an app behind the Lambda Web Adapter fed by a trigger other than HTTP, whose events the adapter posts to it.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html',
    },
    messages: {
      osOnly:
        "{functions} on the OS-only {runtime} runtime, whose `bootstrap` is the program itself: it polls the Lambda Runtime API for events (Go's `lambda.Start`, Rust's lambda_runtime, .NET's LambdaBootstrap), and in a pod nothing answers that API, so it gets no event and exits. Give the program an entry point that serves its trigger (an HTTP server, a queue consumer, a Job's main), or run it under the Runtime Interface Emulator as a Job.",
      managed:
        '{functions} on {runtime}, for which no runner is generated: in a pod nothing loads the handler and calls it per event. Give the image an entry point that does (an HTTP server or a queue consumer calling the handler, a Job script), or run it as a Job under the Runtime Interface Emulator of the AWS base image.',
      unknownImage:
        "Function {name} runs a container image ({image}) whose language LambdaShift cannot tell: no Runtime is set, the image's name says nothing and no Dockerfile of it was found. In a pod its Lambda runtime client finds no Runtime API to poll, and no runner can be chosen to call its handler, so `convert` refuses it. Set the function's Runtime or keep its Dockerfile beside the template, or give the image an entry point that serves its trigger.",
      ownProgram:
        "Function {name} runs a container image built by {dockerfile} on {from}, an image with no language runtime of Lambda's, and no handler or runtime interface client is named in it: the program it starts polls the Lambda Runtime API for events itself (a custom runtime, as .NET Native AOT with LambdaBootstrap, Go or Rust are built), and in a pod nothing answers that API, so it gets no event, and `convert` refuses it. Give the program an entry point that serves its trigger (an HTTP server, a queue consumer, a Job's main), or run it under the Runtime Interface Emulator as a Job.",
      passThrough:
        'Function {name} serves HTTP through the Lambda Web Adapter, which hands it its {detail} events as POST requests to {path}; in a pod nothing receives those events or posts them, so the app waits for requests that never come. Add a consumer that receives them (KEDA-scaled for a queue) and posts each to {path}, or have the app consume the source itself.',
      oneShot:
        'Function {name} ({language}) is {how} ({detail}), and in a pod a Java or .NET handler runs through the Runtime Interface Emulator, one invocation per Job. On Kubernetes it needs {need}.',
    },
  },
  check(ctx) {
    const gaps = new Map<Unit, EntryGap>();
    for (const u of ctx.units) {
      const gap = entryGap(u);
      if (gap) gaps.set(u, gap);
    }
    if (!gaps.size) return;
    // A runtime written once for several functions (a serverless.yml provider, SAM Globals) is reported once, there.
    const noRunner = [...gaps].filter(([, g]) => g.kind === 'no-runner').map(([u]) => u);
    for (const group of sharedSettings(noRunner, 'runtime')) {
      for (const runtime of new Set(group.map((u) => u.runtime))) {
        const same = group.filter((u) => u.runtime === runtime);
        const gap = gaps.get(same[0]) as Extract<EntryGap, { kind: 'no-runner' }>;
        const names = same.map((u) => u.name);
        ctx.report({
          unit: same[0].name,
          ...(same.length > 1 ? { units: names } : {}),
          messageId: gap.osOnly ? 'osOnly' : 'managed',
          data: { functions: subject(names, 'runs', 'run'), runtime: gap.runtime },
          at: at(same[0], 'runtime'),
        });
      }
    }
    for (const [u, gap] of gaps) {
      if (gap.kind === 'pass-through') {
        ctx.report({
          unit: u.name,
          messageId: 'passThrough',
          data: { name: u.name, detail: gap.event.detail ? `${gap.event.type} (${gap.event.detail})` : gap.event.type, path: gap.path },
          at: at(u, `events.${u.events.indexOf(gap.event)}`),
        });
        continue;
      }
      if (gap.kind !== 'one-shot') continue;
      const { how, need } = ONE_SHOT_NEED[gap.shape];
      ctx.report({
        unit: u.name,
        messageId: 'oneShot',
        data: {
          name: u.name,
          language: u.runtime ?? (gap.runner === 'java' ? 'Java' : '.NET'),
          how,
          detail: gap.event.detail ? `${gap.event.type} ${gap.event.detail}` : gap.event.type,
          need,
        },
        at: at(u, `events.${u.events.indexOf(gap.event)}`),
      });
    }
  },
};
