// A container-image Lambda function whose image name says nothing (`image_uri = var.image_uri`, an ECR repository URL)
// is still built from a Dockerfile in the workspace: its base image tells the language, its CMD the handler.
import { dirOf, joinPath } from '../relpath';
import { cdkAppRoot } from './cdkApp';
import type { DockerStage, FileAnalysis, Unit } from '../types';

/** AWS's Lambda base images (and the runtime interface clients a custom image installs). */
const LAMBDA_BASE = /(?:^|\/)(?:public\.ecr\.aws\/lambda\/|amazon\/aws-lambda-)/i;

/** The stage a Dockerfile builds last, following `FROM build AS final` chains to the first external base image. */
export function finalBase(stages: DockerStage[]): { stage: DockerStage; from: string } | undefined {
  const chain = stageChain(stages);
  return chain.length ? { stage: chain[0], from: chain[chain.length - 1].from } : undefined;
}

/** The last stage and the stages it is built FROM, nearest first. */
function stageChain(stages: DockerStage[]): DockerStage[] {
  const out: DockerStage[] = [];
  for (let s: DockerStage | undefined = stages[stages.length - 1]; s && !out.includes(s);) {
    out.push(s);
    const from = s.from.toLowerCase();
    s = stages.find((x) => x.name !== undefined && x.name.toLowerCase() === from);
  }
  return out;
}

/** The runtime interface clients and emulator, which take the handler as their last argument. */
const RIC = /awslambdaric|aws-lambda-ric|aws-lambda-rie|lambda-entrypoint/;

/**
 * `CMD ["app.lambda_handler"]` (a Lambda base image, or ENTRYPOINT awslambdaric / aws-lambda-ric): the handler. A CMD
 * of several words that names no runtime interface client starts a program (`node index.js`, `./bootstrap`): no
 * handler, the image is joined through its command (join/code.ts joinBuild).
 */
function handlerOf(stages: DockerStage[]): string | undefined {
  // CMD and ENTRYPOINT carry over from the stage an image is built FROM: the last one set wins.
  const cmd = [...stages].reverse().find((s) => s.cmd)?.cmd;
  const entry = [...stages].reverse().find((s) => s.entrypoint)?.entrypoint;
  if (!cmd?.length) return undefined;
  const ric = (words: string[] | undefined) => words?.some((w) => RIC.test(w)) === true;
  if (entry && !ric(entry)) return undefined;
  if (cmd.length > 1 && !ric(entry) && !ric(cmd)) return undefined;
  const h = cmd[cmd.length - 1];
  return /^[\w./-]+\.[\w$]+$/.test(h) || /^[\w.]+::[\w.]+(::\w+)?$/.test(h) ? h : undefined;
}

/** The Lambda Web Adapter's image, copied into a function's image as an extension. */
const ADAPTER_IMAGE = /(?:^|\/)aws-lambda-adapter(?::|@|$)|lambda-web-adapter/i;

/**
 * An image that runs its HTTP server behind Lambda Web Adapter: a stage copies the adapter in (`COPY
 * --from=public.ecr.aws/awsguru/aws-lambda-adapter:0.9.1 /lambda-adapter /opt/extensions/lambda-adapter`, also through
 * a stage built FROM that image).
 */
export function copiesWebAdapter(stages: readonly DockerStage[]): boolean {
  return stages.some((s) =>
    s.copies.some((c) => {
      if (/^\/opt\/extensions\/lambda-adapter\/?$/.test(c.dest)) return true;
      if (c.from === undefined) return false;
      const image = stages.find((x) => x.name !== undefined && x.name.toLowerCase() === c.from!.toLowerCase())?.from ?? c.from;
      return ADAPTER_IMAGE.test(image);
    }),
  );
}

/**
 * The Dockerfile of an image function: the one its IaC names (SAM Metadata.Dockerfile/DockerContext, serverless
 * provider.ecr.images, CDK fromImageAsset), else the only Dockerfile under the declaring folder built on a Lambda base
 * image (Terraform pushes an image it builds elsewhere).
 */
export function lambdaImageBuild(unit: Unit, byFile: ReadonlyMap<string, FileAnalysis>, cdkApps?: ReadonlySet<string>): Unit['imageBuild'] {
  if (unit.kind !== 'lambda-function' || unit.packageType !== 'Image') return undefined;
  const declared = unit.codeUri !== undefined ? joinPath(dirOf(unit.file), unit.codeUri) : undefined;
  let file: string | undefined;
  if (declared !== undefined) {
    // The Dockerfile's path is relative to the build context (SAM's Metadata.Dockerfile); Terraform's docker-build module
    // is also given one from the configuration's folder (`docker_file_path = "${local.source_path}/Dockerfile"`). A
    // CDK asset path written as a plain string is relative to the app's folder, where `cdk synth` runs.
    const contexts = [declared, ...(unit.source === 'cdk' ? [joinPath(cdkAppRoot(unit.file, cdkApps), unit.codeUri!)] : [])];
    const named = [
      ...contexts.map((c) => joinPath(c, unit.dockerfile ?? 'Dockerfile')),
      ...(unit.dockerfile ? [joinPath(dirOf(unit.file), unit.dockerfile)] : []),
    ];
    file = named.find((f) => byFile.get(f)?.kind === 'dockerfile');
  }
  if (!file && declared === undefined) {
    const folder = dirOf(unit.file);
    const candidates = [...byFile.values()].filter(
      (a) => a.kind === 'dockerfile' && (folder === '' || a.file.startsWith(`${folder}/`)) && a.facts?.dockerfile?.stages.some((s) => LAMBDA_BASE.test(s.from)),
    );
    if (candidates.length === 1) file = candidates[0].file;
  }
  const stages = file ? byFile.get(file)?.facts?.dockerfile?.stages : undefined;
  const base = stages ? finalBase(stages) : undefined;
  if (!file || !stages || !base) return undefined;
  const handler = handlerOf(stages);
  const adapter = copiesWebAdapter(stages);
  // ENV carries over from the stage an image is built FROM; AWS_LWA_PORT set anywhere on the chain wins over PORT.
  const chain = stageChain(stages);
  const port = (chain.find((s) => s.adapterPort?.from === 'AWS_LWA_PORT') ?? chain.find((s) => s.adapterPort))?.adapterPort?.port;
  return {
    dockerfile: file,
    from: base.from,
    ...(handler ? { handler } : {}),
    ...(adapter ? { webAdapter: true as const } : {}),
    ...(adapter && port !== undefined ? { port } : {}),
  };
}
