import type { FeatureContext } from './types';

/** Registers the inventory feature (commands, providers). Wiring only. */
export function register(_ctx: FeatureContext): void {}
