import type { FeatureContext } from './types';

/** Registers the report feature (commands, providers). Wiring only. */
export function register(_ctx: FeatureContext): void {}
