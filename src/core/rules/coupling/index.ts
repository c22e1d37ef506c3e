import type { JsRule } from '../types';

/** JS/TS rules for code coupled to Lambda (direction to-kubernetes), sorted by id. */
export const couplingRules: JsRule[] = [];
