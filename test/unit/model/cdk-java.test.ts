// Triggers of functions declared with the CDK in Java (src/core/model/cdkJava.ts): the constructs that invoke a function,
// written as builders (`X.Builder.create(…)….build()`) or with props (`new X(…, XProps.builder()….build())`), naming the
// function by its variable, a field, a getter, a method that returns it, an alias of it, or a parameter.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ensureParser } from '../../../src/core/parsers/load';
import type { UnitEvent } from '../../../src/core/types';
import { assessTexts } from '../../helpers/assessTexts';
import { assertSyntaxTypesCover } from '../../helpers/cdkSyntaxTypes';
import { JAVA_CDK } from '../../../src/core/model/cdkJava';

before(() => ensureParser('java'));

const stack = (body: string, methods = '') => `package com.acme;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.*;
import software.constructs.Construct;

public class AppStack extends Stack {
    public AppStack(final Construct scope, final String id) {
        super(scope, id);
${body}
    }
${methods}
}
`;
const fn = (v: string, id: string) =>
  `        Function ${v} = Function.Builder.create(this, "${id}")\n                .runtime(Runtime.PYTHON_3_12)\n                .handler("index.handler")\n                .code(Code.fromAsset("lambda"))\n                .build();\n`;

function eventsOf(body: string, methods = ''): Record<string, string[]> {
  const r = assessTexts({ 'infra/src/main/java/com/acme/AppStack.java': stack(body, methods) });
  assertSyntaxTypesCover(JAVA_CDK, 'java', stack(body, methods));
  const show = (e: UnitEvent) => [e.type, e.detail, e.invokedBy, e.functionUrl ? 'url' : undefined].filter(Boolean).join(' ');
  return Object.fromEntries(r.units.map((u) => [u.name, u.events.map(show)]));
}

describe('Java CDK triggers', () => {
  it('API Gateway (LambdaRestApi, LambdaIntegration, HTTP API integrations), function URLs, SNS, S3 notifications', () => {
    assert.deepEqual(
      eventsOf(
        fn('api', 'Api') +
          fn('route', 'Route') +
          fn('http', 'Http') +
          fn('v1', 'V1') +
          fn('url', 'Url') +
          fn('topicFn', 'TopicFn') +
          fn('upload', 'Upload') +
          fn('url2', 'Url2') +
          '        LambdaRestApi.Builder.create(this, "Rest").handler(api).build();\n' +
          '        rest.getRoot().addMethod("GET", new LambdaIntegration(route));\n' +
          '        HttpApi.Builder.create(this, "H").defaultIntegration(new HttpLambdaIntegration("I", http)).build();\n' +
          '        HttpApi.Builder.create(this, "Old").defaultIntegration(\n            LambdaProxyIntegration\n                .Builder\n                .create()\n                .handler(v1)\n                .build()).build();\n' +
          '        url.addFunctionUrl();\n' +
          '        FunctionUrl.Builder.create(this, "U").function(url2).build();\n' +
          '        topic.addSubscription(new LambdaSubscription(topicFn));\n' +
          '        LambdaDestination dest = new LambdaDestination(upload);\n' +
          '        bucket.addEventNotification(EventType.OBJECT_CREATED, dest);\n',
      ),
      {
        Api: ['http API Gateway'],
        Route: ['http API Gateway'],
        Http: ['http API Gateway'],
        V1: ['http API Gateway'],
        Url: ['http function URL url'],
        TopicFn: ['sns SNS subscription'],
        Upload: ['s3 bucket'],
        Url2: ['http function URL url'],
      },
    );
  });

  it('EventBridge rules (schedules in three forms, patterns, addTarget) and EventBridge Scheduler', () => {
    assert.deepEqual(
      eventsOf(
        fn('a', 'A') +
          fn('b', 'B') +
          fn('c', 'C') +
          fn('d', 'D') +
          fn('e', 'E') +
          '        Rule.Builder.create(this, "R1").schedule(Schedule.expression("rate(2 minutes)")).targets(List.of(new LambdaFunction(a))).build();\n' +
          '        Rule r2 = Rule.Builder.create(this, "R2").schedule(Schedule.rate(Duration.hours(1))).build();\n' +
          '        r2.addTarget(new LambdaFunction(b));\n' +
          '        Rule.Builder.create(this, "R3").schedule(Schedule.cron(CronOptions.builder().minute("0").hour("18").weekDay("MON-FRI").build())).targets(List.of(new LambdaFunction(c))).build();\n' +
          '        Rule.Builder.create(this, "Orders").eventPattern(EventPattern.builder().source(List.of("shop")).build()).targets(List.of(new LambdaFunction(d))).build();\n' +
          '        CfnSchedule.Builder.create(this, "S").scheduleExpression("rate(5 minutes)")\n            .target(CfnSchedule.TargetProperty.builder().arn(e.getFunctionArn()).roleArn(role.getRoleArn()).build()).build();\n',
      ),
      {
        A: ['schedule rate(2 minutes)'],
        B: ['schedule rate(1 hour)'],
        C: ['schedule cron(0 18 ? * MON-FRI *)'],
        D: ['eventbridge Orders'],
        E: ['schedule rate(5 minutes)'],
      },
    );
  });

  it('services that invoke by ARN: Step Functions tasks, custom resource providers, authorizers, Firehose processors', () => {
    assert.deepEqual(
      eventsOf(
        fn('task', 'Task') +
          fn('onEvent', 'OnEvent') +
          fn('isComplete', 'IsComplete') +
          fn('own', 'Own') +
          fn('auth', 'Auth') +
          fn('transform', 'Transform') +
          '        LambdaInvoke.Builder.create(this, "Order Pizza").lambdaFunction(task).build();\n' +
          '        Provider provider = Provider.Builder.create(this, "P").onEventHandler(onEvent).isCompleteHandler(isComplete).build();\n' +
          '        CustomResource.Builder.create(this, "R").serviceToken(provider.getServiceToken()).build();\n' +
          '        new CustomResource(this, "Direct", CustomResourceProps.builder().serviceToken(own.getFunctionArn()).build());\n' +
          '        TokenAuthorizer.Builder.create(this, "Tok").handler(auth).build();\n' +
          '        new LambdaFunctionProcessor(transform);\n',
      ),
      {
        Task: ['direct Step Functions task Order Pizza stepfunctions'],
        // The custom resource given the provider's token is the provider's: its functions are not given it again.
        OnEvent: ['other CloudFormation custom resource provider P cloudformation'],
        IsComplete: ['other CloudFormation custom resource provider P cloudformation'],
        Own: ['other CloudFormation custom resource Direct cloudformation'],
        Auth: ['other API Gateway authorizer Tok apigateway'],
        Transform: ['other Firehose delivery stream firehose'],
      },
    );
  });

  it('functions named through a method that returns them, a parameter, an alias, a field, and a proxy integration URI', () => {
    assert.deepEqual(
      eventsOf(
        '        Function made = createFn();\n' +
          '        Function kept = createKept();\n' +
          '        this.field = Function.Builder.create(this, "Field").runtime(Runtime.PYTHON_3_12).handler("index.handler").code(Code.fromAsset("lambda")).build();\n' +
          fn('proxied', 'Proxied') +
          '        setupApi(made);\n' +
          '        Alias alias = Alias.Builder.create(this, "Prod").aliasName("prod").version(kept.getCurrentVersion()).build();\n' +
          '        LambdaRestApi.Builder.create(this, "ViaAlias").handler(alias).build();\n' +
          '        rest.getRoot().addMethod("POST", new LambdaIntegration(this.field));\n' +
          '        String uri = "arn:aws:apigateway:" + getRegion() + ":lambda:path/2015-03-31/functions/" + proxied.getFunctionArn() + "/invocations";\n' +
          '        new Integration(IntegrationProps.builder().type(IntegrationType.AWS_PROXY).uri(uri).build());\n' +
          '        new Integration(IntegrationProps.builder().type(IntegrationType.HTTP_PROXY).uri("https://example.com").build());\n',
        '    private Function createFn() {\n        return Function.Builder.create(this, "Made").runtime(Runtime.PYTHON_3_12).handler("index.handler").code(Code.fromAsset("lambda")).build();\n    }\n' +
          '    private Function createKept() {\n' +
          fn('k', 'Kept') +
          '        return k;\n    }\n' +
          '    private void setupApi(IFunction handler) {\n        LambdaRestApi.Builder.create(this, "Param").handler(handler).build();\n    }\n',
      ),
      {
        Made: ['http API Gateway'],
        Kept: ['http API Gateway'],
        Field: ['http API Gateway'],
        Proxied: ['http API Gateway'],
      },
    );
  });

  it("props from a method of the class, with the call's arguments for its parameters", () => {
    const r = assessTexts({
      'infra/src/main/java/com/acme/AppStack.java': stack(
        '        Function one = new Function(this, "One", propsFor("com.acme.One"));\n        Function two = new Function(this, "Two", propsFor("com.acme.Two"));\n',
        '    private FunctionProps propsFor(String handler) {\n        return FunctionProps.builder()\n                .runtime(Runtime.JAVA_21)\n                .handler(handler)\n                .timeout(Duration.minutes(20))\n                .code(Code.fromAsset("lambda"))\n                .build();\n    }\n',
      ),
    });
    assert.deepEqual(
      r.units.map((u) => [u.name, u.handler, u.runtime, u.timeoutSeconds]),
      [
        ['One', 'com.acme.One', 'java21', 1200],
        ['Two', 'com.acme.Two', 'java21', 1200],
      ],
    );
    // A setting written in the method is reported once, where it is written, for both functions.
    const over = r.findings.filter((f) => f.ruleId === 'iac/timeout-limit');
    assert.deepEqual(
      over.map((f) => [f.line, f.units ?? [f.unit]]),
      [[19, ['One', 'Two']]],
    );
  });

  it('the runtime as a statically imported member or kept in a variable; Runtime.FROM_IMAGE makes an image function', () => {
    const r = assessTexts({
      'infra/src/main/java/com/acme/AppStack.java': stack(
        '        Runtime rt = Runtime.JAVA_21;\n' +
          '        Function.Builder.create(this, "Static").runtime(PYTHON_3_12).handler("index.handler").code(Code.fromAsset("a")).build();\n' +
          '        Function.Builder.create(this, "Kept").runtime(rt).handler("com.acme.H::handle").code(Code.fromAsset("b")).build();\n' +
          '        Function.Builder.create(this, "Image").runtime(Runtime.FROM_IMAGE).handler(Handler.FROM_IMAGE).code(Code.fromAssetImage("c")).build();\n' +
          // A lower-case name that is no constant stays unread.
          '        Function.Builder.create(this, "Unread").runtime(props.runtime).handler("index.handler").code(Code.fromAsset("d")).build();\n',
      ).replace(
        'import software.amazon.awscdk.Stack;',
        'import software.amazon.awscdk.Stack;\nimport static software.amazon.awscdk.services.lambda.Runtime.PYTHON_3_12;',
      ),
    });
    assert.deepEqual(
      r.units.map((u) => [u.name, u.runtime, u.packageType]),
      [
        ['Static', 'python3.12', undefined],
        ['Kept', 'java21', undefined],
        ['Image', undefined, 'Image'],
        ['Unread', undefined, undefined],
      ],
    );
  });

  it('tricky negatives: a Lambda destination of another function, a rule target that is no function, a parameter given two functions', () => {
    assert.deepEqual(
      eventsOf(
        fn('a', 'A') +
          fn('b', 'B') +
          fn('c', 'C') +
          // Asynchronous invocation's destination (lambda.destinations), not an S3 notification.
          '        a.configureAsyncInvoke(EventInvokeConfigOptions.builder().onSuccess(new LambdaDestination(b)).build());\n' +
          '        Rule.Builder.create(this, "R").schedule(Schedule.expression("rate(1 hour)")).targets(List.of(new SqsQueue(queue))).build();\n' +
          '        wire(b);\n' +
          '        wire(c);\n',
        '    private void wire(IFunction target) {\n        LambdaRestApi.Builder.create(this, "Api").handler(target).build();\n    }\n',
      ),
      { A: [], B: [], C: [] },
    );
  });
});
