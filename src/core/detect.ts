import type { FileKind } from './types';

const CODE_EXT = /\.(?:[cm]?js|jsx)$/i;
const TS_EXT = /\.(?:[cm]?ts|tsx)$/i;
const YAML_EXT = /\.ya?ml$/i;
const JSON_EXT = /\.json$/i;

export function baseName(file: string): string {
  const i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return i >= 0 ? file.slice(i + 1) : file;
}

/** True when the path is in a Helm chart's templates folder. */
function inHelmTemplates(file: string): boolean {
  return /(^|\/)templates\//.test(file.replace(/\\/g, '/'));
}

/** Dockerfile names: `Dockerfile`, `Dockerfile.prod`, `api.Dockerfile`, `Containerfile`. */
function isDockerfileName(name: string): boolean {
  if (/\.(?:dockerignore|md|txt|ya?ml|json|sh)$/i.test(name)) return false;
  return /^(?:dockerfile|containerfile)(?:[.-][\w.-]+)?$|\.(?:dockerfile|containerfile)$/i.test(name);
}

/** CI files and scripts that may build images (`docker build -t NAME PATH`). */
function isBuildScriptName(file: string, name: string): boolean {
  const norm = file.replace(/\\/g, '/');
  return (
    /\.(?:sh|bash)$/i.test(name) ||
    name === 'makefile' ||
    name === 'jenkinsfile' ||
    /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(norm) ||
    /^(?:cloudbuild[\w.-]*|\.gitlab-ci|azure-pipelines|bitbucket-pipelines|buildspec)\.ya?ml$/i.test(name)
  );
}

/**
 * A shell script line that starts a program (`exec python -m uvicorn main:app`, `NODE_ENV=production node server.js`):
 * the script a Lambda Web Adapter function names as its handler (`Handler: run.sh`), or an image's entrypoint script that
 * ends by starting its web server (`exec nginx -g 'daemon off;'`), read for what it starts.
 */
export const PROGRAM_LAUNCH =
  /^[ \t]*(?:exec[ \t]+)?(?:[A-Za-z_]\w*=\S*[ \t]+)*(?:exec[ \t]+)?(?:(?:node|nodejs|bun|deno|python[\d.]*|gunicorn|uvicorn|java|dotnet)[ \t]+\S|(?:nginx(?:-debug)?|httpd(?:-foreground)?|apache2ctl|caddy|lighttpd|openresty)(?=[ \t]|$))/m;
const DOCKER_BUILD = /\b(?:docker|podman)\s+(?:image\s+)?(?:buildx\s+)?build\b/;
/** `go build … -o NAME`: a script that names the binaries it builds. */
const GO_BUILD_OUTPUT = /\bgo\s+build\b[^\n]*\s-o[\s=]/;
/**
 * A Makefile rule `sam build` runs for a function with `BuildMethod: makefile` (`build-GetFunction:`), not a variable
 * assignment (`build-x := …`); group 1 is the target.
 */
export const SAM_MAKE_TARGET = /^(build-[A-Za-z0-9]+)\s*:(?!=)/;
const SAM_MAKE_TARGETS = new RegExp(SAM_MAKE_TARGET.source, 'm');

/**
 * Decides what a file is from its name and a peek at its first bytes. Cheap: no parsing.
 * `siblings` (file names in the same folder), when known, tells Helm values files apart.
 */
export function detectKind(file: string, text: string, siblings?: ReadonlySet<string>): FileKind {
  const name = baseName(file).toLowerCase();
  if (name.endsWith('.d.ts')) return 'unknown';
  if (TS_EXT.test(name)) return 'typescript';
  if (CODE_EXT.test(name)) return 'javascript';
  if (name.endsWith('.py')) return 'python';
  if (name.endsWith('.go')) return 'go';
  if (name.endsWith('.java')) return 'java';
  if (name.endsWith('.cs')) return 'csharp';
  if (name.endsWith('.tf')) return 'terraform';
  // Only the files Terraform loads by itself: terraform.tfvars(.json) and *.auto.tfvars(.json); a `-var-file` is a choice.
  if (/^terraform\.tfvars(?:\.json)?$|\.auto\.tfvars(?:\.json)?$/.test(name)) return 'terraform-vars';
  if (name === 'lambdashift.yaml' || name === 'lambdashift.yml' || name === '.lambdashift.yaml') return 'lambdashift-config';
  if (name.endsWith('.proto')) return 'proto';
  if (isDockerfileName(name)) return 'dockerfile';
  if (name === 'procfile') return 'procfile';
  if (name === 'go.mod') return 'go-mod';
  if (name === 'pom.xml' || name === 'build.gradle' || name === 'build.gradle.kts') return 'java-build';
  if (name === 'cargo.toml') return 'cargo-toml';
  if (name === 'package.json') return 'package-json';
  if (name === 'cdk.json') return 'cdk-json';
  // Amazon.Lambda.Tools' project defaults, by exact name only (a `.bak` copy or `my-…` file is no project's).
  if (name === 'aws-lambda-tools-defaults.json') return 'dotnet-lambda-tools';
  if (name === 'skaffold.yaml' || name === 'skaffold.yml') return /apiVersion\s*:\s*skaffold\//.test(text.slice(0, 65536)) ? 'skaffold' : 'unknown';
  if (/^(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$/.test(name)) return /^services\s*:/m.test(text.slice(0, 65536)) ? 'compose' : 'unknown';
  if (isBuildScriptName(file, name)) {
    const head = text.slice(0, 262144);
    return DOCKER_BUILD.test(head) ||
      GO_BUILD_OUTPUT.test(head) ||
      (/\.(?:sh|bash)$/i.test(name) && PROGRAM_LAUNCH.test(head)) ||
      (name === 'makefile' && SAM_MAKE_TARGETS.test(head))
      ? 'build-script'
      : 'unknown';
  }
  const isYaml = YAML_EXT.test(name);
  const isJson = JSON_EXT.test(name);
  // `serverless.template` (.NET Lambda projects, deployed with `dotnet lambda deploy-serverless`) and other `*.template`
  // CloudFormation files, JSON or YAML: taken only when the text says CloudFormation.
  // A chart's named templates (`_helpers.tpl`): read to render its templates' names and images.
  if (name.endsWith('.tpl') && inHelmTemplates(file)) return 'helm-helpers';
  if (name.endsWith('.template')) return isCloudFormationText(text.length > 65536 ? text.slice(0, 65536) : text) ? 'cloudformation' : 'unknown';
  if (!isYaml && !isJson) return 'unknown';
  if (isYaml && name === 'chart.yaml') return 'helm-chart';
  if (isYaml && (name === 'kustomization.yaml' || name === 'kustomization.yml')) return 'kustomization';
  if (isYaml && (name === 'serverless.yml' || name === 'serverless.yaml')) return 'serverless';
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  if (CFN_MARK.test(head)) return 'cloudformation';
  if (isJson) {
    if (CFN_JSON.test(head) && CFN_JSON_TYPE.test(head)) return 'cloudformation';
    if (/"apiVersion"\s*:/.test(head) && /"kind"\s*:/.test(head)) return 'kubernetes';
    if (JSON_PATCH_JSON.test(head)) return 'kubernetes';
    return 'unknown';
  }
  if (inHelmTemplates(file) && /\{\{/.test(head)) return 'helm-template';
  if ((name === 'values.yaml' || name === 'values.yml') && (siblings?.has('Chart.yaml') ?? false)) return 'helm-values';
  if (/^\s*service\s*:/m.test(head) && /^\s*provider\s*:/m.test(head) && /^functions\s*:/m.test(head)) return 'serverless';
  if (/^apiVersion\s*:/m.test(head) && /^kind\s*:/m.test(head)) return inHelmTemplates(file) ? 'helm-template' : 'kubernetes';
  if (CFN_YAML.test(head) && CFN_YAML_TYPE.test(head)) return 'cloudformation';
  // A Kustomize JSON 6902 patch (a list of operations on a workload): read as a manifest's facts, never a unit.
  if (JSON_PATCH_YAML.test(head) && /^\s*-?\s*\{?\s*path\s*:\s*["']?\/(spec|metadata)\b/m.test(head)) return 'kubernetes';
  return 'unknown';
}

/** What says a text is a CloudFormation template: its version or a SAM/Lambda type, else `Resources` of `AWS::` types. */
const CFN_MARK = /AWSTemplateFormatVersion|AWS::Serverless(?:-\d{4}-\d{2}-\d{2}|::)|AWS::Lambda::Function/;
const CFN_JSON = /"Resources"\s*:/;
const CFN_JSON_TYPE = /"Type"\s*:\s*"AWS::/;
const CFN_YAML = /^Resources\s*:/m;
const CFN_YAML_TYPE = /Type:\s*['"]?AWS::/;

function isCloudFormationText(head: string): boolean {
  return CFN_MARK.test(head) || (CFN_JSON.test(head) && CFN_JSON_TYPE.test(head)) || (CFN_YAML.test(head) && CFN_YAML_TYPE.test(head));
}

/** The first item of a JSON 6902 operation list (RFC 6902), in JSON or YAML. */
const JSON_PATCH_JSON = /^\s*\[\s*\{\s*"op"\s*:\s*"(add|remove|replace|move|copy|test)"/;
const JSON_PATCH_YAML = /^(?:\s*#.*\n|\s*\n)*-\s+\{?\s*op\s*:\s*["']?(add|remove|replace|move|copy|test)\b/;

export function isCodeKind(kind: FileKind): boolean {
  return kind === 'javascript' || kind === 'typescript' || kind === 'python' || kind === 'go' || kind === 'java' || kind === 'csharp';
}
