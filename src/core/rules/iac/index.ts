import type { ModelRule } from '../types';
import { timeoutLimit } from './timeout-limit';

/** Rules over the unit model (any IaC format), sorted by id. */
export const iacRules: ModelRule[] = [timeoutLimit];
