import { ancestorsOf, lastOrder, nodesOfTypes, type SyntaxNode } from '../../parsers/treesitter';
import { annotationName, annotationsOf, enclosingClass, importsPackage, isLambdaHandlerClass, simpleType, supertypes } from '../../java/module';
import type { JavaRule } from './types';
import { callLabel, range } from './util';

/** Application classes of frameworks that build a dependency-injection context at start-up. */
const APP_ANNOTATIONS: Record<string, { framework: string; pkg: RegExp }> = {
  SpringBootApplication: { framework: 'Spring Boot', pkg: /^org\.springframework\.boot\./ },
  QuarkusMain: { framework: 'Quarkus', pkg: /^io\.quarkus\./ },
};

/** Calls that start a framework context or an ORM, by `Type.method` (or constructor type). */
const HEAVY_INIT: Record<string, string> = {
  'SpringApplication.run': 'Spring Boot',
  SpringApplicationBuilder: 'Spring Boot',
  'SpringBootLambdaContainerHandler.getAwsProxyHandler': 'Spring Boot (aws-serverless-java-container)',
  'SpringBootLambdaContainerHandler.getHttpApiV2ProxyHandler': 'Spring Boot (aws-serverless-java-container)',
  'SpringBootProxyHandlerBuilder.buildAndInitialize': 'Spring Boot (aws-serverless-java-container)',
  AnnotationConfigApplicationContext: 'a Spring application context',
  ClassPathXmlApplicationContext: 'a Spring application context',
  'ApplicationContext.run': 'Micronaut',
  'Micronaut.run': 'Micronaut',
  'Guice.createInjector': 'Guice',
  'Persistence.createEntityManagerFactory': 'JPA/Hibernate',
  'Configuration.buildSessionFactory': 'Hibernate',
};

/** Methods whose call is one of HEAVY_INIT's whatever its receiver (`cfg.buildSessionFactory()`), by name. */
const BY_METHOD_NAME = new Map([
  ['buildSessionFactory', 'Configuration.buildSessionFactory'],
  ['buildAndInitialize', 'SpringBootProxyHandlerBuilder.buildAndInitialize'],
]);

/** CRaC/SnapStart priming hooks: code that already prepares for SnapStart. */
const SNAPSTART_HOOKS = /^org\.crac\./;

function initKey(n: SyntaxNode): string | undefined {
  if (n.type === 'object_creation_expression') return simpleType(n.get('type'));
  if (n.type !== 'method_invocation') return undefined;
  const obj = n.get('object');
  const name = n.get('name')?.text ?? '';
  if (obj?.type === 'identifier' && /^[A-Z]/.test(obj.text)) return `${obj.text}.${name}`;
  return BY_METHOD_NAME.get(name);
}

const CALLS = ['object_creation_expression', 'method_invocation'];

function hasHandleRequest(cls: SyntaxNode): boolean {
  return cls.get('body')?.namedChildren.some((m) => m.type === 'method_declaration' && m.get('name')?.text === 'handleRequest') ?? false;
}

/** True for code that runs when the class is loaded or instantiated: static blocks, field initialisers, constructors. */
function isInitCode(ancestors: readonly SyntaxNode[]): boolean {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const t = ancestors[i].type;
    if (t === 'static_initializer' || t === 'constructor_declaration' || t === 'field_declaration') return true;
    if (t === 'method_declaration' || t === 'lambda_expression' || t === 'class_body') return false;
  }
  return false;
}

export const javaColdStartImport: JavaRule = {
  language: 'java',
  // Every finding is at an application annotation (its name ends any spelling of it) or at a HEAVY_INIT call, whose key
  // is made of a constructor's type name, of the receiver written as `Type.method(...)`, or of a BY_METHOD_NAME method's
  // own name: each is in the text, as a whole identifier.
  needs: [
    ...new Set([
      ...Object.keys(APP_ANNOTATIONS),
      ...Object.keys(HEAVY_INIT).map((k) => {
        const [type, method] = k.split('.');
        return method !== undefined && BY_METHOD_NAME.has(method) ? method : type;
      }),
    ]),
  ].map((name) => `\\b${name}\\b`),
  meta: {
    id: 'java/cold-start-import',
    category: 'cold-start-import',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description:
        'Spring Boot, Quarkus and Micronaut applications and Lambda handlers that start a DI container or an ORM while the class loads spend seconds of every cold start in INIT; SnapStart (Java 11+) restores a snapshot instead.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html',
    },
    messages: {
      app: "`@{annotation}` makes this a {framework} application, which builds its context (classpath scanning, bean wiring) in Lambda's INIT phase: cold starts of several seconds, and INIT is limited to 10 s. Turn on SnapStart (Java 11 and later; not for provided.* runtimes or container images) with priming, or trim the context (Spring Cloud Function, AOT, lazy initialisation).",
      handlerInit:
        '{label} starts {framework} when the handler class loads, so every cold start pays for it (Java is slowest to start, 1–10 s unoptimised). Use SnapStart on a published version (Java 11 and later, free for Java) and prime the context in a CRaC `beforeCheckpoint` hook, or build only the clients the handler needs.',
    },
  },
  check(ctx) {
    if (importsPackage(ctx.module, SNAPSTART_HOOKS)) return;
    for (const cls of ctx.module.classes) {
      if (cls.type !== 'class_declaration') continue;
      for (const a of annotationsOf(cls)) {
        const app = APP_ANNOTATIONS[annotationName(a)];
        if (app && importsPackage(ctx.module, app.pkg) && !supertypes(cls).includes('Resource')) {
          // About the application started as a program: behind a Lambda handler the handler's own finding says it.
          ctx.report({ messageId: 'app', data: { annotation: annotationName(a), framework: app.framework }, at: range(a), programOnly: true });
        }
      }
    }
    // From the type index, in the order a walk meets them; a call inside one reported is not reported again.
    let reportedUpTo = -1;
    for (const n of nodesOfTypes(ctx.root, CALLS)) {
      if (n.order <= reportedUpTo) continue;
      const key = initKey(n);
      const framework = key ? HEAVY_INIT[key] : undefined;
      if (!framework || !isInitCode(ancestorsOf(n, ctx.root))) continue;
      const cls = enclosingClass(n);
      if (!cls || !(isLambdaHandlerClass(cls, ctx.module) || hasHandleRequest(cls))) continue;
      ctx.report({ messageId: 'handlerInit', data: { label: callLabel(n), framework }, at: range(n) });
      reportedUpTo = lastOrder(n);
    }
  },
};
