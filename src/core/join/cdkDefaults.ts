// The runtime a CDK NodejsFunction deploys on when it names none. aws-cdk-lib decides it from a feature flag in the
// app's cdk.json: `Runtime.NODEJS_LATEST` with `@aws-cdk/aws-lambda-nodejs:useLatestRuntimeVersion`, `NODEJS_16_X`
// without it (aws/aws-cdk#26763, from 2.93; the NodejsFunctionProps `runtime` docs say the same). Earlier versions
// defaulted otherwise, so the app's package.json must ask for aws-cdk-lib 2.93 or later; without cdk.json or that
// dependency, the runtime stays unknown.
import { CDK_NODEJS_LATEST_FLAG as FLAG } from '../model/build';
import { cdkRuntimeId } from '../model/runtimes';
import { joinPath } from '../relpath';
import type { FileAnalysis, Unit } from '../types';
import { nearestCdkApp } from './cdkApp';

/** The least version a dependency range allows (`^2.185.0`, `~2.100.1`, `2.262.1`, `>=2.93.0`), as [major, minor]. */
function leastVersion(range: string): [number, number] | undefined {
  const m = /^\s*(?:\^|~|>=|=)?\s*v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+][\w.-]*)?\s*$/.exec(range);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** Gives each NodejsFunction without a runtime its app's default; returns the units given one. */
export function applyCdkNodejsDefaults(units: readonly Unit[], byFile: ReadonlyMap<string, FileAnalysis>, cdkApps: ReadonlySet<string>): Unit[] {
  const given: Unit[] = [];
  for (const u of units) {
    if (!u.cdkNodejsDefaultRuntime || u.runtime || u.packageType === 'Image') continue;
    const app = nearestCdkApp(u.file, cdkApps);
    if (app === undefined) continue;
    const where = joinPath(app, 'cdk.json');
    const latest = byFile.get(where)?.facts?.cdkNodejsLatestRuntime;
    const lib = byFile.get(joinPath(app, 'package.json'))?.facts?.awsCdkLib;
    const version = lib ? leastVersion(lib) : undefined;
    if (latest === undefined || !version || version[0] !== 2 || version[1] < 93) continue;
    u.runtime = latest ? cdkRuntimeId('NODEJS_LATEST') : 'nodejs16.x';
    u.valuesFrom = {
      ...u.valuesFrom,
      runtime: latest ? `NodejsFunction's default with ${FLAG} in ${where}` : `NodejsFunction's default: ${where} does not set ${FLAG}`,
    };
    given.push(u);
  }
  return given;
}
