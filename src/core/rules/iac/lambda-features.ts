import type { ModelRule } from '../types';
import type { Unit } from '../../types';
import { at, sharedSettings, subject } from './util';

/**
 * Layers that run an extension process beside the function (a local HTTP endpoint, a telemetry agent): code that talks
 * to it (`localhost:2773`, the Datadog/OTel agent) finds nothing in a pod. Matched on the layer's published name.
 */
const EXTENSION_LAYER = /extension|aws-otel-|AWSOpenTelemetryDistro|Dynatrace_OneAgent/i;
/** Lambda Web Adapter: the app behind it is already a web server, which runs in a pod as it is (listening-server judges). */
const WEB_ADAPTER_LAYER = /LambdaAdapterLayer|lambda-adapter|LambdaWebAdapter|layerLambdaAdapter/i;

/** The layer's name from its ARN (`arn:aws:lambda:region:acct:layer:NAME:VERSION`), else the reference as written. */
function layerName(ref: string): string {
  const name = /:layer:([^:]+)/.exec(ref)?.[1] ?? ref;
  return name === '?' ? 'a layer built in code' : name;
}

export const lambdaFeatures: ModelRule = {
  language: 'model',
  meta: {
    id: 'iac/lambda-features',
    category: 'runtime-coupling',
    severity: 'warning',
    direction: 'to-kubernetes',
    docs: {
      description:
        'Lambda-only features a function is configured with (durable execution, extension layers, layers, OnSuccess destinations) that a pod does not have.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/durable-functions.html',
    },
    messages: {
      durable:
        "Function {name} is a durable function: its SDK checkpoints and replays through Lambda's durable execution service, which Kubernetes does not have. Keep it on Lambda, or move the workflow to Step Functions or a workflow engine on the cluster (Temporal, Argo Workflows) before moving the steps.",
      extension:
        "{functions} the {layer} extension from a layer: a process beside the function that its code or telemetry talks to. A pod has none: run the agent as a sidecar (or the cluster's own collector), or call the service directly (e.g. Secrets Manager through the SDK, or the Secrets Store CSI driver).",
      layers:
        '{functions} {count} from {list} under /opt. A container image has no layers: copy their contents into the image (the generated Dockerfile lists them) and keep their versions pinned.',
      destinations:
        'Function {name} sends the record of each successful asynchronous invocation (its request and response) to {target}, an OnSuccess destination{failure}: Lambda does that after the handler returns, and nothing does in a pod. Publish the result from the handler to the same target, or chain the steps in a workflow (Step Functions, Argo Workflows).',
    },
  },
  check(ctx) {
    const functions = ctx.units.filter((u) => u.kind === 'lambda-function');
    for (const unit of functions)
      if (unit.durable) ctx.report({ unit: unit.name, messageId: 'durable', data: { name: unit.name }, at: at(unit, 'durable'), severity: 'error' });
    // What follows a successful invocation is Lambda's to deliver; a failure destination alone is a dead-letter target,
    // which a queue's redrive policy or an alert on failed Jobs replaces (the conversion notes it).
    for (const unit of functions)
      if (unit.successTarget)
        ctx.report({
          unit: unit.name,
          messageId: 'destinations',
          data: { name: unit.name, target: unit.successTarget, failure: unit.deadLetterTarget ? ` (and of each failed one to ${unit.deadLetterTarget})` : '' },
          at: at(unit, 'successTarget'),
        });
    // Layers written once for several functions (SAM Globals, a serverless.yml provider) are one thing to change:
    // reported once, at that line, naming every function they are given to.
    for (const group of sharedSettings(functions, 'layers')) {
      const same = group.filter((u) => JSON.stringify(u.layers) === JSON.stringify(group[0].layers));
      reportLayers(same, ctx.report);
      for (const u of group) if (!same.includes(u)) reportLayers([u], ctx.report);
    }
  },
};

function reportLayers(units: readonly Unit[], report: Parameters<ModelRule['check']>[0]['report']): void {
  const unit = units[0];
  const refs = (unit.layers ?? []).filter((l) => typeof l === 'string' && l.length > 0 && !WEB_ADAPTER_LAYER.test(l));
  if (!refs.length) return;
  const names = units.map((u) => u.name);
  const who = { unit: unit.name, ...(units.length > 1 ? { units: names } : {}) };
  const extensions = refs.filter((l) => EXTENSION_LAYER.test(layerName(l)));
  for (const e of extensions)
    report({ ...who, messageId: 'extension', data: { functions: subject(names, 'runs', 'run'), layer: layerName(e) }, at: at(unit, 'layers') });
  const libraries = refs.filter((l) => !extensions.includes(l));
  if (libraries.length) {
    const names = libraries.map(layerName);
    report({
      ...who,
      messageId: 'layers',
      data: {
        functions: subject(
          units.map((u) => u.name),
          'loads',
          'load',
        ),
        count: libraries.length === 1 ? 'code' : `code of ${libraries.length} layers`,
        list:
          names.length === 1
            ? libraries[0] === '?'
              ? names[0]
              : `layer ${names[0]}`
            : names.slice(0, 5).join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : ''),
      },
      at: at(unit, 'layers'),
      severity: 'info',
    });
  }
}
