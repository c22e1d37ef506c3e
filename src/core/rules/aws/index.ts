import type { RuleMeta } from '../types';
import { awsDeprecatedRuntime } from './deprecated-runtime';
import { awsDrift } from './drift';
import { awsMemoryLimit } from './memory-limit';
import { awsPackageSize } from './package-size';
import { awsReservedConcurrencyZero } from './reserved-concurrency-zero';
import { awsSqsBatch } from './sqs-batch';

/** Metadata of every `aws/*` rule, sorted by id; the checks run in src/core/model/aws.ts on the AWS inventory. */
export const awsRuleMetas: RuleMeta[] = [awsDeprecatedRuntime, awsDrift, awsMemoryLimit, awsPackageSize, awsReservedConcurrencyZero, awsSqsBatch];

export { awsDeprecatedRuntime, awsDrift, awsMemoryLimit, awsPackageSize, awsReservedConcurrencyZero, awsSqsBatch };
