// Conversions between a Lambda function unit and Kubernetes workloads. Pure: unit + options → files, notes, blockers.
import { convertToKubernetes } from './to-kubernetes';
import { convertToLambda } from './to-lambda';
import { ConvertError, type ConvertOptions, type ConvertResult, type Unit } from './types';

export function convertUnit(unit: Unit, options: ConvertOptions): ConvertResult {
  if (options.to === 'kubernetes') return convertToKubernetes(unit, options);
  if (options.to === 'lambda') return convertToLambda(unit, options);
  throw new ConvertError(`unknown target '${String(options.to)}'; use kubernetes or lambda.`);
}

/** The direction a unit converts to by default. */
export function defaultTarget(unit: Unit): ConvertOptions['to'] {
  return unit.kind === 'lambda-function' ? 'kubernetes' : 'lambda';
}

export { ConvertError, convertToKubernetes, convertToLambda };
export type { ConvertOptions, ConvertResult, GeneratedFile, K8sFormat, ConvertTarget } from './types';
export { eventBridgeToCronJob, cronJobToEventBridge } from './cron';
