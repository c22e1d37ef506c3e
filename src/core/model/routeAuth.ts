// The check API Gateway makes before a route reaches its function: a Cognito user pool, a JWT issuer, a Lambda
// authorizer, IAM (SigV4) signing or an API key. A Kubernetes Ingress makes none of them by itself, so a route that had
// one is open to anyone once it moves, unless the check moves too (iac/event-source, the conversion report).

/** How a route is guarded. */
export type RouteAuthKind = 'cognito' | 'jwt' | 'lambda' | 'iam' | 'apiKey' | 'other';

/** The guard of one HTTP route (`UnitEvent.authorizer`): its kind and, when declared, the authorizer's name. */
export interface RouteAuth {
  kind: RouteAuthKind;
  name?: string;
}

const LABEL: Record<RouteAuthKind, string> = {
  cognito: 'a Cognito user pool authorizer',
  jwt: 'a JWT authorizer',
  lambda: 'a Lambda authorizer',
  iam: 'IAM authorization (SigV4-signed requests)',
  apiKey: 'a required API key',
  other: 'an API Gateway authorizer',
};

/** What replaces each guard behind an Ingress (facts §6.6; the AWS Load Balancer Controller's Cognito authentication). */
const REPLACEMENT: Record<RouteAuthKind, string> = {
  cognito:
    'authenticate at the load balancer (the AWS Load Balancer Controller annotation alb.ingress.kubernetes.io/auth-type: cognito with the same user pool, on an HTTPS listener) or verify the user pool tokens in the app',
  jwt: 'verify the tokens at the ingress (Istio RequestAuthentication, oauth2-proxy) or in the app, with the same issuer and audience',
  lambda: "turn the authorizer into the ingress's external authentication (NGINX auth-url, Envoy ext_authz) answering allow or deny",
  iam: 'IAM signatures have no Ingress counterpart, so keep the route on API Gateway (an HTTP integration to the Ingress) or give its callers another credential (mTLS, OIDC tokens)',
  apiKey: 'check the key in the app or at the ingress, and move the usage plan limits to the ingress rate limits',
  other: 'make the same check at the ingress (its external authentication or JWT validation) or in the app',
};

/** `a Cognito user pool authorizer (CognitoAuthorizer)`. */
export function describeRouteAuth(a: RouteAuth): string {
  return a.name && a.kind !== 'iam' && a.kind !== 'apiKey' ? `${LABEL[a.kind]} (${a.name})` : LABEL[a.kind];
}

/** What to do before the move; a function URL's IAM check is Lambda's, so the route stays on its function URL. */
export function routeAuthReplacement(a: RouteAuth, functionUrl = false): string {
  if (functionUrl && a.kind === 'iam')
    return 'IAM signatures have no Ingress counterpart, so keep the function on its function URL or give its callers another credential (mTLS, OIDC tokens) checked at the ingress';
  return REPLACEMENT[a.kind];
}

/** The guard an event carries, if it is a well-formed one (events come from JSON as well as from the models). */
export function routeAuthOf(e: Record<string, unknown>): RouteAuth | undefined {
  const a = e.authorizer as RouteAuth | undefined;
  return a && typeof a === 'object' && typeof a.kind === 'string' && a.kind in LABEL ? a : undefined;
}

/**
 * API Gateway's `AuthorizationType` values (a REST method's, an HTTP API route's, Terraform's `authorization` and
 * `authorization_type`) as a guard; `NONE` and unknown values are no guard.
 */
export function routeAuthFromType(type: unknown, name?: string): RouteAuth | undefined {
  const t = typeof type === 'string' ? type.toUpperCase() : '';
  const kind: RouteAuthKind | undefined =
    t === 'COGNITO_USER_POOLS' ? 'cognito' : t === 'JWT' ? 'jwt' : t === 'CUSTOM' ? 'lambda' : t === 'AWS_IAM' ? 'iam' : undefined;
  if (!kind) return undefined;
  return name ? { kind, name } : { kind };
}

/**
 * A SAM API's named authorizer (`Auth.Authorizers.<name>` of an AWS::Serverless::Api or HttpApi, or `AWS_IAM`) as a
 * guard: a `UserPoolArn` makes it Cognito, a `FunctionArn` a Lambda authorizer, a `JwtConfiguration` a JWT one.
 */
export function samAuthorizer(name: unknown, authorizers: Record<string, unknown> | undefined): RouteAuth | undefined {
  if (typeof name !== 'string' || !name || name === 'NONE') return undefined;
  if (name === 'AWS_IAM') return { kind: 'iam' };
  const def = authorizers?.[name] as Record<string, unknown> | undefined;
  if (!def || typeof def !== 'object') return undefined;
  if (def.UserPoolArn !== undefined) return { kind: 'cognito', name };
  if (def.JwtConfiguration !== undefined) return { kind: 'jwt', name };
  if (def.FunctionArn !== undefined) return { kind: 'lambda', name };
  return undefined;
}
