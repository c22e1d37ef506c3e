// Where a CDK app runs from: `cdk synth` runs in the folder of its cdk.json, and asset paths written as plain strings
// (`Code.fromAsset("lambda")`, `DockerImageCode.FromImageAsset("../src")`) are relative to that folder.
import { dirOf, nearestFolder } from '../relpath';

/** The folders holding a cdk.json among a workspace's files: one per CDK app. */
export function cdkAppsIn(files: Iterable<string>): Set<string> {
  const apps = new Set<string>();
  for (const f of files) if (f === 'cdk.json' || f.endsWith('/cdk.json')) apps.add(dirOf(f));
  return apps;
}

/** The folder of the nearest cdk.json above `file`: the CDK app it belongs to, if any. */
export function nearestCdkApp(file: string, apps: ReadonlySet<string>): string | undefined {
  return apps.size ? nearestFolder(file, (d) => apps.has(d)) : undefined;
}

/**
 * The folder a CDK app runs from, from a stack file's path: the nearest cdk.json above it; without one, by layout (a
 * Java app's Maven project holds its sources under src/main/java; a TypeScript or Python app keeps stacks one folder
 * down, in lib/ or stacks/).
 */
export function cdkAppRoot(file: string, apps?: ReadonlySet<string>): string {
  const app = apps ? nearestCdkApp(file, apps) : undefined;
  if (app !== undefined) return app;
  const i = `/${file}`.indexOf('/src/main/java/');
  return i >= 0 ? file.slice(0, Math.max(0, i - 1)) : dirOf(dirOf(file));
}
