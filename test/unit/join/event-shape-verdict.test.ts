// A handler that takes a Lambda event shape needs code changes to run in a Pod (docs/readiness.md: "Lambda event
// shapes … replaced for a pod" is `changes`), whatever language it is written in: the same API Gateway function in
// JS, Python, Go, Java and C# reads `changes` for Kubernetes, decided by its language's event-source rule, and a
// function that reads no event shape stays `ready`.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyzeWorkspace } from '../../../src/core/analyze';
import { ensureParser } from '../../../src/core/parsers/load';

const fn = (name: string, runtime: string, codeUri: string, handler: string) => `  ${name}:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: ${runtime}
      CodeUri: ${codeUri}
      Handler: ${handler}
      Events:
        Api:
          Type: HttpApi
          Properties:
            Path: /${name.toLowerCase()}
            Method: GET
`;

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
${fn('NodeFn', 'nodejs22.x', 'node/', 'app.handler')}${fn('PyFn', 'python3.13', 'py/', 'app.handler')}${fn('GoFn', 'provided.al2023', 'go/', 'bootstrap')}${fn('JavaFn', 'java21', 'java/', 'com.example.App::handleRequest')}${fn('DotnetFn', 'dotnet8', 'dotnet/', 'Orders::Orders.Function::Handler')}${fn('PlainFn', 'python3.13', 'plain/', 'app.handler')}`;

const FILES: Record<string, string> = {
  'template.yaml': TEMPLATE,
  'node/app.js': 'exports.handler = async (event) => ({ statusCode: 200, body: event.pathParameters.id });\n',
  'py/app.py': "def handler(event, context):\n    return {'statusCode': 200, 'body': event['pathParameters']['id']}\n",
  'go/main.go': `package main

import (
	"context"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

func handler(ctx context.Context, req events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	return events.APIGatewayV2HTTPResponse{StatusCode: 200, Body: req.PathParameters["id"]}, nil
}

func main() { lambda.Start(handler) }
`,
  'java/src/main/java/com/example/App.java': `package com.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

public class App implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody(event.getPathParameters().get("id")).build();
    }
}
`,
  'dotnet/Function.cs': `using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;

namespace Orders;

public class Function
{
    public APIGatewayHttpApiV2ProxyResponse Handler(APIGatewayHttpApiV2ProxyRequest request, ILambdaContext context)
    {
        return new APIGatewayHttpApiV2ProxyResponse { StatusCode = 200, Body = request.PathParameters["id"] };
    }
}
`,
  'dotnet/Orders.csproj': '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>\n',
  'plain/app.py': "import json\n\ndef handler(event, context):\n    return {'statusCode': 200, 'body': json.dumps({'ok': True})}\n",
};

before(async () => {
  for (const lang of ['python', 'go', 'java', 'csharp'] as const) await ensureParser(lang);
});

describe('a Lambda event shape means changes for Kubernetes in every language', () => {
  it('API Gateway handlers in JS, Python, Go, Java and C# read changes, each decided by its event-source rule', () => {
    const r = analyzeWorkspace(Object.entries(FILES).map(([file, text]) => ({ file, text })));
    const byName = new Map(r.units.map((u) => [u.name, u]));
    const expected: Record<string, string> = {
      NodeFn: 'handler/event-source',
      PyFn: 'python/event-source',
      GoFn: 'go/event-source',
      JavaFn: 'java/event-source',
      DotnetFn: 'csharp/event-source',
    };
    for (const [name, rule] of Object.entries(expected)) {
      const u = byName.get(name);
      assert.ok(u, `${name} is a unit`);
      assert.equal(u.readiness.toKubernetes, 'changes', `${name}: ${JSON.stringify(u.readiness)}`);
      assert.ok(
        u.decidedBy?.some((d) => d.ruleId === rule),
        `${name} decided by ${rule}: ${JSON.stringify(u.decidedBy)}`,
      );
    }
    assert.equal(byName.get('PlainFn')?.readiness.toKubernetes, 'ready', 'a handler that reads no event shape is ready');
  });
});
