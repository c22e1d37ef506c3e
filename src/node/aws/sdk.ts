// What the AWS clients (the Lambda inventory, CloudWatch metrics) share: how they connect and how an SDK failure is read.

/** Where and as whom an AWS API is called. */
export interface AwsConnection {
  region: string;
  /** A profile in the shared config/credentials files; the SDK resolves it (never this code). */
  profile?: string;
  /** e.g. a LocalStack or test endpoint. */
  endpointUrl?: string;
  /** Explicit credentials (tests); otherwise the SDK's default provider chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Attempts per request including the first (default 5), with the SDK's adaptive retry (throttling is retried). */
  maxAttempts?: number;
}

/**
 * The settings every client is built with. Adaptive mode adds client-side rate limiting on top of backoff, which is
 * what runs against an API's request quota (ListFunctions, GetMetricData) need.
 */
export function clientConfig(opts: AwsConnection, requestTimeoutMs: number) {
  return {
    region: opts.region,
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.endpointUrl ? { endpoint: opts.endpointUrl } : {}),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
    retryMode: 'adaptive',
    maxAttempts: opts.maxAttempts ?? 5,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: requestTimeoutMs },
  };
}

const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError', 'AuthorizationErrorException']);
const BAD_CREDENTIALS = new Set([
  'CredentialsProviderError',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
]);

interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

/** An SDK failure read for a message: never its request headers or credentials. */
export interface SdkFailure {
  name: string;
  status?: number;
  /** The SDK's message, one line, at most 200 characters, without the hint about a hidden $response field. */
  raw: string;
  denied: boolean;
  badCredentials: boolean;
  unreachable: boolean;
}

export function readSdkFailure(e: unknown): SdkFailure {
  const err = (e ?? {}) as SdkError;
  const name = err.name ?? 'Error';
  const status = err.$metadata?.httpStatusCode;
  const raw = (err.message ?? String(e))
    .replace(/\s*Deserialization error:.*$/s, '')
    .replace(/\s+/g, ' ')
    .slice(0, 200);
  return {
    name,
    status,
    raw,
    denied: DENIED.has(name) || (status === 403 && !BAD_CREDENTIALS.has(name)),
    badCredentials: BAD_CREDENTIALS.has(name) || /could not load credentials/i.test(err.message ?? ''),
    unreachable: /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|socket hang up|TimeoutError/i.test(`${name} ${raw} ${err.code ?? ''}`),
  };
}

export function isAbort(e: unknown, signal?: AbortSignal): boolean {
  return Boolean(signal?.aborted) || (e as SdkError | undefined)?.name === 'AbortError';
}
