import type { JsRule } from '../types';
import { backgroundWork } from './background-work';
import { listeningServer } from './listening-server';

/** JS/TS handler rules, sorted by id. */
export const handlerRules: JsRule[] = [backgroundWork, listeningServer];
