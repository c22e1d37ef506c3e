import type { JsRule } from '../types';
import { eventSource } from './event-source';
import { runtimeCoupling } from './runtime-coupling';

/** JS/TS rules for code coupled to Lambda (direction to-kubernetes), sorted by id. */
export const couplingRules: JsRule[] = [eventSource, runtimeCoupling];
