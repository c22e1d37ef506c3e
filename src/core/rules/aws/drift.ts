// A rule on a deployed function's configuration, checked by src/core/model/aws.ts on the AWS inventory.
import type { RuleMeta } from '../types';

export const awsDrift: RuleMeta = {
  id: 'aws/drift',
  category: 'config-risk',
  severity: 'warning',
  direction: 'both',
  docs: {
    description: 'The deployed function differs from the workspace IaC that declares it, or is not declared in the workspace at all.',
    reference: 'https://docs.aws.amazon.com/lambda/latest/api/API_GetFunction.html',
  },
  messages: {
    field:
      '{name} is deployed with {field} {deployed} but {file} declares {declared}: the migration would be planned from the wrong value. Redeploy from the IaC or update the IaC to match what runs.',
    notInIac:
      'Function {name} is deployed in {region} but no workspace IaC declares it, so its configuration exists only in the account. Import it into IaC (SAM, CloudFormation, Terraform) before migrating, or confirm it is out of scope.',
  },
};
