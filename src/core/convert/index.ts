// Conversions between a Lambda function unit and Kubernetes workloads. Pure: unit + options → files, notes, blockers.
import { assertGeneratedPaths } from './paths';
import { convertToKubernetes } from './to-kubernetes';
import { convertToLambda } from './to-lambda';
import { ConvertBlockedError, ConvertError, type ConvertOptions, type ConvertResult, type Unit } from './types';

export function convertUnit(unit: Unit, options: ConvertOptions): ConvertResult {
  let result: ConvertResult;
  if (options.to === 'kubernetes') result = convertToKubernetes(unit, options);
  else if (options.to === 'lambda') result = convertToLambda(unit, options);
  else throw new ConvertError(`unknown target '${String(options.to)}'; use kubernetes or lambda.`);
  // Every surface writes what this returns, so this is the one place a path is checked before it leaves core.
  assertGeneratedPaths(result.files);
  return result;
}

/** The direction a unit converts to by default. */
export function defaultTarget(unit: Unit): ConvertOptions['to'] {
  return unit.kind === 'lambda-function' ? 'kubernetes' : 'lambda';
}

export { ConvertBlockedError, ConvertError, convertToKubernetes, convertToLambda };
export type { ConvertOptions, ConvertResult, GeneratedFile, K8sFormat, ConvertTarget } from './types';
export { eventBridgeToCronJob, cronJobToEventBridge } from './cron';
export { assertGeneratedPaths, generatedPathProblem } from './paths';
