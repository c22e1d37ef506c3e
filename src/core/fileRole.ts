// Code in a workspace that is not a Lambda function's or a service's own code, so no to-lambda handler rule judges it:
// third-party packages committed into a layer or dependency folder, Lambda extensions (they run beside the function,
// with a lifecycle of their own), and browser code (src/core/js/scope.ts decides that from the syntax tree).

/** Why a file's code is not judged as function or service code. */
export type CodeRole = 'vendored' | 'extension' | 'browser';

/**
 * Installed third-party packages: `site-packages`, a layer's `python/lib/python3.x/`, the inside of a `*.dist-info`
 * folder, a committed copy of the AWS SDK for Python (boto3/botocore/s3transfer). The workspace walk skips such
 * folders before reading them (src/node/vendored.ts); this catches single files (an editor's open document).
 */
const VENDORED_PATH = /(^|\/)(site-packages|dist-packages)\/|(^|\/)python\/lib\/python\d(\.\d+)?\/|\.(dist-info|egg-info)\/|(^|\/)(boto3|botocore|s3transfer)\/.*\.py$/;

export function isVendoredPath(file: string): boolean {
  return VENDORED_PATH.test(file.replace(/\\/g, '/'));
}

/**
 * Code that talks to the Extensions API (registers, waits for the next event) or subscribes to the Logs or Telemetry
 * API, which only extensions may do.
 */
const EXTENSIONS_API = /\/20\d\d-\d\d-\d\d\/(extension\/(register|event\/next)|logs\b|telemetry\b)|Lambda-Extension-(Name|Identifier)/;
/** A layer's `extensions/` folder, or a folder named like an extension's code (`logs-extension/`, `my_extension/`). */
const EXTENSION_FOLDER = /(^|\/)extensions\/|(^|\/)[^/]*[-_]extension\//i;

/**
 * A Lambda extension's code: it registers with the Extensions API, or it sits in an extension's folder and has no
 * handler of its own. Extensions run beside the function for the environment's whole life (their loops, listeners and
 * threads are how they work), so handler rules do not apply to them.
 */
export function isExtensionCode(file: string, text: string, hasHandler: boolean): boolean {
  if (EXTENSIONS_API.test(text)) return true;
  return !hasHandler && EXTENSION_FOLDER.test(file.replace(/\\/g, '/'));
}
