// Trust policies for the role a converted workload assumes. The role's permission policies stay as they are; only
// who may assume it changes. Shapes from reference §5:
// IRSA https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html
// Pod Identity https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html

export type IdentityMode = 'irsa' | 'pod-identity';

export const OIDC_PROVIDER_PLACEHOLDER = 'oidc.eks.<REGION>.amazonaws.com/id/<OIDC_ID>';
export const ACCOUNT_PLACEHOLDER = '<ACCOUNT_ID>';

export interface TrustPolicy {
  Version: '2012-10-17';
  Statement: Record<string, unknown>[];
}

/** Role ARN from what the template says: an ARN is kept, anything else (logical id, `!GetAtt`) becomes a placeholder. */
export function roleArnFor(role: string | undefined, fallbackName: string): { arn: string; known: boolean } {
  if (role && /^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(role)) return { arn: role, known: true };
  return { arn: `arn:aws:iam::${ACCOUNT_PLACEHOLDER}:role/${fallbackName}`, known: false };
}

/** `oidc.eks.<region>.amazonaws.com/id/<id>` (issuer without `https://`, as the condition keys need it). */
export function normaliseIssuer(issuer: string | undefined): string {
  if (!issuer) return OIDC_PROVIDER_PLACEHOLDER;
  return issuer.replace(/^https?:\/\//, '').replace(/\/$/, '');
}

export function irsaTrustPolicy(namespace: string, serviceAccount: string, oidcIssuer?: string, accountId?: string): TrustPolicy {
  const issuer = normaliseIssuer(oidcIssuer);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${accountId ?? ACCOUNT_PLACEHOLDER}:oidc-provider/${issuer}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            [`${issuer}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
            [`${issuer}:aud`]: 'sts.amazonaws.com',
          },
        },
      },
    ],
  };
}

export function podIdentityTrustPolicy(): TrustPolicy {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowEksAuthToAssumeRoleForPodIdentity',
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
      },
    ],
  };
}

/** The input of `aws eks create-pod-identity-association --cli-input-json`. */
export function podIdentityAssociation(namespace: string, serviceAccount: string, roleArn: string, clusterName = '<CLUSTER_NAME>'): Record<string, string> {
  return { clusterName, namespace, serviceAccount, roleArn };
}

/** The trust a role needs to be a Lambda execution role again (Kubernetes → Lambda). */
export function lambdaTrustPolicy(): TrustPolicy {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  };
}
