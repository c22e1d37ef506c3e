// The one secret detector of the core: by variable name, by value (credentials in URLs, well-known token formats,
// high-entropy strings under key-like names) and inside free text. Everything that leaves the core (FileAnalysis for
// the cache and the workers, AssessResult for every formatter, conversions) goes through `redactAnalysis` /
// `maskEnvironment` / `redactUnit` below, so no formatter or writer has to know about secrets.
//
// Pure and synchronous on purpose: it runs inside analyzeFile for every file. secretlint (the maintained library for
// this) lints asynchronously through a plugin loader and reports rather than masks, so it does not fit here; the token
// formats below are the public ones those rule sets and the vendors document.
//
// References are not secrets and are never resolved: `${env:X}`, `${ssm:/p}`, `${file(./x)}`, `{{resolve:…}}`,
// `$(VAR)`, Helm `{{ .Values.x }}` stay as written (or as the extractor's "unknown"), whatever the name.
import type { FileAnalysis, Fix, RawFinding, Unit } from './types';

/** What a secret value becomes in the model, in reports and in the cache. */
export const MASK = '***';

/** Names that usually hold credentials; their values never leave the source. */
const SECRET_NAME =
  /(SECRET|PASSWORD|PASSWD|PASSPHRASE|PWD|TOKEN|API[_-]?KEY|ACCESS[_-]?KEY|PRIVATE[_-]?KEY|CLIENT[_-]?KEY|CREDENTIAL|AUTH|DSN|CONNECTION[_-]?STRING|WEBHOOK[_-]?URL|SIGNING|SALT|(?:^|[_.-])PASS(?:$|[_.-]))/i;
/** Names that contain a secret word but conventionally hold a reference, not the secret (an ARN, a name, a path). */
const SECRET_REFERENCE = /(_ARN|_NAME|_ID|_PATH|_REGION|_FILE)$/i;
/** Names under which a long random-looking value is a key even without a known format. */
const KEYISH_NAME = /(KEY|TOKEN|SECRET|PASS|PWD|AUTH|CREDENTIAL)/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !SECRET_REFERENCE.test(name);
}

/**
 * Well-known credential formats, each documented by its issuer (and used by gitleaks/secretlint rule sets):
 * - AWS access key ids: AKIA (long-term), ASIA (STS), ABIA/ACCA + 16 [A-Z0-9]
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids)
 * - Stripe secret / restricted keys sk_live_, rk_live_ (and _test_), webhook secrets whsec_ (https://docs.stripe.com/keys)
 * - OpenAI keys sk-…, sk-proj-…, sk-svcacct-…, sk-admin-… (https://platform.openai.com/docs/api-reference/authentication)
 * - GitHub tokens ghp_/gho_/ghu_/ghs_/ghr_ + 36, fine-grained github_pat_
 *   (https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/)
 * - GitLab personal access tokens glpat- (https://docs.gitlab.com/security/tokens/)
 * - Slack tokens xoxa-/xoxb-/xoxp-/xoxr-/xoxs-, app tokens xapp- (https://api.slack.com/concepts/token-types)
 * - Google API keys AIza + 35 (https://cloud.google.com/docs/authentication/api-keys)
 * - npm tokens npm_ + 36 (https://docs.npmjs.com/about-access-tokens), SendGrid SG.x.y
 * - PEM private key blocks (RFC 7468 §10-11: "-----BEGIN [RSA |EC |OPENSSH |ENCRYPTED ]PRIVATE KEY-----")
 * - JWTs: base64url(JSON header) starts with `eyJ`, three dot-separated parts (RFC 7519 §3)
 */
const TOKEN_PATTERNS: RegExp[] = [
  /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g,
  /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{8,}\b/g,
  /\bwhsec_[A-Za-z0-9]{16,}\b/g,
  /\bsk-(?:proj|svcacct|admin|ant)-[A-Za-z0-9_-]{20,}/g,
  /\bsk-[A-Za-z0-9]{32,}\b/g,
  /\bgh[pousr]_[A-Za-z0-9]{30,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{22,}/g,
  /\bglpat-[A-Za-z0-9_-]{20,}/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g,
  /\bxapp-\d-[A-Za-z0-9-]{10,}/g,
  /\bAIza[0-9A-Za-z_-]{35}/g,
  /\bnpm_[A-Za-z0-9]{36}\b/g,
  /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g,
  /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----[\s\S]*?(?:-----END \1PRIVATE KEY\2-----|$)/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
];
/**
 * What every match of a TOKEN_PATTERNS entry starts with: text without any of these holds no token, and most messages
 * hold none, so the fifteen expressions are not run over them one by one.
 */
const TOKEN_START = /\b(?:AKIA|ASIA|ABIA|ACCA|sk_|rk_|whsec_|sk-|gh[pousr]_|github_pat_|glpat-|xox[abprs]-|xapp-|AIza|npm_|SG\.|eyJ)|-----BEGIN /;
/** A 40-character AWS secret access key is only recognisable next to its key id (same value or text). */
const AWS_SECRET_KEY = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
const AWS_KEY_ID = /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/;

/** `scheme://user:password@host`: the password group (RFC 3986 §3.2.1 userinfo). */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/?#"'`]*:)([^\s/?#"'`]+)(@)/gi;
/** `scheme://<token>@host` (a token as the user name, e.g. a Sentry DSN key or a git clone URL). */
const URL_USER_TOKEN = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:@/?#"'`]{16,})(@)/gi;
/** `Authorization: Bearer …` / `Basic …` credentials in text. */
const AUTH_HEADER = /\b(Bearer|Basic|Token)(\s+)([A-Za-z0-9._~+/=-]{16,})/g;
/** `NAME=value`, `NAME: value`, `"name": "value"`, `--name=value` in free text (messages, commands, args). */
const ASSIGNMENT =
  /(?<![\w/.:@$-])(["']?)(-{0,2}[A-Za-z_][\w.-]*)\1([ \t]*=[ \t]*|:[ \t]*)(["']?)(\$\{[^}]*\}|\$\([^)]*\)|\{\{[^}]*\}\}|[^\s"',;&|(){}[\]]+)\4/g;

/** A reference to a value kept elsewhere (never resolved here), or a template placeholder. */
function isReference(value: string): boolean {
  const v = value.trim();
  return /^\$\{[^}]*\}$/.test(v) || /^\$\([\w.-]+\)$/.test(v) || /^\{\{[\s\S]*\}\}$/.test(v) || /^<[^<>]*>$/.test(v) || /^\$[A-Za-z_]\w*$/.test(v);
}

/** A reference that names a secret store (its resolved value would be a secret): Secrets Manager, SSM SecureString. */
function isSecretReference(value: string | undefined): boolean {
  return !!value && /\{\{resolve:(secretsmanager|ssm-secure):/.test(value);
}

/** Values that already stand for a hidden value (ours or someone else's). */
function isMasked(value: string): boolean {
  return value === MASK || value === '<redacted>' || /^\*{3,}$/.test(value);
}

function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Made of words, short codes and numbers (`orders-v2-cache-2024`, `alias/my-key`, `OrdersTable`, CloudFormation's
 * physical-id suffix `1XYZ2ABC3DEF`): a name, not a key.
 */
function isStructured(v: string): boolean {
  return v
    .split(/[-_./:~]+/)
    .every(
      (seg) =>
        seg === '' ||
        /^[a-z]+$/.test(seg) ||
        /^\d+$/.test(seg) ||
        seg.length <= 4 ||
        /^[A-Z]?[a-z]+(?:[A-Z][a-z]+)*$/.test(seg) ||
        /^[A-Z]+$/.test(seg) ||
        /^[A-Z0-9]{5,13}$/.test(seg),
    );
}

/** Random-looking: key alphabet, letters and digits, not built from words, spread-out characters. */
function isRandomLooking(v: string, minLength: number, minEntropy: number): boolean {
  if (v.length < minLength || !/^[A-Za-z0-9+/=_.~-]+$/.test(v) || UUID.test(v)) return false;
  if (!/\d/.test(v) || !/[A-Za-z]/.test(v) || isStructured(v)) return false;
  return /^[0-9a-f]+$/i.test(v) || entropy(v) >= minEntropy;
}

/** A long opaque string of key alphabet (not a hex digest, which names commits and builds): a key under any name. */
function isOpaqueKey(v: string): boolean {
  return v.length >= 32 && !/^[0-9a-f]+$/i.test(v) && isRandomLooking(v, 32, 4);
}

function hasUrlCredential(v: string): boolean {
  URL_PASSWORD.lastIndex = 0;
  for (let m = URL_PASSWORD.exec(v); m; m = URL_PASSWORD.exec(v)) if (!isReference(m[2]) && !isMasked(m[2])) return true;
  URL_USER_TOKEN.lastIndex = 0;
  for (let m = URL_USER_TOKEN.exec(v); m; m = URL_USER_TOKEN.exec(v)) if (isRandomLooking(m[2], 16, 3)) return true;
  return false;
}

function hasToken(v: string): boolean {
  for (const re of TOKEN_PATTERNS) {
    re.lastIndex = 0;
    if (re.test(v)) return true;
  }
  return false;
}

/**
 * True when `value` is (or contains) a credential: a password inside a URL, a well-known token format, a long opaque
 * key, or (when `name` looks key-like) a high-entropy string. References (`${ssm:…}`, `{{resolve:…}}`) are not.
 * The name alone is `isSecretName`'s job; `isSecretEntry` combines both.
 */
export function isSecretValue(value: string, name?: string): boolean {
  const v = value.trim();
  if (!v || isReference(v) || isMasked(v)) return false;
  if (hasUrlCredential(v) || hasToken(v)) return true;
  if (isOpaqueKey(v)) return true;
  if (name && KEYISH_NAME.test(name) && !SECRET_REFERENCE.test(name) && isRandomLooking(v, 24, 3.5)) return true;
  if (name && /AWS|SECRET/i.test(name) && !SECRET_REFERENCE.test(name) && /^[A-Za-z0-9/+]{40}$/.test(v)) return true;
  return false;
}

/** A variable whose value must never be copied: secret by name, by value, already masked, or a secret-store reference. */
export function isSecretEntry(name: string, value: string | undefined): boolean {
  if (isSecretName(name)) return true;
  if (value === undefined) return false;
  return (
    isMasked(value) ||
    value.includes(MASK) ||
    value.includes('<redacted>') ||
    isSecretReference(value) ||
    isSecretValue(value, name) ||
    // A credential inside the value: an ADO.NET connection string's `Password=…;`, an `Authorization: Bearer …`.
    containsSecret(value)
  );
}

/** Whether free text still holds something `maskSecrets` would hide. */
function containsSecret(text: string): boolean {
  return maskSecrets(text) !== text;
}

/**
 * Free text with every credential replaced: URL passwords and `NAME=value` under secret names become `***`, token
 * formats `<redacted>`. Idempotent; references and placeholders are left as they are.
 */
export function maskSecrets(text: string): string {
  if (!text) return text;
  let out = text;
  if (TOKEN_START.test(text)) for (const re of TOKEN_PATTERNS) out = out.replace(re, '<redacted>');
  if (AWS_KEY_ID.test(text)) out = out.replace(AWS_SECRET_KEY, (m) => (/[0-9]/.test(m) && /[A-Za-z]/.test(m) ? '<redacted>' : m));
  // Both URL forms have a scheme and an `@`.
  if (out.includes('://') && out.includes('@')) {
    out = out.replace(URL_PASSWORD, (m, pre: string, pw: string, at: string) => (isReference(pw) || isMasked(pw) ? m : `${pre}${MASK}${at}`));
    out = out.replace(URL_USER_TOKEN, (m, pre: string, user: string, at: string) => (isRandomLooking(user, 16, 3) ? `${pre}${MASK}${at}` : m));
  }
  out = out.replace(AUTH_HEADER, (m, kind: string, sp: string, cred: string) => (/[0-9]/.test(cred) ? `${kind}${sp}${MASK}` : m));
  out = out.replace(ASSIGNMENT, (m, q: string, name: string, sep: string, vq: string, value: string) => {
    const bare = name.replace(/^-+/, '');
    if (isMasked(value) || isReference(value) || /^(Bearer|Basic|Token)$/.test(value)) return m;
    if (isSecretName(bare) || isSecretValue(value, bare)) return `${q}${name}${q}${sep}${vq}${MASK}${vq}`;
    return m;
  });
  return out;
}

/**
 * Environment for the model: names always; a value only when literal, at most 80 characters and not a secret.
 * Secrets (by name or value) become `***`; values from elsewhere (`!Ref`, `${ssm:…}`) and long values become ''.
 */
export function maskEnvironment(env: Record<string, unknown> | undefined): Record<string, string> | undefined {
  if (!env) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    const literal = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
    if (isSecretName(k) || (literal !== undefined && isSecretEntry(k, literal))) out[k] = MASK;
    else if (literal !== undefined && literal.length <= 80) out[k] = literal;
    else out[k] = '';
  }
  return out;
}

/** Option names whose next argument is a credential (`--password hunter2`). */
const SECRET_FLAG = /^--?[\w.-]*(?:password|passwd|secret|token|api[_-]?key|credential)[\w.-]*$/i;

function redactValue(v: unknown): unknown {
  if (typeof v === 'string') return maskSecrets(v);
  if (Array.isArray(v)) {
    return v.map((item, i) =>
      typeof item === 'string' && i > 0 && typeof v[i - 1] === 'string' && SECRET_FLAG.test(v[i - 1] as string) && !isReference(item)
        ? MASK
        : redactValue(item),
    );
  }
  if (v && typeof v === 'object' && !ArrayBuffer.isView(v)) {
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) o[k] = redactValue(o[k]);
    return o;
  }
  return v;
}

/** Offsets and the identifiers the join matches on (paths, names): never credentials, and must stay as they are. */
const UNIT_KEYS_KEPT = new Set<string>([
  'range',
  'fieldRanges',
  'kind',
  'name',
  'file',
  'line',
  'source',
  'codeFile',
  'codeUri',
  'entryPoints',
  'handler',
  'handlerExport',
  'readiness',
  'generatedFrom',
]);

/** Masks a unit in place: its environment entry by entry, every other string as free text. */
export function redactUnit(unit: Unit): Unit {
  for (const key of Object.keys(unit) as (keyof Unit)[]) {
    if (UNIT_KEYS_KEPT.has(key)) continue;
    if (key === 'environment') unit.environment = maskEnvironment(unit.environment);
    else (unit as unknown as Record<string, unknown>)[key] = redactValue(unit[key]);
  }
  return unit;
}

/** A fix that would write a credential is dropped: masking it would write `***` into the user's code instead. */
function safeFix(fix: Fix): Fix | undefined {
  if (fix.edits.some((e) => containsSecret(e.newText))) return undefined;
  const description = maskSecrets(fix.description);
  return description === fix.description ? fix : { ...fix, description };
}

function redactFinding(f: RawFinding): RawFinding {
  const message = maskSecrets(f.message);
  if (message === f.message && !f.fix && !f.suggestions) return f;
  const out: RawFinding = { ...f, message };
  if (f.fix) {
    const fix = safeFix(f.fix);
    if (fix) out.fix = fix;
    else delete out.fix;
  }
  if (f.suggestions) {
    const suggestions = f.suggestions.map(safeFix).filter((s): s is Fix => !!s);
    if (suggestions.length) out.suggestions = suggestions;
    else delete out.suggestions;
  }
  return out;
}

/**
 * The single masking point of the analysis: what one file contributes (units, finding messages and fixes, errors)
 * with every credential masked. analyzeFile returns only this, so the cache on disk, the worker threads and every
 * report format see masked values only.
 */
export function redactAnalysis(a: FileAnalysis): FileAnalysis {
  for (const u of a.units) redactUnit(u);
  a.findings = a.findings.map(redactFinding);
  for (const e of a.errors) e.message = maskSecrets(e.message);
  return a;
}
