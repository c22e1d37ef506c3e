import type { Unit } from './types';

// Lambda Web Adapter (https://github.com/awslabs/aws-lambda-web-adapter) runs an unchanged HTTP app inside Lambda:
// the app listens on a port, the adapter extension turns each invocation into a request to it. Its settings live in
// the IaC (AWS_LWA_* variables, the adapter layer, the /opt/bootstrap exec wrapper) or the image's Dockerfile (the
// adapter copied in as an extension, join/lambdaImage.ts), not in the app's code, so the
// code rules cannot see it; the workspace join drops listening-server findings in such functions' code folders.

const ADAPTER_LAYER = /LambdaAdapterLayer|aws-lambda-adapter|lambda-web-adapter/i;

/** A Lambda function set up to run its code behind Lambda Web Adapter. */
export function usesWebAdapter(u: Unit): boolean {
  if (u.kind !== 'lambda-function') return false;
  const env = u.environment ?? {};
  if (Object.keys(env).some((k) => k.startsWith('AWS_LWA_'))) return true;
  if (/^\/opt\/bootstrap$/.test(env.AWS_LAMBDA_EXEC_WRAPPER ?? '')) return true;
  if (u.imageBuild?.webAdapter) return true;
  return (u.layers ?? []).some((l) => ADAPTER_LAYER.test(l));
}

function joinRel(dir: string, sub: string): string {
  const segs: string[] = [];
  for (const s of `${dir}/${sub}`.replace(/\\/g, '/').split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') segs.pop();
    else segs.push(s);
  }
  return segs.join('/');
}

/** Code folders (relative to the scan root) of functions behind Lambda Web Adapter; '' for the root itself. */
export function webAdapterFolders(units: readonly Unit[]): string[] {
  const out = new Set<string>();
  for (const u of units) {
    if (!usesWebAdapter(u)) continue;
    const declaredIn = u.file.includes('/') ? u.file.slice(0, u.file.lastIndexOf('/')) : '';
    if (u.codeFile) out.add(u.codeFile.includes('/') ? u.codeFile.slice(0, u.codeFile.lastIndexOf('/')) : '');
    else if (u.codeUri) {
      out.add(joinRel(declaredIn, u.codeUri));
      // CDK asset paths are relative to the app's root (where cdk.json is), usually one folder above lib/ or stack/.
      if (u.source === 'cdk') out.add(joinRel(declaredIn.includes('/') ? declaredIn.slice(0, declaredIn.lastIndexOf('/')) : '', u.codeUri));
    }
  }
  return [...out];
}

/** True when `file` lies in one of `folders` (or below it). */
export function inFolders(file: string, folders: readonly string[]): boolean {
  return folders.some((d) => d === '' || file === d || file.startsWith(`${d}/`));
}
