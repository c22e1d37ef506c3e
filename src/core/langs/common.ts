// What the Go, Java and C# analyses share: parsing with the failure boundary every code file gets, and the vocabulary
// their rules have in common (Lambda-only environment variables, event types, temporary paths, state-like names).
import { isStackOverflow, TooDeepError } from '../limits';
import { parseErrorFinding } from '../rules/core/parse-error';
import { isGrammarLoaded, parseTree, type Sparse, type SyntaxNode, type TreeSitterLanguage } from '../parsers/treesitter';
import { parserNotLoadedMessage } from '../parsers/load';
import type { FileAnalysis, RawFinding } from '../types';
import { LAMBDA_ONLY_INVOKERS } from '../model/invokers';

/**
 * Parses a file for analysis: an error on the file when the grammar was not loaded or tree-sitter failed, a
 * parse-error finding (and analysis of what did parse) when it had to recover.
 */
export function parseForAnalysis(
  language: TreeSitterLanguage,
  ext: string,
  text: string,
  file: string,
  result: FileAnalysis,
  findings: RawFinding[],
  sparse?: Sparse,
): { root: SyntaxNode; sparse?: boolean } | undefined {
  if (!isGrammarLoaded(language)) {
    result.errors.push({ file, message: parserNotLoadedMessage(language, ext) });
    return undefined;
  }
  try {
    // C#'s `#pragma` lines say nothing the rules read, and the grammar rejects forms the compiler only warns about
    // (`#pragma warning enable`, CS1634): blanked, offsets kept.
    const source = language === 'csharp' && text.includes('#pragma') ? text.replace(/^[ \t]*#[ \t]*pragma\b[^\r\n]*/gm, (m) => ' '.repeat(m.length)) : text;
    const parsed = parseTree(language, source, sparse);
    if (parsed.error) findings.push(parseErrorFinding(parsed.error.offset, parsed.error.message, file, text));
    return { root: parsed.root, sparse: parsed.sparse };
  } catch (e) {
    // Depth is the file's, not a parser problem: analyzeFile words it.
    if (isStackOverflow(e) || e instanceof TooDeepError) throw e;
    result.errors.push({ file, message: `cannot parse ${ext} file: ${(e as Error).message}` });
    return undefined;
  }
}

/** Variables only the Lambda runtime sets: reading them ties code to Lambda. */
export const LAMBDA_RUNTIME_ENV = /^(AWS_LAMBDA_[A-Z_]+|LAMBDA_TASK_ROOT|LAMBDA_RUNTIME_DIR|AWS_EXECUTION_ENV|_HANDLER|_X_AMZN_TRACE_ID)$/;
/** The last part of each qualified name (`net/http.ListenAndServe` → `ListenAndServe`), each once: a pre-filter's literals. */
export function lastNames(names: Iterable<string>): string[] {
  return [...new Set([...names].map((q) => q.slice(q.lastIndexOf('.') + 1)))];
}

/**
 * What may stand between two tokens of a C-family language (Go, Java, C#), as a pre-filter fragment: whitespace, a
 * block comment, or a line comment to the end of its line. Each form matches one way only, so a failed match cannot
 * backtrack through exponentially many splits of a run of comments.
 */
export const TOKEN_GAP = String.raw`(?:\s|/\*[^*]*\*+(?:[^/*][^*]*\*+)*/|//[^\n\r]*(?![^\n\r]))`;
/** The pre-filter's literals (src/core/prefilter.ts) for a read of one of LAMBDA_RUNTIME_ENV's names: each contains one. */
export const LAMBDA_RUNTIME_ENV_NEEDS = ['AWS_LAMBDA_', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR', 'AWS_EXECUTION_ENV', '_HANDLER', '_X_AMZN_TRACE_ID'] as const;
/**
 * Code that talks to Lambda's Runtime, Extensions or Telemetry API from inside the sandbox (extensions, runtime
 * proxies, custom runtimes): its servers and loops are how it works on Lambda, not a misfit.
 */
export const LAMBDA_SIDE = /AWS_LAMBDA_RUNTIME_API|\/2020-01-01\/(extension|telemetry|logs)|\/2022-07-01\/telemetry|\/2018-06-01\/runtime|sandbox\.localdomain/;

/** Variables whose presence means "running on Lambda". */
export const ON_LAMBDA_ENV = new Set(['AWS_LAMBDA_FUNCTION_NAME', 'AWS_EXECUTION_ENV', 'LAMBDA_TASK_ROOT', 'AWS_LAMBDA_RUNTIME_API']);

export type EventSource = 'records' | 'http' | 'websocket' | 'eventbridge' | 'batch' | 'lambdaOnly';

/**
 * Event types of services that only ever invoke a Lambda function (Lex code hooks, Firehose transformations, Cognito
 * triggers, S3 Object Lambda, Config custom rules, Lambda@Edge), as the C#, Java and Go events libraries name them: a
 * handler typed with one stays on Lambda. Values are model/invokers.ts keys.
 */
export const LAMBDA_ONLY_EVENT_TYPES: Readonly<Record<string, string>> = Object.fromEntries([
  ...['LexEvent', 'LexV2Event'].map((t) => [t, 'lex']),
  ...['KinesisFirehoseEvent'].map((t) => [t, 'firehose']),
  ...['S3ObjectLambdaEvent'].map((t) => [t, 's3objectlambda']),
  ...['ConfigEvent'].map((t) => [t, 'config']),
  ...['CloudFrontEvent'].map((t) => [t, 'cloudfront']),
  ...[
    // Amazon.Lambda.CognitoEvents (C#)
    'CognitoPreSignupEvent',
    'CognitoPostConfirmationEvent',
    'CognitoPreAuthenticationEvent',
    'CognitoPostAuthenticationEvent',
    'CognitoPreTokenGenerationEvent',
    'CognitoPreTokenGenerationV2Event',
    'CognitoCustomMessageEvent',
    'CognitoDefineAuthChallengeEvent',
    'CognitoCreateAuthChallengeEvent',
    'CognitoVerifyAuthChallengeEvent',
    'CognitoMigrateUserEvent',
    'CognitoCustomEmailSenderEvent',
    'CognitoCustomSmsSenderEvent',
    // aws-lambda-java-events
    'CognitoUserPoolPreSignUpEvent',
    'CognitoUserPoolPostConfirmationEvent',
    'CognitoUserPoolPreAuthenticationEvent',
    'CognitoUserPoolPostAuthenticationEvent',
    'CognitoUserPoolPreTokenGenerationEvent',
    'CognitoUserPoolPreTokenGenerationEventV2',
    'CognitoUserPoolCustomMessageEvent',
    'CognitoUserPoolDefineAuthChallengeEvent',
    'CognitoUserPoolCreateAuthChallengeEvent',
    'CognitoUserPoolVerifyAuthChallengeResponseEvent',
    'CognitoUserPoolMigrateUserEvent',
    // aws-lambda-go/events
    'CognitoEventUserPoolsPreSignup',
    'CognitoEventUserPoolsPostConfirmation',
    'CognitoEventUserPoolsPreAuthentication',
    'CognitoEventUserPoolsPostAuthentication',
    'CognitoEventUserPoolsPreTokenGen',
    'CognitoEventUserPoolsPreTokenGenV2_0',
    'CognitoEventUserPoolsCustomMessage',
    'CognitoEventUserPoolsDefineAuthChallenge',
    'CognitoEventUserPoolsCreateAuthChallenge',
    'CognitoEventUserPoolsVerifyAuthChallenge',
    'CognitoEventUserPoolsMigrateUser',
  ].map((t) => [t, 'cognito']),
]);

/** What the Lambda-only message names for an event type: the service and why the handler stays with it. */
export function onlyLambda(typeName: string): { service?: string; role?: string } {
  const by = LAMBDA_ONLY_EVENT_TYPES[typeName];
  const invoker = by ? LAMBDA_ONLY_INVOKERS[by] : undefined;
  return invoker ? { service: invoker.service, role: invoker.role } : {};
}

/** The message every language's event-source rule gives a handler typed with one of LAMBDA_ONLY_EVENT_TYPES. */
/**
 * What an API Gateway WebSocket event means for the move, after its subject (`\`{type}\` is`, `\`{expr}\` reads`):
 * API Gateway holds the connections, so a Pod needs a WebSocket server of its own, or the API stays with HTTP integrations.
 */
export function websocketEventMessage(subject: string): string {
  return `${subject} an API Gateway WebSocket event: ${WEBSOCKET_EVENT_TODO}`;
}

/** What a WebSocket API's handler needs in a Pod (the JS/TS rule's shape table says it after its own subject). */
export const WEBSOCKET_EVENT_TODO =
  "API Gateway holds the clients' connections and invokes the function for each connect, message and disconnect. In a Pod, clients connect to a WebSocket server of your own, which holds the connections and sends on them directly instead of through the API Gateway Management API: serve it behind an Ingress that supports WebSocket, or keep the WebSocket API on API Gateway with HTTP integrations to a Service.";

/**
 * An HTTP event whose handler reads the authorizer's result (`RequestContext.Authorizer`, `getRequestContext().getAuthorizer()`):
 * the caller identity API Gateway verified, which nothing verifies or fills in a Pod.
 */
export const IDENTITY_EVENT_MESSAGE =
  '`{type}` is the API Gateway request, and this code reads the caller identity in it (`RequestContext.Authorizer`) that API Gateway fills in only after its authorizer (Cognito, JWT, Lambda or IAM) has checked the request; in a Pod nothing checks the caller or fills it. Verify the token in the service (or at the ingress, passing the verified claims on in headers) before trusting it, and serve the route behind a Service and an Ingress.';

/** Reads of the authorizer's result from an API Gateway request in Go, Java and C#. */
export const AUTHORIZER_RESULT_READ = /\.RequestContext\s*\.\s*Authorizer\b|\.getRequestContext\(\)\s*\.\s*getAuthorizer\(\)/;

export const LAMBDA_ONLY_EVENT_MESSAGE =
  '`{type}` is an event of {service}, and only a Lambda function can receive it. Keep this handler on Lambda ({role}) and move the rest.';

/** Where a path literal points: Lambda's one writable folder, a device, or somewhere read-only on Lambda. */
function classifyPath(head: string): 'tmp' | 'device' | 'other' {
  if (/^\/tmp(\/|$)/.test(head)) return 'tmp';
  if (/^\/(dev|proc|sys)\//.test(head)) return 'device';
  return 'other';
}

/** What a write's path is, from the literal head of its path expression: /tmp, elsewhere (with the path), or not judged. */
export type WritePath = { kind: 'tmp' } | { kind: 'other'; path: string } | undefined;

/**
 * Judges a path literal's head: unknown, empty or a format placeholder (`%s`) is not judged, a device is not a file
 * write, /tmp is Lambda's writable folder. Windows separators count as `/`.
 */
export function writePathOf(head: string | undefined): WritePath {
  if (head === undefined || head === '' || head.startsWith('%')) return undefined;
  const c = classifyPath(head.replace(/\\/g, '/'));
  if (c === 'tmp') return { kind: 'tmp' };
  if (c === 'device') return undefined;
  return { kind: 'other', path: head };
}

/** Names that, in a variable, mean "optimisation or set-up" rather than shared state. */
const REUSE_NAME = /cache|memo|lru|config|settings|secret|param|client|conn|registry|schema|template|pool|once|mutex|lock$/i;
/** Names that say the data belongs to requests or users, not to the process. */
const STATE_NAME = /session|user|rate|limit|throttl|count|quota|seen|visited|processed|dedup|idempot|attempt|inflight|in_flight|pending|request|hits|total/i;

/** True when a state-holding variable's name says it is only a cache or set-up (and not per-user data). */
export function isReuseName(name: string): boolean {
  return REUSE_NAME.test(name) && !STATE_NAME.test(name);
}

/** Shortens code quoted in a message. */
export function clip(text: string, max = 60): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > max ? `${one.slice(0, max - 3)}...` : one;
}
