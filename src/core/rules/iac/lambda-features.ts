import type { ModelRule } from '../types';
import type { Unit } from '../../types';
import { at } from './util';

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
      description: 'Lambda-only features a function is configured with (durable execution, extension layers, layers) that a pod does not have.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/durable-functions.html',
    },
    messages: {
      durable:
        "Function {name} is a durable function: its SDK checkpoints and replays through Lambda's durable execution service, which Kubernetes does not have. Keep it on Lambda, or move the workflow to Step Functions or a workflow engine on the cluster (Temporal, Argo Workflows) before moving the steps.",
      extension:
        "Function {name} runs the {layer} extension from a layer: a process beside the function that its code or telemetry talks to. A pod has none: run the agent as a sidecar (or the cluster's own collector), or call the service directly (e.g. Secrets Manager through the SDK, or the Secrets Store CSI driver).",
      layers:
        'Function {name} loads {count} from {list} under /opt. A container image has no layers: copy their contents into the image (the generated Dockerfile lists them) and keep their versions pinned.',
    },
  },
  check(ctx) {
    for (const unit of ctx.units) {
      if (unit.kind !== 'lambda-function') continue;
      if (unit.durable) ctx.report({ unit: unit.name, messageId: 'durable', data: { name: unit.name }, at: at(unit, 'durable'), severity: 'error' });
      reportLayers(unit, ctx.report);
    }
  },
};

function reportLayers(unit: Unit, report: Parameters<ModelRule['check']>[0]['report']): void {
  const refs = (unit.layers ?? []).filter((l) => typeof l === 'string' && l.length > 0 && !WEB_ADAPTER_LAYER.test(l));
  if (!refs.length) return;
  const extensions = refs.filter((l) => EXTENSION_LAYER.test(layerName(l)));
  for (const e of extensions) report({ unit: unit.name, messageId: 'extension', data: { name: unit.name, layer: layerName(e) }, at: at(unit, 'layers') });
  const libraries = refs.filter((l) => !extensions.includes(l));
  if (libraries.length) {
    const names = libraries.map(layerName);
    report({
      unit: unit.name,
      messageId: 'layers',
      data: {
        name: unit.name,
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
