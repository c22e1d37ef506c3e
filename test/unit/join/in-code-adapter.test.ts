// A function whose code is a web app served through an in-code adapter (serverless-http, Mangum,
// aws-lambda-go-api-proxy, aws-serverless-java-container, Amazon.Lambda.AspNetCoreServer) already serves HTTP: its
// HTTP trigger is worded for running that app as a server, not for wrapping a handler.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile } from '../../../src/core/analyze';
import { detectKind } from '../../../src/core/detect';
import type { FileKind } from '../../../src/core/types';
import { documentFindings } from '../../../src/core/workspace';
import { adaptedAppPhrase, inCodeAdapter } from '../../../src/core/webAdapter';
import { assessTexts } from '../../helpers/assessTexts';

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
