import * as vscode from 'vscode';
import ignore from 'ignore';
import { isDirectionSetting, type DirectionSetting } from '../core/direction';
import type { AnalyzeOptions, RuleSeverityOverride } from '../core/types';
import { ConfigKey, ConfigSection } from './ids';
import { projectDirection } from './projectConfig';

export interface Settings {
  enable: boolean;
  options: AnalyzeOptions;
  /** `lambdashift.direction` when set, else lambdashift.yaml's `direction:`, else auto. */
  direction: DirectionSetting;
  exclude: string[];
  isExcluded(uri: vscode.Uri): boolean;
}

/** Reads `lambdashift.*` for a resource; invalid values fall back to defaults. */
export function readSettings(scope?: vscode.Uri): Settings {
  const cfg = vscode.workspace.getConfiguration(ConfigSection, scope);
  const rawRules = cfg.get<Record<string, string>>(ConfigKey.Rules) ?? {};
  const rules: Record<string, RuleSeverityOverride> = {};
  for (const [id, v] of Object.entries(rawRules)) if (['error', 'warning', 'info', 'off'].includes(v)) rules[id] = v as RuleSeverityOverride;
  const exclude = (cfg.get<string[]>(ConfigKey.Exclude) ?? []).filter((g) => typeof g === 'string');
  // .gitignore syntax, as the workspace scan (and the CLI's --exclude) reads the same patterns.
  const matcher = ignore().add(exclude);
  // A value the user set (in any scope) wins over the project's lambdashift.yaml; the default does not.
  const inspected = cfg.inspect<string>(ConfigKey.Direction);
  const explicit = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
  const direction = isDirectionSetting(explicit) ? explicit : (projectDirection(scope) ?? 'auto');
  return {
    enable: cfg.get<boolean>(ConfigKey.Enable) ?? true,
    direction,
    // Deprecation checks compare with today's date; core takes it as an input.
    options: { rules, today: new Date().toISOString().slice(0, 10) },
    exclude,
    isExcluded(uri) {
      if (!exclude.length) return false;
      const rel = vscode.workspace.asRelativePath(uri, false);
      // Outside every workspace folder, asRelativePath gives the path back unchanged: nothing to match it against.
      if (rel.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(rel) || rel.startsWith('..')) return false;
      return matcher.ignores(rel);
    },
  };
}
