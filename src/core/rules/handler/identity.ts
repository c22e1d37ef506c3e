import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, walkTypes, type Node } from '../../js/ast';
import { stripTs } from '../../js/flow';
import { envName, isLocalOnly } from '../../js/scope';
import type { Fix } from '../../types';
import type { JsRule } from '../types';

/** The variables Lambda fills from the function's execution role (the runtime's reserved environment variables). */
const ROLE_ENV = new Set(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);
const CREDENTIAL_KEYS = new Set(['accessKeyId', 'secretAccessKey', 'sessionToken']);

function keyName(p: TSESTree.Property): string | undefined {
  if (p.computed) return p.key.type === 'Literal' && typeof p.key.value === 'string' ? p.key.value : undefined;
  return p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : undefined;
}

/** Local names that hold a role variable: `const { AWS_ACCESS_KEY_ID: id } = process.env`, `const k = process.env.AWS_…`. */
function roleAliases(ast: Node): Map<string, string> {
  const aliases = new Map<string, string>();
  walkTypes(ast, ['VariableDeclarator'], (node) => {
    if (node.type !== 'VariableDeclarator' || !node.init) return;
    const init = stripTs(node.init as Node);
    if (node.id.type === 'Identifier') {
      const name = init ? envName(init) : undefined;
      if (name && ROLE_ENV.has(name)) aliases.set(node.id.name, name);
    } else if (node.id.type === 'ObjectPattern' && init && memberPath(init)?.join('.') === 'process.env') {
      for (const p of node.id.properties) {
        if (p.type !== 'Property') continue;
        const key = keyName(p);
        const local =
          p.value.type === 'Identifier'
            ? p.value.name
            : p.value.type === 'AssignmentPattern' && p.value.left.type === 'Identifier'
              ? p.value.left.name
              : undefined;
        if (key && local && ROLE_ENV.has(key)) aliases.set(local, key);
      }
    }
  });
  return aliases;
}

/** `process.env.AWS_ACCESS_KEY_ID` (also `…!`, `… as string`, or a local name holding it) → the variable's name. */
function roleEnv(value: Node | null | undefined, aliases: ReadonlyMap<string, string>): string | undefined {
  const v = stripTs(value as Node);
  if (v?.type === 'Identifier') return aliases.get(v.name);
  const name = v ? envName(v) : undefined;
  return name && ROLE_ENV.has(name) ? name : undefined;
}

/** An object literal whose credential keys are all read from the role's variables; undefined when none is. */
function roleCredentials(obj: TSESTree.ObjectExpression, aliases: ReadonlyMap<string, string>): string[] | undefined {
  const props = obj.properties.filter((p): p is TSESTree.Property => p.type === 'Property' && CREDENTIAL_KEYS.has(keyName(p) ?? ''));
  const names = props.map((p) => roleEnv(p.value as Node, aliases));
  if (!props.length || names.some((n) => n === undefined)) return undefined;
  return names as string[];
}

/** Removes `prop` from its object literal, with the comma that separates it from a neighbour. */
function removeProperty(obj: TSESTree.ObjectExpression, prop: TSESTree.Property, text: string): Fix {
  const i = obj.properties.indexOf(prop);
  const next = obj.properties[i + 1];
  const prev = obj.properties[i - 1];
  let [start, end] = [prop.range[0], prop.range[1]];
  if (next) end = next.range[0];
  else if (prev) start = prev.range[1];
  else end += /^\s*(,\s*)?/.exec(text.slice(end))![0].length;
  return {
    description: 'Remove the explicit credentials: the default provider chain finds the role on Lambda and on Kubernetes',
    edits: [{ start, end, newText: '' }],
  };
}

export const identity: JsRule = {
  language: 'js',
  needs: ['AWS_(?:ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)'],
  meta: {
    id: 'handler/identity',
    category: 'identity',
    severity: 'warning',
    direction: 'to-kubernetes',
    docs: {
      description:
        "Code that passes Lambda's execution-role variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) to an SDK client by hand gets no credentials under IRSA or EKS Pod Identity.",
      reference: 'https://docs.aws.amazon.com/eks/latest/userguide/iam-roles-for-service-accounts.html',
    },
    messages: {
      explicit:
        "This SDK configuration copies {vars} from the environment, which Lambda fills from the function's execution role. On Kubernetes, IRSA and EKS Pod Identity deliver the role through a web-identity token file or the Pod Identity agent instead, so these variables are unset and every request fails to sign (or static keys end up in the Pod). Remove the explicit credentials from SDK clients, or pass `fromNodeProviderChain()` where credentials are required (a SignatureV4 signer), so the SDK's default provider chain finds the role on both platforms.",
    },
    hasSuggestions: true,
  },
  check(ctx) {
    const aliases = roleAliases(ctx.ast);
    walkTypes(ctx.ast, ['ObjectExpression', 'NewExpression'], (node, ancestors) => {
      if (isLocalOnly(node, ancestors)) return;
      if (node.type === 'NewExpression') {
        // `new AWS.Credentials(process.env.AWS_ACCESS_KEY_ID, process.env.AWS_SECRET_ACCESS_KEY, …)` (SDK v2).
        const callee = memberPath(node.callee as Node);
        const vars = node.arguments.map((a) => roleEnv(a as Node, aliases)).filter((n): n is string => n !== undefined);
        if (callee?.[callee.length - 1] === 'Credentials' && vars.length) ctx.report({ messageId: 'explicit', data: { vars: vars.join(', ') }, at: node });
        return;
      }
      if (node.type !== 'ObjectExpression') return;
      const vars = roleCredentials(node, aliases);
      if (!vars) return;
      // `credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID, … }` (SDK v3): report, and offer to drop, the property.
      const parent = ancestors[ancestors.length - 1];
      const owner = ancestors[ancestors.length - 2];
      if (parent?.type === 'Property' && keyName(parent) === 'credentials' && owner?.type === 'ObjectExpression') {
        // An SDK client falls back to the default chain without the property; a signer (SignatureV4) needs one passed.
        const made = ancestors[ancestors.length - 3];
        const client = made?.type === 'NewExpression' && made.arguments[0] === owner && /Client$/.test(memberPath(made.callee as Node)?.at(-1) ?? '');
        ctx.report({
          messageId: 'explicit',
          data: { vars: vars.join(', ') },
          at: parent,
          suggestions: client ? [removeProperty(owner, parent, ctx.text)] : undefined,
        });
      } else {
        // SDK v2 (`new AWS.S3({ accessKeyId: … })`, `AWS.config.update({ … })`): the object itself.
        ctx.report({ messageId: 'explicit', data: { vars: vars.join(', ') }, at: node });
      }
    });
  },
};
