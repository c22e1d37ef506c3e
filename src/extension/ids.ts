// Every identifier the extension shares with package.json's `contributes` (commands, views, settings, context values)
// in one place; test/unit/extension-ids.test.ts checks them against package.json both ways.

export const CommandId = {
  AssessWorkspace: 'lambdashift.assessWorkspace',
  OpenReport: 'lambdashift.openReport',
  ConvertToKubernetes: 'lambdashift.convertToKubernetes',
  ConvertToLambda: 'lambdashift.convertToLambda',
  ImportFromAws: 'lambdashift.importFromAws',
  SuppressWithReason: 'lambdashift.suppressWithReason',
  RefreshUnits: 'lambdashift.refreshUnits',
  ShowRuleDocs: 'lambdashift.showRuleDocs',
  SuppressInFile: 'lambdashift.suppressInFile',
  ShowLog: 'lambdashift.showLog',
  RevealUnit: 'lambdashift.revealUnit',
  MeasureUsage: 'lambdashift.measureUsage',
} as const;

/** Commands registered for the extension's own use (tests, internal calls), not contributed to the palette. */
export const InternalCommandId = {
  AwsMergedResult: 'lambdashift.awsMergedResult',
  /** A workspace result with the last *Measure Usage* figures applied (undefined: nothing measured yet). */
  MeasuredResult: 'lambdashift.measuredResult',
} as const;

export const ViewId = {
  Units: 'lambdashift.units',
  /** The report webview panel's view type (also its serializer's). */
  Report: 'lambdashift.report',
} as const;

/** `contextValue`s of tree items, matched by `view/item/context` menus. */
export const ContextValue = {
  Function: 'lambdashift.function',
  Workload: 'lambdashift.workload',
} as const;

/** The settings section and its keys (`lambdashift.<key>`). */
export const ConfigSection = 'lambdashift';
export const ConfigKey = {
  Enable: 'enable',
  Direction: 'direction',
  Rules: 'rules',
  Exclude: 'exclude',
  AwsEndpointUrl: 'aws.endpointUrl',
  MetricsDays: 'metrics.days',
  MetricsPrometheusUrl: 'metrics.prometheusUrl',
  MetricsPrometheusTokenEnv: 'metrics.prometheusTokenEnv',
} as const;
