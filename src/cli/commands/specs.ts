// Every command's options in one table each: the parser (node:util parseArgs), `--help` and the README's synopsis are
// all generated from these, so none of them can list an option the others lack (test/unit/cli/synopsis.test.ts).

interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  default?: string;
  /** How the value is shown in help, e.g. `<text|json>`. */
  arg?: string;
  help: string;
}

export interface CommandSpec {
  name: string;
  usage: string;
  description: string;
  allowPositionals: boolean;
  options: Record<string, OptionSpec>;
  footer: string;
}

const HELP = { type: 'boolean', short: 'h', help: 'show this help' } as const satisfies OptionSpec;
const RULE = {
  type: 'string',
  multiple: true,
  arg: '<id=severity|off>',
  help: "override a rule's severity (repeatable; ids as in docs/rules/)",
} as const satisfies OptionSpec;

export const ASSESS = {
  name: 'assess',
  usage: 'lambdashift assess [paths...] [options]',
  description:
    'Assess code and IaC for a move between AWS Lambda and Kubernetes. Paths are folders or files (default: the current folder); reported paths are relative to the folder given, or to the deepest folder common to several paths.',
  allowPositionals: true,
  options: {
    format: { type: 'string', short: 'f', default: 'text', arg: '<text|json|sarif|html|markdown>', help: 'output format (default: text)' },
    output: { type: 'string', short: 'o', arg: '<file>', help: 'write the report to a file instead of stdout (never through a symbolic link)' },
    config: {
      type: 'string',
      arg: '<file>',
      help: 'cost inputs and rates (default: lambdashift.yaml in the scanned folder or the current folder, when present)',
    },
    baseline: { type: 'string', arg: '<file>', help: 'report only findings not in this earlier JSON or SARIF output' },
    direction: {
      type: 'string',
      arg: '<auto|to-kubernetes|to-lambda|both>',
      help: "which moves to assess: auto (each unit away from what deploys it today: Lambda functions to Kubernetes, workloads to Lambda), one move only, or both (every finding) (default: lambdashift.yaml's direction, else auto)",
    },
    'fail-on': {
      type: 'string',
      default: 'error',
      arg: '<error|warning|never>',
      help: 'exit 1 when a finding at or above this severity exists (default: error)',
    },
    exclude: { type: 'string', multiple: true, arg: '<glob>', help: 'skip matching paths (repeatable; .gitignore syntax)' },
    rule: RULE,
    'no-cache': { type: 'boolean', help: "analyse every file again; read and write no cache (neither the analysis cache nor the analyser's code cache)" },
    'cache-dir': {
      type: 'string',
      arg: '<dir>',
      help: "keep the analysis cache and the analyser's code cache here (default: node_modules/.cache/lambdashift when the current folder has node_modules or package.json)",
    },
    jobs: { type: 'string', short: 'j', arg: '<n>', help: 'analysis threads (default: one per CPU core)' },
    'include-aws': {
      type: 'boolean',
      help: "merge the functions deployed in --region (read-only AWS calls; see 'lambdashift inventory --help' and docs/inventory.md), with drift findings",
    },
    region: { type: 'string', arg: '<region>', help: 'AWS region for --include-aws (default: $AWS_REGION)' },
    profile: { type: 'string', arg: '<name>', help: "AWS profile for --include-aws (default: the SDK's default chain)" },
    'endpoint-url': { type: 'string', arg: '<url>', help: 'Lambda API endpoint for --include-aws (e.g. LocalStack); CloudWatch for --metrics too' },
    metrics: {
      type: 'boolean',
      help: 'with --include-aws: cost the functions at their measured usage (CloudWatch GetMetricData, read-only), and check them against their timeout and Lambda concurrency',
    },
    'metrics-days': { type: 'string', arg: '<n>', help: 'days of metrics for --metrics and --prometheus-url, 1-455 (default: 14)' },
    'prometheus-url': {
      type: 'string',
      arg: '<url>',
      help: "measure the Kubernetes workloads' requests, latency, CPU, memory and replicas from this Prometheus (queries: lambdashift.yaml, see README)",
    },
    'prometheus-token-env': { type: 'string', arg: '<name>', help: 'environment variable holding a bearer token for --prometheus-url (never printed)' },
    repos: {
      type: 'string',
      arg: '<folder>',
      help: 'assess a fleet: each sub-folder of <folder> is one repository; one report with an application list, paths prefixed with the repository folder',
    },
    help: HELP,
  },
  footer:
    'Without --metrics or --prometheus-url every cost is an estimate (default traffic per trigger, or lambdashift.yaml) and no AWS or Prometheus access is needed. Progress goes to stderr when it is a terminal.\n\nExit codes: 0 ok, 1 findings at or above --fail-on, 2 usage or fatal error.',
} as const satisfies CommandSpec;

export const CONVERT = {
  name: 'convert',
  usage: 'lambdashift convert <path> --unit <name> [--to kubernetes|lambda] [options]',
  description:
    "Convert a Lambda function to Kubernetes objects, or a Kubernetes workload to a SAM template. <path> is the folder to read units from, or the file that declares the unit (its folder is read for the unit's code); that folder is also the Docker build context of generated Dockerfiles.",
  allowPositionals: true,
  options: {
    unit: {
      type: 'string',
      short: 'u',
      arg: '<name>',
      help: "the function or workload to convert (see 'lambdashift assess'); FILE#NAME picks, among units of one name, the one FILE declares",
    },
    to: { type: 'string', short: 't', arg: '<kubernetes|lambda>', help: 'target (default: the other side of the unit)' },
    format: { type: 'string', default: 'manifests', arg: '<manifests|helm|kustomize>', help: 'Kubernetes layout (default: manifests)' },
    identity: { type: 'string', default: 'irsa', arg: '<irsa|pod-identity>', help: 'how Pods get the role (default: irsa)' },
    namespace: { type: 'string', arg: '<ns>', help: "Kubernetes namespace (default: the unit's, else default)" },
    out: { type: 'string', short: 'o', arg: '<dir>', help: 'output folder, relative to <path> (default: k8s/<name> or lambda/<name>)' },
    'dry-run': { type: 'boolean', help: 'print the files instead of writing them' },
    force: { type: 'boolean', help: 'overwrite existing files (a symbolic link there is replaced, never followed)' },
    'force-blockers': { type: 'boolean', help: 'convert even though the unit has blockers for this move (the files then start with them as comments)' },
    'deadline-allowance': {
      type: 'string',
      default: '60',
      arg: '<seconds>',
      help: "start-up time added to the function's timeout for a Job's activeDeadlineSeconds (default: 60)",
    },
    help: HELP,
  },
  footer:
    'Files are written only below the output folder and never through a symbolic link (docs/conversions.md). CONVERSION.md beside the output lists every setting of the unit and what it became.\n\nExit codes: 0 ok, 1 the unit cannot be converted or has blockers (nothing written; --force-blockers converts anyway), 2 usage error, files would be overwritten, or a link is in the way.',
} as const satisfies CommandSpec;

export const INVENTORY = {
  name: 'inventory',
  usage: 'lambdashift inventory --region <region> [options]',
  description:
    "List the Lambda functions deployed in one account/region with read-only API calls, and report on their deployed configuration (timeouts, memory, runtimes, package size, reserved concurrency, SQS mappings). Credentials come from the AWS SDK's standard chain; LambdaShift never prints or stores them.",
  allowPositionals: false,
  options: {
    region: { type: 'string', short: 'r', arg: '<region>', help: 'AWS region, e.g. eu-west-1 (default: $AWS_REGION)' },
    profile: { type: 'string', short: 'p', arg: '<name>', help: "profile from ~/.aws/config / ~/.aws/credentials (default: the SDK's default chain)" },
    'endpoint-url': { type: 'string', arg: '<url>', help: 'Lambda API endpoint (e.g. LocalStack)' },
    format: { type: 'string', short: 'f', default: 'text', arg: '<text|json>', help: 'output format (default: text)' },
    concurrency: { type: 'string', default: '4', arg: '<n>', help: 'API requests in flight at once, 1-16 (default: 4)' },
    today: { type: 'string', arg: '<YYYY-MM-DD>', help: 'date for runtime deprecation checks (default: today)' },
    rule: RULE,
    help: HELP,
  },
  footer:
    'Denied calls do not stop the run; the output lists which calls were denied for which functions and what that leaves unknown. The read-only IAM policy it needs is in docs/inventory.md.\n\nExit codes: 0 inventory complete (denied calls listed), 1 some calls failed (inventory incomplete), 2 usage error or nothing could be listed.',
} as const satisfies CommandSpec;

export const COMMAND_SPECS: readonly CommandSpec[] = [ASSESS, CONVERT, INVENTORY];

/** What parseArgs gives back for a spec's options, typed from the table. */
export type OptionValues<S extends CommandSpec> = {
  [K in keyof S['options']]?: S['options'][K]['type'] extends 'boolean' ? boolean : S['options'][K]['multiple'] extends true ? string[] : string;
};

const WIDTH = 100;
const LEFT = 36;

/** Greedy word wrap of `text` to `width` columns, continuation lines indented by `indent`. */
function fill(text: string, width: number, indent: number): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width - indent) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  out.push(line);
  return out.map((l, i) => (i ? ' '.repeat(indent) + l : l)).join('\n');
}

/** `lambdashift <command> --help`. */
export function helpText(spec: CommandSpec): string {
  const rows = Object.entries(spec.options).map(([name, o]) => {
    const left = `  ${o.short ? `-${o.short}, ` : '    '}--${name}${o.arg ? ` ${o.arg}` : ''}`;
    const help = fill(o.help, WIDTH, LEFT + 1);
    return left.length < LEFT ? `${left.padEnd(LEFT)} ${help}` : `${left}\n${' '.repeat(LEFT)} ${help}`;
  });
  const paragraphs = spec.footer.split('\n\n').map((p) => fill(p, WIDTH, 0));
  return `Usage: ${spec.usage}\n\n${fill(spec.description, WIDTH, 0)}\n\nOptions:\n${rows.join('\n')}\n\n${paragraphs.join('\n\n')}`;
}

/** The options of a spec as node:util parseArgs takes them. */
export function parseOptions(spec: CommandSpec): Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean; default?: string }> {
  return Object.fromEntries(
    Object.entries(spec.options).map(([name, o]) => [
      name,
      {
        type: o.type,
        ...(o.short ? { short: o.short } : {}),
        ...(o.multiple ? { multiple: true } : {}),
        ...(o.default !== undefined ? { default: o.default } : {}),
      },
    ]),
  );
}

/** The README's synopsis: every command's help, in one block. */
export function synopsis(): string {
  return COMMAND_SPECS.map(helpText).join('\n\n---\n\n');
}
