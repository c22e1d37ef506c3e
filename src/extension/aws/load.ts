// The inventory bundle (AWS SDK inside) is dist/awsInventory.js, required on first use so activation stays cheap.
type AwsInventoryApi = typeof import('../../node/aws/inventory');

let api: AwsInventoryApi | undefined;

export function getAwsInventory(): AwsInventoryApi {
  // The path is relative to dist/extension.js at run time; esbuild leaves it external.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  api ??= require('./awsInventory.js') as AwsInventoryApi;
  return api;
}
