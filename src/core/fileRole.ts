// Code in a workspace that is not a Lambda function's or a service's own code, so no code rule judges it: third-party
// packages committed into a layer or dependency folder, Lambda extensions (they run beside the function, with a
// lifecycle of their own, and have no Kubernetes counterpart to move to), infrastructure programs (CDK, CDKTF,
// Pulumi: they run on a developer's machine or in CI), and browser code (src/core/js/scope.ts decides that from the
// syntax tree).

/**
 * Installed third-party packages: `site-packages`, a layer's `python/lib/python3.x/`, the inside of a `*.dist-info`
 * folder, a committed copy of the AWS SDK for Python (boto3/botocore/s3transfer). The workspace walk skips such
 * folders before reading them (src/node/vendored.ts); this catches single files (an editor's open document).
 */
const VENDORED_PATH =
  /(^|\/)(site-packages|dist-packages)\/|(^|\/)python\/lib\/python\d(\.\d+)?\/|\.(dist-info|egg-info)\/|(^|\/)(boto3|botocore|s3transfer)\/.*\.py$/;

export function isVendoredPath(file: string): boolean {
  return VENDORED_PATH.test(file.replace(/\\/g, '/'));
}

/**
 * Code that talks to the Extensions API (registers, waits for the next event) or subscribes to the Logs or Telemetry
 * API, which only extensions may do.
 */
const EXTENSIONS_API = /\/20\d\d-\d\d-\d\d\/(extension\/(register|event\/next)|logs\b|telemetry\b)|Lambda-Extension-(Name|Identifier)/;
/** A layer's `extensions/` folder, or a folder named like an extension's code (`logs-extension/`, `my_extension/`). */
const EXTENSION_FOLDER = /(^|\/)extensions\/|(^|\/)[^/]*[-_]extension([-_][^/]*)?\//i;

/**
 * A Lambda extension's code: it registers with the Extensions API, or it sits in an extension's folder and has no
 * handler of its own. Extensions run beside the function for the environment's whole life (their loops, listeners and
 * threads are how they work), so the code rules do not judge them.
 */
export function isExtensionCode(file: string, text: string, hasHandler: boolean): boolean {
  if (EXTENSIONS_API.test(text)) return true;
  return !hasHandler && EXTENSION_FOLDER.test(file.replace(/\\/g, '/'));
}

/** Infrastructure-as-code libraries: a program that imports one describes resources and never runs in them. */
const IAC_LIBRARY = /^(aws-cdk-lib|aws-cdk|@aws-cdk\/|constructs$|cdktf|@cdktf\/|@pulumi\/|aws_cdk|pulumi|pulumi_aws|troposphere)(\b|$)/;

export function isInfrastructureCode(modules: Iterable<string>): boolean {
  for (const m of modules) if (IAC_LIBRARY.test(m)) return true;
  return false;
}

/**
 * Deploy and packaging scripts: they run on a developer's machine or in CI to build, upload or deploy, never in a
 * function or a service. `setup.py`, `noxfile.py`, `fabfile.py`, bundler configs, and scripts named for the verb
 * (`deploy.py`, `build_layer.py`, `package-lambda.js`, `release.sh`-style names in Python or JS), data seeding scripts
 * (`seed-data/`, `make-data.py`), packaging-step folders (`create-layer/`) and `scripts/` folders. A handler may still
 * live in such a file, so their code findings count only where a unit's code reaches them (RawFinding.reachedOnly).
 */
const PACKAGING_NAME =
  /^(setup|noxfile|fabfile|dodo|gulpfile|gruntfile|conftest)\.(py|js|cjs|mjs|ts)$|^(webpack|rollup|vite|esbuild|babel|jest|vitest|eslint)\.config\.[cm]?[jt]s$|^(seed|make[-_]data|generate[-_]data|populate|deploy|undeploy|destroy|teardown|build|package|packaging|release|publish|bundle|upload|provision|bootstrap|make[-_]?zip|zip)([-_][\w-]*)?\.(py|js|cjs|mjs|ts)$/i;
/**
 * Folders of a packaging step (`create-layer/index.js`, `build_layers/`, `make-zip/`), and a project's `scripts/`,
 * `tools/`, `test-scripts/`, `load-test/` or `hack/` folder (Kubernetes projects' name for developer scripts), where the
 * tools its package.json or Makefile runs live (`node scripts/fetchconfig.js`, `python tools/generate_schema.py`).
 */
const PACKAGING_FOLDER =
  /(^|\/)((create|build|make|package|deploy|publish)[-_]?(layer|zip|package|bundle|artifact)s?|seed[-_]?data|scripts|test[-_]scripts|load[-_]?tests?|tools|hack)\//i;

export function isPackagingScript(file: string): boolean {
  const name = file.replace(/\\/g, '/').split('/').pop() ?? '';
  return PACKAGING_NAME.test(name) || PACKAGING_FOLDER.test(file.replace(/\\/g, '/'));
}
