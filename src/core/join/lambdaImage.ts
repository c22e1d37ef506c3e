// A container-image Lambda function whose image name says nothing (`image_uri = var.image_uri`, an ECR repository URL)
// is still built from a Dockerfile in the workspace: its base image tells the language, its CMD the handler.
import { dirOf, joinPath } from '../relpath';
import type { DockerStage, FileAnalysis, Unit } from '../types';

/** AWS's Lambda base images (and the runtime interface clients a custom image installs). */
const LAMBDA_BASE = /(?:^|\/)(?:public\.ecr\.aws\/lambda\/|amazon\/aws-lambda-)/i;

/** The stage a Dockerfile builds last, following `FROM build AS final` chains to the first external base image. */
function finalBase(stages: DockerStage[]): { stage: DockerStage; from: string } | undefined {
  const last = stages[stages.length - 1];
  if (!last) return undefined;
  let from = last.from;
  for (let i = 0; i < stages.length; i++) {
    const named = stages.find((s) => s.name && s.name.toLowerCase() === from.toLowerCase());
    if (!named) break;
    from = named.from;
  }
  return { stage: last, from };
}

/** `CMD ["app.lambda_handler"]` (a Lambda base image, or ENTRYPOINT awslambdaric / aws-lambda-ric): the handler. */
function handlerOf(stages: DockerStage[]): string | undefined {
  // CMD and ENTRYPOINT carry over from the stage an image is built FROM: the last one set wins.
  const cmd = [...stages].reverse().find((s) => s.cmd)?.cmd;
  const entry = [...stages].reverse().find((s) => s.entrypoint)?.entrypoint;
  if (!cmd?.length) return undefined;
  if (entry && !entry.some((w) => /awslambdaric|aws-lambda-ric|aws-lambda-rie|lambda-entrypoint/.test(w))) return undefined;
  const h = cmd[cmd.length - 1];
  return /^[\w./-]+\.[\w$]+$/.test(h) || /^[\w.]+::[\w.]+(::\w+)?$/.test(h) ? h : undefined;
}

/**
 * The Dockerfile of an image function: the one its IaC names (SAM Metadata.Dockerfile/DockerContext, serverless
 * provider.ecr.images, CDK fromImageAsset), else the only Dockerfile under the declaring folder built on a Lambda base
 * image (Terraform pushes an image it builds elsewhere).
 */
export function lambdaImageBuild(unit: Unit, byFile: ReadonlyMap<string, FileAnalysis>): Unit['imageBuild'] {
  if (unit.kind !== 'lambda-function' || unit.packageType !== 'Image') return undefined;
  const declared = unit.codeUri !== undefined ? joinPath(dirOf(unit.file), unit.codeUri) : undefined;
  let file: string | undefined;
  if (declared !== undefined) {
    const named = joinPath(declared, unit.dockerfile ?? 'Dockerfile');
    if (byFile.get(named)?.kind === 'dockerfile') file = named;
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
  return { dockerfile: file, from: base.from, ...(handler ? { handler } : {}) };
}
