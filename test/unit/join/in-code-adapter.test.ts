// A function whose code is a web app served through an in-code adapter (serverless-http, Mangum,
// aws-lambda-go-api-proxy, aws-serverless-java-container, Amazon.Lambda.AspNetCoreServer) already serves HTTP: its
// HTTP trigger is worded for running that app as a server, not for wrapping a handler.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyzeFile } from '../../../src/core/analyze';
import { detectKind } from '../../../src/core/detect';
import type { FileKind } from '../../../src/core/types';
import { documentFindings } from '../../../src/core/workspace';
import { adaptedAppPhrase, inCodeAdapter } from '../../../src/core/webAdapter';
import { assessTexts } from '../../helpers/assessTexts';
import { ensureParser } from '../../../src/core/parsers/load';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { scanPaths } from '../../../src/node/scan';
import { tempDir } from '../../helpers/tmp';

describe('in-code adapters', () => {
  const found: [string, FileKind, string, string][] = [
    [
      'serverless-http and Express',
      'javascript',
      "const serverless = require('serverless-http');\nconst express = require('express');\n",
      'an Express app served through serverless-http',
    ],
    [
      'NestJS through @codegenie/serverless-express (NestJS imports express too)',
      'typescript',
      "import { NestFactory } from '@nestjs/core';\nimport express from 'express';\nimport serverlessExpress from '@codegenie/serverless-express';\n",
      'a NestJS app served through @codegenie/serverless-express',
    ],
    [
      'an app the file does not name',
      'javascript',
      "import serverless from 'serverless-http';\nimport { app } from './app.js';\n",
      'an HTTP app served through serverless-http',
    ],
    ['Mangum and FastAPI', 'python', 'from fastapi import FastAPI\nfrom mangum import Mangum\n', 'a FastAPI app served through Mangum'],
    ['serverless-wsgi and Flask', 'python', 'import serverless_wsgi\nfrom flask import Flask\n', 'a Flask app served through serverless-wsgi'],
    [
      'aws-lambda-go-api-proxy for Gin',
      'go',
      'package main\n\nimport (\n\t"github.com/aws/aws-lambda-go/lambda"\n\tginadapter "github.com/awslabs/aws-lambda-go-api-proxy/gin"\n)\n',
      'a Gin app served through aws-lambda-go-api-proxy',
    ],
    [
      'aws-serverless-java-container for Spring Boot, its model package imported first',
      'java',
      'import com.amazonaws.serverless.proxy.model.AwsProxyRequest;\nimport com.amazonaws.serverless.proxy.spring.SpringBootLambdaContainerHandler;\n',
      'a Spring Boot app served through aws-serverless-java-container',
    ],
    [
      'aws-serverless-java-container for Spring (not Boot): its container handler class says which',
      'java',
      'import com.amazonaws.serverless.proxy.spring.SpringLambdaContainerHandler;\n',
      'a Spring app served through aws-serverless-java-container',
    ],
    [
      'an ASP.NET Core entry class deriving from the adapter, written in full',
      'csharp',
      'namespace Api;\npublic class LambdaEntryPoint :\n    // the base class must match the trigger\n    Amazon.Lambda.AspNetCoreServer.APIGatewayProxyFunction\n{\n}\n',
      'an ASP.NET Core app served through Amazon.Lambda.AspNetCoreServer',
    ],
    [
      'ASP.NET Core minimal hosting',
      'csharp',
      'builder.Services.AddAWSLambdaHosting(LambdaEventSource.HttpApi);\n',
      'an ASP.NET Core app served through Amazon.Lambda.AspNetCoreServer',
    ],
    [
      'a minimal API program whose hosting call is in a shared project',
      'csharp',
      'using Microsoft.AspNetCore.Builder;\nusing Shared;\nvar app = Startup.Build(args);\napp.MapGet("/", () => "ok");\napp.Run();\n',
      'an ASP.NET Core app served through Amazon.Lambda.AspNetCoreServer',
    ],
    [
      'a minimal API program on implicit usings',
      'csharp',
      'var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\napp.MapPost("/orders", () => Results.Ok());\napp.Run();\n',
      'an ASP.NET Core app served through Amazon.Lambda.AspNetCoreServer',
    ],
  ];
  for (const [what, kind, text, phrase] of found)
    it(`finds ${what}`, () => {
      const a = inCodeAdapter(kind, text);
      assert.ok(a);
      assert.equal(adaptedAppPhrase(a), phrase);
    });

  const none: [string, FileKind, string][] = [
    ['the Serverless Framework package', 'javascript', "const { Serverless } = require('serverless');\nconst express = require('express');\n"],
    [
      'a plain handler using the AWS SDK',
      'javascript',
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const handler = async () => ({});\n",
    ],
    ['the standard library WSGI server', 'python', 'from wsgiref.simple_server import make_server\nfrom flask import Flask\n'],
    ['a Go handler with the events package only', 'go', 'package main\n\nimport "github.com/aws/aws-lambda-go/events"\n'],
    ['a Java handler with the Lambda core library', 'java', 'import com.amazonaws.services.lambda.runtime.RequestHandler;\n'],
    ['a C# class deriving from something else', 'csharp', 'public class Function : BaseFunction\n{\n}\n'],
    [
      'a C# handler that maps values, not routes',
      'csharp',
      'using System.Linq;\nvar names = items.Select(x => x.Name).ToList();\nvar m = mapper.Map(order);\n',
    ],
    [
      'a web app builder that maps no route (a worker host)',
      'csharp',
      'var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddHostedService<Worker>();\nbuilder.Build().Run();\n',
    ],
  ];
  for (const [what, kind, text] of none) it(`leaves alone ${what}`, () => assert.equal(inCodeAdapter(kind, text), undefined));
});

const serverlessYml = (event: string) => `service: shop
provider:
  name: aws
  runtime: nodejs20.x
functions:
  api:
    handler: handler.handler
    events:
${event}`;
const HTTP = '      - httpApi: "*"\n';
const EXPRESS =
  "const serverless = require('serverless-http');\nconst express = require('express');\nconst app = express();\nmodule.exports.handler = serverless(app);\n";

describe('the HTTP trigger of a function behind an in-code adapter', () => {
  const httpMessage = (files: Record<string, string>) => assessTexts(files).findings.find((f) => f.ruleId === 'iac/event-source')?.message ?? '';

  it('is worded for running the app as a server', () => {
    const message = httpMessage({ 'serverless.yml': serverlessYml(HTTP), 'handler.js': EXPRESS });
    assert.match(message, /^api is invoked over HTTP \(\*\) and its code is an Express app served through serverless-http, so there is no handler to wrap\./);
  });

  it('keeps the wording for a handler of its own', () => {
    const message = httpMessage({ 'serverless.yml': serverlessYml(HTTP), 'handler.js': 'module.exports.handler = async () => ({ statusCode: 200 });\n' });
    assert.match(message, /Wrap the handler in a small server/);
  });

  it('leaves other triggers alone', () => {
    const message = httpMessage({ 'serverless.yml': serverlessYml('      - sqs: arn:aws:sqs:eu-west-1:123456789012:orders\n'), 'handler.js': EXPRESS });
    assert.match(message, /^api is fed by SQS/);
  });

  it('reads the same in the editor, from the file record of the last assessment', () => {
    const files = { 'serverless.yml': serverlessYml(HTTP), 'handler.js': EXPRESS };
    const result = assessTexts(files);
    const record = result.fileJoins?.['serverless.yml'];
    assert.deepEqual(record?.frameworkApps, { api: 'an Express app served through serverless-http' });
    const text = files['serverless.yml'];
    const live = documentFindings(analyzeFile(text, 'serverless.yml', { today: '2026-11-22' }, detectKind('serverless.yml', text)), record, 'both');
    assert.match(live.find((f) => f.ruleId === 'iac/event-source')?.message ?? '', /its code is an Express app served through serverless-http/);
  });
});

const SAM_JAVA = `Transform: AWS::Serverless-2016-10-31
Resources:
  Pets:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: java21
      Handler: com.example.StreamLambdaHandler::handleRequest
      CodeUri: .
      Events:
        Api:
          Type: HttpApi
`;
const STREAM_HANDLER = `package com.example;
import com.amazonaws.serverless.proxy.spring.SpringBootLambdaContainerHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.*;
public class StreamLambdaHandler implements RequestStreamHandler {
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {}
}
`;
const pom = (dependencies: string) =>
  `<project>\n  <!-- <exclusion><artifactId>spring-boot-starter-jetty</artifactId></exclusion> -->\n  <dependencies>\n${dependencies}  </dependencies>\n</project>\n`;
const WEB_WITHOUT_TOMCAT = `    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-web</artifactId>
      <exclusions>
        <exclusion>
          <groupId>org.springframework.boot</groupId>
          <artifactId>spring-boot-starter-tomcat</artifactId>
        </exclusion>
      </exclusions>
    </dependency>
`;

describe('a Spring Boot app whose build leaves the embedded server out (aws-serverless-java-container archetypes)', () => {
  before(() => ensureParser('java'));
  const messages = (files: Record<string, string>) => {
    const r = assessTexts({ 'template.yaml': SAM_JAVA, 'src/main/java/com/example/StreamLambdaHandler.java': STREAM_HANDLER, ...files });
    const of = (id: string) => r.findings.find((f) => f.ruleId === id)?.message ?? '';
    return { coupling: of('java/runtime-coupling'), http: of('iac/event-source') };
  };

  it('reads the exclusion from pom.xml and build.gradle(.kts), and a server starter put back', () => {
    const facts = (file: string, text: string) => analyzeFile(text, file, {}, detectKind(file, text)).facts?.excludedServer;
    assert.equal(detectKind('pom.xml', pom('')), 'java-build');
    assert.equal(facts('pom.xml', pom(WEB_WITHOUT_TOMCAT)), 'spring-boot-starter-tomcat');
    // Jetty in place of Tomcat: a server is there.
    assert.equal(facts('pom.xml', pom(`${WEB_WITHOUT_TOMCAT}    <dependency><artifactId>spring-boot-starter-jetty</artifactId></dependency>\n`)), undefined);
    // Only in a comment.
    assert.equal(facts('pom.xml', pom('    <!-- <exclusion><artifactId>spring-boot-starter-tomcat</artifactId></exclusion> -->\n')), undefined);
    assert.equal(
      facts(
        'build.gradle',
        "dependencies {\n  implementation('org.springframework.boot:spring-boot-starter-web') {\n    exclude group: 'org.springframework.boot', module: 'spring-boot-starter-tomcat'\n  }\n}\n",
      ),
      'spring-boot-starter-tomcat',
    );
    assert.equal(
      facts(
        'build.gradle.kts',
        'dependencies {\n  implementation("org.springframework.boot:spring-boot-starter-web") {\n    exclude(group = "org.springframework.boot", module = "spring-boot-starter-tomcat")\n  }\n  implementation("org.springframework.boot:spring-boot-starter-undertow")\n}\n',
      ),
      undefined,
    );
    assert.equal(facts('build.gradle', "// exclude group: 'org.springframework.boot', module: 'spring-boot-starter-tomcat'\n"), undefined);
  });

  it('says so beside the advice to run the main, on the handler class and the HTTP trigger', () => {
    const { coupling, http } = messages({ 'pom.xml': pom(WEB_WITHOUT_TOMCAT) });
    assert.match(
      coupling,
      /Run the app's own main, .* Its build leaves that server out \(spring-boot-starter-tomcat excluded in pom\.xml\): put it back first, or the main starts none\.$/,
    );
    assert.match(
      http,
      /its code is a Spring Boot app served through aws-serverless-java-container \(built without its embedded server: spring-boot-starter-tomcat excluded in pom\.xml; put it back\), so there is no handler to wrap/,
    );
  });

  it('a scan of the folder reads pom.xml (it is no longer skipped as a file type no rule reads)', async () => {
    const dir = tempDir('ls-java-build-');
    try {
      mkdirSync(path.join(dir, 'src/main/java/com/example'), { recursive: true });
      writeFileSync(path.join(dir, 'template.yaml'), SAM_JAVA);
      writeFileSync(path.join(dir, 'src/main/java/com/example/StreamLambdaHandler.java'), STREAM_HANDLER);
      writeFileSync(path.join(dir, 'pom.xml'), pom(WEB_WITHOUT_TOMCAT));
      const r = await scanPaths(dir, ['.'], { jobs: 1 });
      assert.match(r.findings.find((f) => f.ruleId === 'java/runtime-coupling')?.message ?? '', /excluded in pom\.xml\): put it back first/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stays silent where the build keeps a server, or where the nearest build is a module of its own', () => {
    for (const files of [
      { 'pom.xml': pom('    <dependency><artifactId>spring-boot-starter-web</artifactId></dependency>\n') },
      // The parent leaves it out; the module's own build (nearer) does not.
      { '../pom.xml': pom(WEB_WITHOUT_TOMCAT), 'pom.xml': pom('') },
      {},
    ]) {
      const renamed = Object.fromEntries(Object.entries(files).map(([k, v]) => [k === '../pom.xml' ? 'pom.xml' : `svc/${k}`, v]));
      const r = assessTexts({
        'svc/template.yaml': SAM_JAVA,
        'svc/src/main/java/com/example/StreamLambdaHandler.java': STREAM_HANDLER,
        ...renamed,
      });
      const coupling = r.findings.find((f) => f.ruleId === 'java/runtime-coupling')?.message ?? '';
      assert.match(coupling, /Run the app's own main/, JSON.stringify(Object.keys(renamed)));
      assert.doesNotMatch(coupling, /leaves that server out/, JSON.stringify(Object.keys(renamed)));
      assert.doesNotMatch(r.findings.find((f) => f.ruleId === 'iac/event-source')?.message ?? '', /built without/);
    }
  });
});
