// Which runner calls a converted function's code, and what no runner can carry: shared by the conversion's plan and
// by iac/pod-entry-point, so a verdict never calls ready what the conversion refuses.
import type { Unit, UnitEvent } from '../../types';
import { usesWebAdapter } from '../../webAdapter';

export type WorkloadShape = 'cronjob' | 'scaledjob' | 'deployment' | 'job';

/** `web`: the function serves HTTP itself through the AWS Lambda Web Adapter: run its program as it is. */
export type RunnerKind = 'node' | 'python' | 'java' | 'dotnet' | 'web' | 'unknown';

/**
 * The port of a function that serves HTTP itself through the Lambda Web Adapter, else undefined: an image that has the
 * adapter (copied in, or configured by AWS_LWA_* / the exec wrapper), or a zip function given the adapter's layer or
 * its `/opt/bootstrap` exec wrapper, whose handler (`run.sh`, a `bootstrap` binary) starts the app.
 */
export function webAdapterPort(unit: Unit): number | undefined {
  const env = unit.environment ?? {};
  // The adapter's default port is 8080 (AWS_LWA_PORT, else PORT, from the function's variables, which override the
  // image's ENV: unit.imageBuild.port).
  const port = (fallback: number) => Number(env.AWS_LWA_PORT || env.PORT || unit.imageBuild?.port || fallback);
  const valid = (n: number) => (Number.isInteger(n) && n > 0 && n < 65536 ? n : undefined);
  if (unit.packageType !== 'Image') return usesWebAdapter(unit) ? valid(port(8080)) : undefined;
  const inImage = unit.imageBuild?.webAdapter === true;
  const n = port(env.AWS_LAMBDA_EXEC_WRAPPER === '/opt/bootstrap' || inImage ? 8080 : NaN);
  return env.AWS_LWA_PORT !== undefined || env.AWS_LAMBDA_EXEC_WRAPPER !== undefined || inImage ? valid(n) : undefined;
}

/** The event that decides the workload: schedules first, then queues, HTTP, push sources routed through SQS, none. */
export function primaryEvent(unit: Unit): UnitEvent | undefined {
  const order = ['schedule', 'sqs', 'http', 's3', 'sns', 'eventbridge', 'stream', 'other', 'direct'];
  return [...unit.events].sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type))[0];
}

export function shapeFor(event: UnitEvent | undefined): WorkloadShape {
  if (!event) return 'job';
  if (event.type === 'schedule') return 'cronjob';
  if (event.type === 'http') return 'deployment';
  if (event.type === 'sqs' || event.type === 's3' || event.type === 'sns' || event.type === 'eventbridge') return 'scaledjob';
  return 'job';
}

/** The language the runner must speak: from the runtime, else (container images) from the image name. Never assumed. */
export function runnerFor(unit: Unit): RunnerKind {
  if (webAdapterPort(unit) !== undefined) return 'web';
  const rt = unit.runtime ?? '';
  if (/^nodejs/.test(rt)) return 'node';
  if (/^python/.test(rt)) return 'python';
  if (/^java/.test(rt)) return 'java';
  if (/^dotnet/.test(rt)) return 'dotnet';
  if (rt) return 'unknown';
  if (unit.packageType === 'Image') {
    const byName = imageLanguage(unit.image ?? '');
    // A parameterised image (`var.image_uri`, an ECR URL) says nothing: the Dockerfile it is built from does.
    return byName !== 'unknown' || !unit.imageBuild ? byName : imageLanguage(unit.imageBuild.from);
  }
  // A zip function whose runtime is not written or not resolved (a parameter, a variable the reader cannot follow): the code
  // the join found for its handler says which runner calls it (CDK NodejsFunction's entry likewise).
  return codeRunner(unit.entryPoints?.[0] ?? unit.codeFile ?? '');
}

/** The runner for a handler's code file, by its extension. */
function codeRunner(file: string): RunnerKind {
  if (/\.[cm]?[jt]sx?$/.test(file)) return 'node';
  if (/\.py$/.test(file)) return 'python';
  if (/\.(?:java|kt)$/.test(file)) return 'java';
  if (/\.cs$/.test(file)) return 'dotnet';
  return 'unknown';
}

/** Runtimes whose `bootstrap` is the function's own program (OS-only runtimes; go1.x ran the binary the same way). */
const OS_ONLY_RUNTIME = /^(?:provided(?:\.al2(?:023)?)?|go1\.x)$/;
/** Managed runtimes LambdaShift generates no runner for. */
const UNRUN_RUNTIME = /^ruby\d/;

/**
 * What keeps a converted function's code from being called on Kubernetes as Lambda calls it, when the source says so:
 * `no-runner`, a runtime with no runner of ours (an OS-only runtime whose bootstrap polls the Runtime API, or Ruby);
 * `one-shot`, Java or .NET (run one invocation per Job through the Runtime Interface Emulator) behind a trigger that
 * needs a server (HTTP) or a consumer (queues and the push sources routed through one); `pass-through`, an app behind
 * the Lambda Web Adapter fed by a trigger other than HTTP, whose events the adapter POSTs to it (AWS_LWA_PASS_THROUGH_PATH)
 * and which nothing in a pod receives or posts. The plan's blockers and iac/pod-entry-point both come from here, so a
 * verdict never calls ready what the conversion refuses.
 */
export type EntryGap =
  | { kind: 'no-runner'; runtime: string; osOnly: boolean }
  | { kind: 'pass-through'; event: UnitEvent; path: string }
  | { kind: 'one-shot'; runner: 'java' | 'dotnet'; shape: 'deployment' | 'scaledjob'; event: UnitEvent };

export function entryGap(unit: Unit): EntryGap | undefined {
  if (unit.kind !== 'lambda-function') return undefined;
  const runner = runnerFor(unit);
  const runtime = unit.runtime ?? '';
  if (runner === 'web') {
    // A schedule or a queue (and the push sources routed through one): the adapter turned its events into POSTs to the
    // app. Invokers that call only Lambda are iac/event-source's.
    const event = primaryEvent(unit);
    const shape = shapeFor(event);
    return event && (shape === 'cronjob' || shape === 'scaledjob')
      ? { kind: 'pass-through', event, path: unit.environment?.AWS_LWA_PASS_THROUGH_PATH || '/events' }
      : undefined;
  }
  if (runner === 'unknown') {
    if (OS_ONLY_RUNTIME.test(runtime)) return { kind: 'no-runner', runtime, osOnly: true };
    if (UNRUN_RUNTIME.test(runtime)) return { kind: 'no-runner', runtime, osOnly: false };
    return undefined;
  }
  if (runner !== 'java' && runner !== 'dotnet') return undefined;
  const event = primaryEvent(unit);
  const shape = shapeFor(event);
  return shape === 'deployment' || shape === 'scaledjob' ? { kind: 'one-shot', runner, shape, event: event! } : undefined;
}

/**
 * The triggers the one Deployment serves when the primary trigger is HTTP: every HTTP route of its kind (its Ingress
 * routes them all), primary first. A WebSocket route, or one whose event has another shape (REST API 1.0, HTTP API or
 * function URL 2.0, ALB), is not the same server's: it needs a workload of its own. Empty for other shapes.
 */
export function servedByDeployment(unit: Unit): UnitEvent[] {
  const event = primaryEvent(unit);
  if (shapeFor(event) !== 'deployment' || isWebSocket(event!)) return [];
  return [event!, ...unit.events.filter((e) => e !== event && e.type === 'http' && !isWebSocket(e) && httpPayloadOf(e) === httpPayloadOf(event!))];
}

/** An API Gateway WebSocket API route: connections the pod must hold, not requests a runner can serve. */
export function isWebSocket(e: UnitEvent): boolean {
  return e.websocket === true || e.apiGateway === 'websocket';
}

/** The event shape the runner builds for an HTTP trigger: ALB target, REST API (1.0), HTTP API or function URL (2.0). */
export function httpPayloadOf(e: UnitEvent): '1.0' | '2.0' | 'alb' {
  return e.alb ? 'alb' : e.apiGateway === 'rest' ? '1.0' : '2.0';
}

/** The function image as a Dockerfile can name it: a literal reference, else the `<FUNCTION_IMAGE>` placeholder. */
export function functionImageRef(unit: Unit): string {
  return unit.image && /^[A-Za-z0-9][A-Za-z0-9._\/:@-]*$/.test(unit.image) ? unit.image : '<FUNCTION_IMAGE>';
}

/** The language a Lambda base image's (or a language image's) name tells. */
export function imageLanguage(image: string): RunnerKind {
  const img = image.toLowerCase();
  if (/lambda\/nodejs|(^|[/:_-])node(js)?([:_-]|\d|$)/.test(img)) return 'node';
  if (/lambda\/python|(^|[/:_-])python([:_-]|\d|$)/.test(img)) return 'python';
  if (/lambda\/java|(^|[/:_-])(java|jdk|jre|corretto)([:_-]|\d|$)/.test(img)) return 'java';
  if (/lambda\/dotnet|(^|[/:_-])(dotnet|aspnet)([:_-]|\d|$)/.test(img)) return 'dotnet';
  return 'unknown';
}
