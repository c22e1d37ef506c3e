// The shared vocabulary of the core. Positions inside core are 0-based offsets into the file text;
// `Finding` (the JSON contract shape) carries 1-based line/column computed at the end of analysis.
import type { UnitUsage } from './usage';

export type Severity = 'error' | 'warning' | 'info';
export type Direction = 'to-lambda' | 'to-kubernetes' | 'both';

/** The contract's category vocabulary; a finding has exactly one. Keep in step with ARCHITECTURE.md. */
export const CATEGORIES = [
  'listening-server',
  'background-work',
  'threads-or-processes',
  'in-memory-state',
  'local-disk-write',
  'cold-start-import',
  'long-running',
  'long-lived-connection',
  'timeout-limit',
  'resource-limit',
  'stateful-storage',
  'sidecar',
  'runtime-coupling',
  'event-source',
  'identity',
  'deprecated-runtime',
  'config-risk',
  'parse-error',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** What a file is, decided cheaply from its name and first bytes before any full parse. */
export type FileKind =
  | 'javascript'
  | 'typescript'
  | 'python'
  | 'go'
  | 'java'
  | 'csharp'
  | 'cloudformation'
  | 'serverless'
  | 'dotnet-lambda-tools'
  | 'kubernetes'
  | 'helm-chart'
  | 'helm-values'
  | 'helm-template'
  | 'helm-helpers'
  | 'kustomization'
  | 'terraform'
  | 'terraform-vars'
  | 'lambdashift-config'
  | 'dockerfile'
  | 'skaffold'
  | 'compose'
  | 'procfile'
  | 'package-json'
  | 'cdk-json'
  | 'build-script'
  | 'proto'
  | 'go-mod'
  | 'java-build'
  | 'cargo-toml'
  | 'unknown';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  description: string;
  edits: TextEdit[];
}

/** A text edit in 1-based line/column form (the contract's `fix`). */
export interface ContractEdit {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  newText: string;
}

export interface ContractFix {
  description: string;
  edits: ContractEdit[];
}

/** What a rule reports: offsets, before the join with the unit model. */
export interface RawFinding {
  ruleId: string;
  category: Category;
  severity: Severity;
  direction: Direction;
  start: number;
  end: number;
  message: string;
  fix?: Fix;
  suggestions?: Fix[];
  /** A duration (seconds) the code is known to run for; the join keeps the finding only when it exceeds the unit's timeout. */
  minDurationSeconds?: number;
  /** When set, the join appends the unit's configured value of this kind to the message. */
  mentions?: 'timeout' | 'memory' | 'embedded-server';
  /** The unit a model rule reported on; decides attribution when units share a source range (provider defaults). */
  unit?: string;
  /**
   * Code that runs only when the file is the program (Python's `if __name__ == "__main__":`): counted for a workload
   * whose image starts this file, never for a Lambda handler module, and not shown in editors.
   */
  entryOnly?: boolean;
  /**
   * Code that runs only when the file is started as a program (a Java or C# `main`, a Spring Boot application class):
   * the Lambda runtime calls the handler instead, so the finding does not count for code that belongs only to Lambda
   * functions (a Spring Boot app served through aws-serverless-java-container keeps a `main` for local runs).
   */
  programOnly?: boolean;
  /**
   * A write under this `/mnt/…` path: fine on Lambda when every function the file belongs to mounts a file system
   * (EFS) there, a local-disk write otherwise (the join decides).
   */
  unlessMounted?: string;
  /** The file is a deploy or packaging script (src/core/fileRole.ts): its code findings count only where a unit's code reaches it. */
  reachedOnly?: boolean;
  /**
   * Every unit of this file the finding is about, when one setting shared by several (a serverless.yml provider
   * default, SAM Globals, a Terraform local) is reported once at its line. `unit` is the first of them.
   */
  units?: string[];
  /**
   * The handlers (export names) whose code the finding is in: where this file is a function's handler file, it counts
   * only for the functions whose handler names one of them (`index.consumer`'s event shape is not `index.producer`'s).
   */
  handlers?: string[];
}

/** The contract's finding. */
export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  direction: Direction;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  unit?: string;
  /** Every unit the finding is about (a setting shared by several functions names them all); `unit` is the first. */
  units?: string[];
  fix?: ContractFix;
  suggestions?: ContractFix[];
  /** Not part of the contract's required fields; offsets for editors. Stripped from JSON output. */
  range?: [number, number];
  /**
   * Identities (src/core/identity.ts unitKey) of the units the finding counts for, stamped by the join: what verdicts,
   * CodeLens, the report and conversions match on, since names repeat across folders. Stripped from JSON output.
   */
  unitIds?: string[];
}

/** Where a unit is declared; `dotnet-lambda-tools`: an aws-lambda-tools-defaults.json that `dotnet lambda deploy-function` deploys. */
export type UnitSource = 'sam' | 'cloudformation' | 'serverless' | 'dotnet-lambda-tools' | 'terraform' | 'cdk' | 'kubernetes' | 'helm' | 'aws';

export type EventType = 'schedule' | 'sqs' | 'sns' | 's3' | 'http' | 'stream' | 'eventbridge' | 'direct' | 'other';

export interface UnitEvent {
  type: EventType;
  /** e.g. `rate(1 hour)` or `cron(0 12 * * ? *)` for schedules, a queue reference for sqs, a path for http. */
  detail?: string;
  [key: string]: unknown;
}

export type Verdict = 'ready' | 'changes' | 'blocked';

export interface Readiness {
  toLambda?: Verdict;
  toKubernetes?: Verdict;
  effort?: string;
  /** The weighted finding count behind `effort` (docs/readiness.md). */
  effortPoints?: number;
}

export interface ContainerInfo {
  name: string;
  image?: string;
  ports?: { containerPort: number; protocol?: string; name?: string }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  env?: string[];
  command?: string[];
  args?: string[];
  /** Volume mounts as `volumeName:mountPath`. */
  mounts?: string[];
  /** An init container's `restartPolicy` (`Always`: a native sidecar that runs beside the main container). */
  restartPolicy?: string;
  /**
   * What says the container serves HTTP when it declares no port: an `httpGet` probe, a `PORT` variable or a `--port`
   * argument (its position is fieldRanges `containers.N.http`).
   */
  httpEvidence?: string;
  /** The base image of the image's Dockerfile when that is a datastore's (`FROM mongo:5`): the container runs it. */
  builtFrom?: string;
}

/** A pod volume, reduced to what decides portability (`persistentVolumeClaim`, `hostPath`, `emptyDir`…). */
export interface VolumeInfo {
  name: string;
  type: string;
  /** `emptyDir.sizeLimit` (e.g. `512Mi`), when set. */
  sizeLimit?: string;
}

/** One place a (merged) workload is described: a manifest, a Helm template, a Kustomize base or overlay. */
export interface Description {
  file: string;
  line: number;
  /** How this file describes the workload. */
  via: 'manifest' | 'helm' | 'kustomize-base' | 'kustomize-overlay';
  /** The name (and namespace) the workload gets there, when it differs from the unit's (a namePrefix, a namespace). */
  name?: string;
  namespace?: string;
}

/** One reason behind a verdict: a deciding finding, or a note (no ruleId) such as a verdict from manifests only. */
export interface DecidingReason {
  message: string;
  ruleId?: string;
  severity?: Severity;
  file?: string;
  line?: number;
}

/** Lambda settings a unit can leave to a reference LambdaShift does not resolve. */
export type SizedField = 'timeoutSeconds' | 'memoryMB' | 'ephemeralStorageMB' | 'reservedConcurrency';

/** A Lambda function or a Kubernetes workload, from any source format. */
export interface Unit {
  kind: 'lambda-function' | 'k8s-workload';
  name: string;
  file: string;
  line: number;
  source: UnitSource;
  runtime?: string;
  handler?: string;
  /** The deployed (physical) function name when the IaC declares one (SAM/CFN `FunctionName`); pairs units with AWS. */
  functionName?: string;
  codeFile?: string;
  /** Folder holding the code, relative to the declaring file's folder (SAM `CodeUri`, serverless service root). Internal. */
  codeUri?: string;
  /** The function's code is written inside the template (SAM `InlineCode`, CloudFormation `Code.ZipFile`). */
  inlineCode?: boolean;
  /**
   * Code written in the template as a YAML block scalar: its text and the scalar's range, for the template's analysis
   * to read as the function's code (analyze.ts inlineCodeFindings). Internal.
   */
  inlineSource?: { code: string; range: [number, number] };
  /** The inline code above was analysed in place: its findings are the function's. Internal. */
  inlineAnalysed?: boolean;
  /**
   * The function deploys a package built outside the configuration, as the configuration names it
   * (`s3_existing_package`, `filename = module.package.local_filename`): its sources are not known. Internal.
   */
  prebuiltPackage?: string;
  /** Candidate entry files relative to codeUri (e.g. SAM esbuild `EntryPoints`). Internal. */
  entryPoints?: string[];
  /** SAM `Metadata.BuildMethod` (`makefile`: a Makefile in CodeUri says what the function is built from). Internal. */
  buildMethod?: string;
  /** The export the handler names (e.g. `handler` for `app.handler`). */
  handlerExport?: string;
  timeoutSeconds?: number;
  memoryMB?: number;
  ephemeralStorageMB?: number;
  architecture?: string;
  events: UnitEvent[];
  environment?: Record<string, string>;
  role?: string;
  policies?: string[];
  reservedConcurrency?: number;
  layers?: string[];
  packageType?: 'Zip' | 'Image';
  image?: string;
  /**
   * Settings the IaC gives by a reference that is not resolved (`var.timeout` without a default, `!Ref P` without a
   * Default, `${ssm:…}`): field → the reference as written. The field itself stays unset; never a default in disguise.
   */
  unresolvedFields?: Partial<Record<SizedField, string>>;
  /**
   * Terraform: the variable each sized field reads (`timeout = var.timeout`), with the default its own file gives and
   * whether that file lists it as unresolved; the workspace join fills the field from the stack's tfvars. Internal.
   */
  tfVariables?: Partial<Record<SizedField, { variable: string; default?: number; listed?: boolean }>>;
  /** `runtime = var.x` with no default in the declaring file: the join reads it from tfvars or a sibling's default. Internal. */
  tfRuntimeVariable?: string;
  /** Where a sized field's value came from when not from the declaration itself (e.g. `var.timeout in terraform.tfvars`). */
  valuesFrom?: Partial<Record<SizedField | 'runtime', string>>;
  /** An image function's Dockerfile, relative to `codeUri` (its build context), when the IaC names one. Internal. */
  dockerfile?: string;
  /**
   * The Dockerfile an image function is built from (workspace-relative), its final base image and the handler its CMD
   * names: the language and handler of an image whose name says neither (`var.image_uri`, an ECR URL).
   */
  imageBuild?: {
    dockerfile: string;
    from: string;
    handler?: string;
    /** The Dockerfile copies in Lambda Web Adapter: the image's own HTTP server gets the invocations. */
    webAdapter?: true;
    /** The port its ENV gives the adapter (AWS_LWA_PORT, else PORT); the adapter's default is 8080. */
    port?: number;
  };
  /** VPC attachment: subnet and security group references as written. */
  vpc?: { subnets?: string[]; securityGroups?: string[] };
  /** EFS mounts: the access point (ARN or reference) and the local mount path. */
  fileSystems?: { accessPoint: string; mountPath: string }[];
  /** Lambda durable function settings (`DurableConfig`). */
  durable?: { executionTimeoutSeconds?: number; retentionDays?: number };
  /** Asynchronous invocation retries (0–2) and maximum event age. */
  maximumRetryAttempts?: number;
  maximumEventAgeSeconds?: number;
  /** Where failed asynchronous events go: the dead-letter queue/topic or OnFailure destination, as written. */
  deadLetterTarget?: string;
  /** Where the records of successful asynchronous invocations go: the OnSuccess destination, as written. */
  successTarget?: string;
  /** Source properties read but not modelled (e.g. `Tracing`, `KmsKeyArn`), so a conversion can call each one out. */
  otherSettings?: string[];
  /** Variables a workload reads with `configMapKeyRef`: name → ConfigMap and key (values are found beside it, if at all). */
  envConfigMapRefs?: Record<string, { configMap: string; key: string }>;
  /** ConfigMaps the main container takes every key of (`envFrom`), with the prefix it gives them. Internal. */
  envFromConfigMaps?: { configMap: string; prefix: string }[];
  /** Role ARN a Kubernetes workload runs as (its ServiceAccount's IRSA annotation, or LambdaShift's role marker). */
  roleArn?: string;
  // Kubernetes workload fields
  workloadKind?: string;
  /** An Argo Rollouts `Rollout`'s strategy: how a new version replaces the old. */
  rolloutStrategy?: 'canary' | 'blueGreen';
  namespace?: string;
  containers?: ContainerInfo[];
  initContainers?: ContainerInfo[];
  schedule?: string;
  timeZone?: string;
  activeDeadlineSeconds?: number;
  replicas?: number;
  /** A bare Pod's `restartPolicy` when set (`Never`, `OnFailure`: it runs once, as a Job's pods do; default `Always`). */
  restartPolicy?: string;
  volumes?: VolumeInfo[];
  /** Names of non-init containers beyond the first (the main container). */
  sidecars?: string[];
  readiness: Readiness;
  /** Offsets of the unit's declaration in its file (for CodeLens and positions); not in the JSON contract. */
  range?: [number, number];
  /** Offsets of the value that set each field (e.g. `timeoutSeconds` → the `Timeout: 900` value), so model rules
   * can point at the exact source whatever the format. Not in the JSON contract. */
  fieldRanges?: Partial<Record<string, [number, number]>>;
  /** Values we could not know without executing or reading outside the workspace (e.g. `${env:X}`). */
  unresolved?: string[];
  /**
   * `file#name` of the unit LambdaShift converted this one from (the CONVERTED_FROM annotation or resource Metadata
   * it writes): the output of an earlier `convert`, listed but never mistaken for its source.
   */
  generatedFrom?: string;
  /** Measured usage over a window (`assess --metrics` / `--prometheus-url`); absent: the unit is costed on estimates. */
  usage?: UnitUsage;
  /** With `assess --repos`: the repository (sub-folder) the unit was found in; its paths start with this name. */
  repository?: string;
  /**
   * The code the unit runs: a function's handler file or a workload's entry files, then every file they reach through
   * relative imports (workspace-relative). Entry files come first.
   */
  codeFiles?: string[];
  /** How the code was found, e.g. `handler`, `skaffold.yaml artifact`, `folder name`; or why it was not. */
  joinedBy?: string;
  /**
   * A workload whose image is a stock web server (nginx, Apache httpd, Caddy) serving files built from its code: a
   * single-page app or static site, whose code runs in browsers. Set by the code join.
   */
  staticSite?: { server: string; from: string };
  /** Every place a workload is described when manifests, Helm templates and Kustomize describe the same service. */
  describedIn?: Description[];
  /** The top reasons behind the readiness verdict, most decisive first (at most a few). */
  decidedBy?: DecidingReason[];
  /** Helm template values as written (`{{ .Values.x }}`), by field, for the join to fill from values.yaml. Internal. */
  templated?: Record<string, string>;
  /**
   * CDK: the construct class (of this file, instantiated in none of its lines) whose constructor makes this function
   * from its props: the unit stands for the class, read with its props unknown, until the join finds the class's
   * instances in other files (join/cdkConstructs.ts), which replace it. Internal.
   */
  constructTemplate?: string;
  /** A CDK NodejsFunction that names no runtime: the join gives it the construct's default for its app. Internal. */
  cdkNodejsDefaultRuntime?: boolean;
  /** Build context (folder) of the workload's image, once joined. Internal. */
  buildContext?: string;
  /** The port each container's httpGet probe checks (`containers.0` → `8080` or a port name). Internal. */
  httpProbePorts?: Record<string, string>;
  /** The pod template's labels, which Services select by. Internal. */
  podLabels?: Record<string, string>;
  /** Helm: the named templates the pod template's labels are written with (`{{- include "x.selectorLabels" . }}`). Internal. */
  podLabelIncludes?: string[];
}

/** A Terraform `module` block with a local source: its inputs, evaluated where they could be (src/core/join/terraform.ts). */
export interface ModuleCall {
  name: string;
  source: string;
  inputs: Record<string, { value?: unknown; text?: string; range: [number, number] }>;
  range: [number, number];
}

/** Annotation (Kubernetes) and resource Metadata key (SAM) that marks converted output with its source unit. */
export const CONVERTED_FROM = 'lambdashift.dev/converted-from';

/** Annotation on converted workloads naming the IAM role they run as, so a later conversion back keeps it. */
export const ROLE_ARN_ANNOTATION = 'lambdashift.dev/role-arn';

export interface AnalysisError {
  file: string;
  line?: number;
  message: string;
}

/** A Service of a manifest: the pods it selects and what it carries. */
export interface K8sService {
  name: string;
  namespace?: string;
  /** Literal selector entries (templated values left out). */
  selector: Record<string, string>;
  /** A Helm Service whose selector is a named template (`{{- include "chart.selectorLabels" . }}`): that name. */
  selectorInclude?: string;
  ports: string[];
  /** Each port's `targetPort` as written (`8080`, `http`), empty where it has none: what routesTo checks. */
  targetPorts?: string[];
  type?: string;
  /** `appProtocol: grpc` (or kubernetes.io/h2c) or a gRPC-named port. */
  grpc: boolean;
  /** A Helm Service written only under a condition: that condition, as a template rendering `1` or `0` (conditionAt). */
  when?: string;
}

/** An Ingress rule's backend Service. */
export interface K8sRoute {
  ingress: string;
  service: string;
  host?: string;
}

/** Everything one file contributes; independent of every other file, so it can be cached and computed in workers. */
export interface FileAnalysis {
  file: string;
  kind: FileKind;
  findings: RawFinding[];
  units: Unit[];
  errors: AnalysisError[];
  /** Relative module specifiers this file imports (code files), for the import graph. */
  imports: string[];
  /** Names this code file exports that look like handler entries. */
  handlerExports: string[];
  /** Line starts, so offsets can be turned into line/column without the text. */
  lineStarts: ArrayLike<number>;
  /** True when the file was not analysed (minified, nested too deep, its analysis failed): `errors` says why. */
  skipped?: boolean;
  /** What a build, packaging or deployment file says (Dockerfile, skaffold, compose, kustomization…), for the join. */
  facts?: FileFacts;
}

/** A Dockerfile stage, reduced to what finds the code an image runs. Container paths are as written. */
export interface DockerStage {
  from: string;
  name?: string;
  workdir?: string;
  /** COPY/ADD instructions in order: sources (context-relative, or paths in `from` when copying from a stage). */
  copies: { sources: string[]; dest: string; from?: string; workdir?: string }[];
  entrypoint?: string[];
  cmd?: string[];
  /** `go build` package paths and the like: folders the stage compiles. */
  builds?: string[];
  /** By index in `builds`: the binary that build writes (`-o bin/api`), or null. */
  buildOutputs?: (string | null)[];
  expose?: number[];
  /** The port an `ENV AWS_LWA_PORT=` (else `ENV PORT=`) of this stage sets: where Lambda Web Adapter forwards requests. */
  adapterPort?: { port: number; from: 'AWS_LWA_PORT' | 'PORT' };
}

/** A workload-shaped document without an image: a Kustomize patch (or a `$patch: delete`), never a unit on its own. */
export interface WorkloadPatch {
  kind: string;
  name: string;
  line: number;
  delete?: boolean;
  replicas?: number;
  /** Containers by name (strategic merge), or by position (`index`, a JSON 6902 path). */
  containers: { name: string; index?: number; image?: string; resources?: ContainerInfo['resources'] }[];
  volumes?: VolumeInfo[];
  /** Offsets of patched values (as Unit.fieldRanges), so findings about them point into the patch file. */
  fieldRanges?: Partial<Record<string, [number, number]>>;
}

/** One JSON 6902 operation (RFC 6902) of a Kustomize patch, with the offsets of its entry. */
export interface JsonPatchOp {
  op: string;
  path: string;
  value?: unknown;
  range?: [number, number];
}

/** One `new X(scope, 'Id', props)` of a class imported from a module of the project (FileFacts.cdkInstances). */
export interface CdkInstance {
  /** The module specifier as written, and the class's exported name there (`default` for a default export). */
  module: string;
  className: string;
  id: string;
  /** The props argument's text (a const's initialiser when it names one), and its offset in this file. */
  props: string;
  propsAt: number;
  range: [number, number];
  events: UnitEvent[];
  /** By index in `events`: where the trigger is written in this file. */
  eventRanges: [number, number][];
  /** By index in `events`: the member of the instance it was given through (`auth.updateClient`), when one. */
  eventMembers?: (string | undefined)[];
}

/** Facts of build/deploy files; each kind fills its own part. */
export interface FileFacts {
  dockerfile?: { stages: DockerStage[] };
  /** skaffold artifacts, compose services, `docker build -t` lines: image → build context (paths relative to the file). */
  builds?: { image?: string; service?: string; context: string; dockerfile?: string; line: number }[];
  /**
   * Build scripts' `go build -o OUTPUT PKG…` lines (paths relative to the script's folder, or to `dir` when the line
   * changed to it first): the Go binary a serverless.yml or SAM handler names is built from these packages.
   */
  goBuilds?: { output: string; pkgs: string[]; dir?: string; line: number }[];
  /**
   * A Makefile's `build-<LogicalId>` targets, which `sam build` runs for a function with `BuildMethod: makefile`: the
   * folders and files each target's recipe builds or copies from (`dotnet publish Get/Get.csproj` → `Get`,
   * `go build ./cmd/get`, `cp -r src $(ARTIFACTS_DIR)`, `cd api && …`), relative to the Makefile's folder, first first.
   */
  makeTargets?: Record<string, string[]>;
  /**
   * An esbuild script's bundles: the entry point each call bundles and the folder it writes (both as written, relative
   * to the folder the script runs from), so a function whose package is that folder, or an archive of it, joins to
   * its source (`out/getOrder/getOrder.zip` ← `entryPoints: ['./src/adapters/getOrder.ts'], outfile: 'out/getOrder/index.js'`).
   */
  jsBundles?: { entry: string; outDir: string; line: number }[];
  /**
   * A CDK file's construct classes that make a function from their props and are not instantiated in it (and which
   * of them is the default export) with the file's text, which the join reads again with each instance another file
   * makes (join/cdkConstructs.ts).
   */
  cdkConstructClasses?: { classes: string[]; defaultClass?: string; text: string };
  /**
   * A CDK file's `new X(this, 'Id', { … })` of classes imported from the project's own modules, which may be construct
   * classes that make functions: the class as imported, the id, the props as written (and where), and the triggers the
   * file gives the instance (`new LambdaIntegration(x.function)`) with where each is written.
   */
  cdkInstances?: CdkInstance[];
  /**
   * The file is part of an infrastructure program (a CDK app in Java or C#, its `Program.cs` included): it runs at synth
   * time, never in a function or a service, so no handler resolves to it.
   */
  infrastructureProgram?: true;
  /** Procfile processes, package.json `main` and scripts. */
  processes?: Record<string, string>;
  packageMain?: string;
  /** package.json: the version range of aws-cdk-lib it depends on (dependencies or devDependencies). */
  awsCdkLib?: string;
  /**
   * cdk.json: whether its context turns on `@aws-cdk/aws-lambda-nodejs:useLatestRuntimeVersion`, which decides the
   * runtime of a NodejsFunction that names none (NODEJS_LATEST with it, NODEJS_16_X without).
   */
  cdkNodejsLatestRuntime?: boolean;
  /**
   * The template's Lambda MicroVM images (`AWS::Lambda::MicrovmImage`): an app that runs as a long-lived server in a
   * Lambda-managed microVM, built from the template's folder. Its code is already on Lambda and is not judged for the move there.
   */
  microvmImages?: string[];
  /** package.json `imports`: subpath import (`#x`, `#x/*`) → target path (`./src/x.js`, `./src/x/*.js`), relative to it. */
  packageImports?: Record<string, string>;
  /** go.mod's `module` path: imports that start with it are packages of this repository, under go.mod's folder. */
  goModule?: string;
  /**
   * A Maven or Gradle build (pom.xml, build.gradle) that takes Spring Boot's embedded server out of the web starter
   * (the aws-serverless-java-container setup): the server excluded, unless the build adds one back.
   */
  excludedServer?: string;
  /** Cargo.toml's dependencies (every dependency table, target-specific ones too), with where each is named. */
  rustCrates?: { name: string; line: number; start: number; end: number }[];
  /**
   * A Go file's package-level names and the names it uses, so that the join takes from an imported package only the
   * files that declare what the importer uses (and what those use in turn), rather than every file of the package.
   */
  goSymbols?: {
    /** Package-level functions, types, variables and constants, and the receiver types of its methods. */
    declares: string[];
    /** Identifiers and type names used anywhere in the file. */
    uses: string[];
    /** By import path: the names used qualified by that package (`handlers.NewDynamoDBEventHandler`). */
    qualified: Record<string, string[]>;
    /** The file runs when its package is imported, used or not: `func init()`, a package-level variable set by a call. */
    runsOnImport?: true;
  };
  /**
   * A code file that serves an HTTP framework app through an in-code Lambda adapter (src/core/webAdapter.ts): the
   * adapter and the framework (`Express`, `Gin`, `ASP.NET Core`; the adapter's kind of app when the file does not say).
   */
  httpAdapter?: { adapter: string; framework: string };
  /**
   * A C# file's namespaces and the namespaces its `using` directives name (read from the text as written), so the join
   * follows a handler into the projects it references (`using Shared.DataAccess;` → the files declaring it).
   */
  csNamespaces?: { declares: string[]; uses: string[] };
  /** Host names a code file's string literals connect to (src/core/hostRefs.ts): the host and where it is written. */
  hostRefs?: { host: string; start: number; end: number }[];
  /** Address variable names a code file mentions (`BALANCES_API_ADDR`): which of a ConfigMap's keys its program reads. */
  addressNames?: string[];
  /** A manifest's Services and Ingress routes (src/core/model/kubernetes.ts), for workloads described in other files. */
  k8sServices?: K8sService[];
  k8sRoutes?: K8sRoute[];
  /** A manifest's ConfigMaps: their short one-line values, masked as environments are, by ConfigMap name and key. */
  k8sConfigMaps?: Record<string, Record<string, string>>;
  /** `.proto` service definitions. */
  grpcServices?: { name: string; line: number; start: number; end: number; streaming: boolean }[];
  kustomization?: {
    resources: string[];
    components: string[];
    patches: string[];
    namePrefix?: string;
    nameSuffix?: string;
    namespace?: string;
    images: { name: string; newName?: string; newTag?: string }[];
    /** Inline patches, already read. */
    inlinePatches: WorkloadPatch[];
    /** JSON 6902 patches (`patchesJson6902`, or `patches` entries with a target): the target and a file or inline operations. */
    jsonPatches?: { target: { kind?: string; name?: string }; path?: string; ops?: JsonPatchOp[] }[];
    line: number;
  };
  /** Image-less workload documents of a manifest (Kustomize patches). */
  patches?: WorkloadPatch[];
  /**
   * Terraform: the numeric variable defaults a `.tf` file declares, or the numeric values a `terraform.tfvars` /
   * `*.auto.tfvars` file sets (other values are not kept: a tfvars file is where secrets are often written).
   */
  tfNumbers?: Record<string, number>;
  /** Terraform variables set to a Lambda runtime id (`python3.12`), from defaults and tfvars; only values of that shape. */
  tfRuntimes?: Record<string, string>;
  /** A JSON 6902 patch file (a list of `op`/`path`/`value` operations), for the kustomization that targets it. */
  jsonPatchOps?: JsonPatchOp[];
  /** Helm values.yaml as data (size-capped). */
  values?: Record<string, unknown>;
  chart?: { name?: string; appVersion?: string; version?: string; type?: string; dependencies?: string[] };
  /** A Helm chart's `.tpl` file: its named templates (`define`), name → body, for rendering the chart's templates. */
  helmDefines?: Record<string, string>;
  /** Terraform `module` blocks with a local source. */
  moduleCalls?: ModuleCall[];
  /**
   * Terraform: the address each function unit of the file is referred to by (`aws_lambda_function.orders`), by index in
   * the file's units; and the triggers the file attaches to functions it does not declare, which another file of the
   * same module folder does (a module split into lambda.tf and api.tf). The join attaches them (join/terraform.ts).
   */
  tfFunctionKeys?: { unit: number; key: string }[];
  tfTriggers?: { key: string; event: UnitEvent }[];
  /**
   * Terraform, by index in the file's units: the module inputs a function's settings come from, attribute → variable
   * (`runtime = var.runtime`), so that a call of its module fills them in; and the local source of a unit read from a
   * call's inputs alone (src/core/join/terraform.ts).
   */
  moduleUnits?: {
    unit: number;
    vars?: Record<string, string>;
    /** Code paths the module writes as a template of its variables (`"../out/${var.function_name}.zip"`). */
    paths?: Record<string, (string | { variable: string } | { module: true })[]>;
    source?: string;
  }[];
  /**
   * A CloudFormation template written by `cdk synth`: each resource's logical ID → the id of the construct that made it
   * (from its `aws:cdk:path` metadata, `Stack/Orders/Handler/Resource` → `Handler`). When the CDK app is in the
   * workspace, a function its code declares is described once, from the code (src/core/join/cdkOutput.ts).
   */
  cdkConstructs?: Record<string, string>;
}

export interface AssessResult {
  schemaVersion: 1;
  tool: { name: 'lambdashift'; version: string };
  findings: Finding[];
  units: Unit[];
  errors: AnalysisError[];
  stats: { files: number; analyzed: number; skipped: number; ms: number };
  /**
   * Not in the JSON contract. What the join found about each file that units reach (or that runs behind Lambda Web
   * Adapter): what an editor needs to finalise an open document's findings exactly as the join did
   * (src/core/workspace.ts finaliseFindings).
   */
  fileJoins?: Record<string, FileJoinRecord>;
  /**
   * Not in the JSON contract. The account's Lambda concurrency as CloudWatch measured it (`ConcurrentExecutions`
   * without a FunctionName dimension: every function at once), when `--metrics` could read it.
   */
  accountUsage?: { source: 'cloudwatch'; peakConcurrency: number; from: string; to: string; days: number };
}

/** A unit as finalising a file's findings needs it: to keep them, word them and say whom they count for. */
export type OwnerUnit = Pick<Unit, 'kind' | 'name' | 'file' | 'timeoutSeconds' | 'memoryMB' | 'generatedFrom' | 'workloadKind' | 'namespace' | 'fileSystems'>;

/** One file's join, as plain data (kept by the editor between scans). */
export interface FileJoinRecord {
  /**
   * The units whose code reaches the file; `entry`: the unit's program starts at this file (a main block runs);
   * `handlerExport`: the file is the function's handler file, and the handler names this export.
   */
  owners: (OwnerUnit & { entry?: true; handlerExport?: string })[];
  /** The file is served behind Lambda Web Adapter (src/core/webAdapter.ts). */
  adapted?: true;
  /** The file is the code of a Lambda MicroVM image (FileFacts.microvmImages): already on Lambda. */
  microvm?: true;
  /** Image functions this file declares whose Dockerfile copies Lambda Web Adapter in (known from the workspace join). */
  adaptedImages?: string[];
  /** Functions this file declares whose code is a web app behind an in-code adapter: name → the app, as worded. */
  frameworkApps?: Record<string, string>;
  /** The file's Java project builds without Spring Boot's embedded server: the server and the build file, as worded. */
  excludedServer?: string;
  /**
   * Units this file declares that the join judged again (a Helm workload as rendered, a workload a Service in another
   * file serves): their findings of the rejudged rules give way to `joinFindings`.
   */
  rejudged?: string[];
  /**
   * Units this file declares that stand for no deployment (a CDK construct class's unit, read with its props unknown,
   * once instances of the class are found in other files): their findings give way to `joinFindings`.
   */
  replaced?: string[];
  /** Findings the workspace join raised in this file, as of the last assessment. */
  joinFindings?: Finding[];
}

export type RuleSeverityOverride = Severity | 'off';

export interface AnalyzeOptions {
  /** Per-rule severity or `off`. */
  rules?: Record<string, RuleSeverityOverride>;
  /** ISO date (YYYY-MM-DD) that date-based rules compare against; read from the clock at the edges, never in core. */
  today?: string;
  /**
   * Per-file time budget for the rules, in milliseconds, measured with `now` (both from the edge: core never reads
   * the clock). Rules not started when it runs out are skipped and the file gets an error saying so. Not part of
   * the cache key: a file that ran out has an error, and files with errors are never cached.
   */
  timeBudgetMs?: number;
  /** A monotonic clock in milliseconds (e.g. `performance.now`); only with `timeBudgetMs`. */
  now?: () => number;
  /**
   * `false` turns the pre-filter off (src/core/prefilter.ts): every rule runs on every file and every JS/TS file gets
   * an ESTree. The result is the same either way; tests and the benchmark compare the two.
   */
  prefilter?: boolean;
}
