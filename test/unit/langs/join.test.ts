// The IaC ⇄ code join for compiled languages: a Lambda function's handler names a Go package, a Java class or a C#
// assembly/class, never a file; the join finds the file and the package's other files.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyzeWorkspace } from '../../../src/core/analyze';
import { ensureParser } from '../../../src/core/parsers/load';

before(async () => {
  await Promise.all([ensureParser('go'), ensureParser('java'), ensureParser('csharp')]);
});

const sam = (resources: string) => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
${resources}`;

describe('Go handlers', () => {
  const template = sam(`  OrdersFunction:
    Type: AWS::Serverless::Function
    Metadata:
      BuildMethod: go1.x
    Properties:
      CodeUri: orders/
      Handler: bootstrap
      Runtime: provided.al2023
      Timeout: 30
`);
  const main = `package main

import "github.com/aws/aws-lambda-go/lambda"

func main() { lambda.Start(handler) }
`;
  const handler = `package main

import "context"

var seen = map[string]bool{}

func handler(ctx context.Context, id string) error {
	seen[id] = true
	return nil
}
`;

  it('joins provided.al2023 + bootstrap to the file whose main() starts the runtime, and the package to the unit', () => {
    const r = analyzeWorkspace([
      { file: 'template.yaml', text: template },
      { file: 'orders/app.go', text: main },
      { file: 'orders/handler.go', text: handler },
      { file: 'orders/handler_test.go', text: 'package main\n' },
      { file: 'other/main.go', text: 'package main\n\nfunc main() {}\n' },
    ]);
    const unit = r.units.find((u) => u.name === 'OrdersFunction')!;
    assert.equal(unit.codeFile, 'orders/app.go');
    // A finding in another file of the package belongs to the function.
    const state = r.findings.find((f) => f.ruleId === 'go/in-memory-state');
    assert.equal(state?.file, 'orders/handler.go');
    assert.equal(state?.unit, 'OrdersFunction');
    assert.ok(r.findings.some((f) => f.ruleId === 'go/runtime-coupling' && f.unit === 'OrdersFunction'));
  });

  it('serverless.yml handlers name binaries a Makefile builds: each is joined to its own source', () => {
    const program = (name: string) =>
      `package main\n\nimport "github.com/aws/aws-lambda-go/lambda"\n\nvar seen = map[string]bool{}\n\nfunc ${name}(id string) error { seen[id] = true; return nil }\n\nfunc main() { lambda.Start(${name}) }\n`;
    const r = analyzeWorkspace([
      {
        file: 'todos-api/serverless.yml',
        text: 'service: todos\nprovider:\n  name: aws\n  runtime: go1.x\nfunctions:\n  create:\n    handler: bin/create\n  get:\n    handler: bin/get\n  hello:\n    handler: bin/hello\n  gone:\n    handler: bin/gone\n',
      },
      {
        file: 'todos-api/Makefile',
        text: 'build:\n\tgo build -o bin/create todos/create.go\n\tcd todos && go build -o ../bin/get get.go\n\tfor f in hello; do go build -o bin/$$f functions/$$f/main.go; done\n',
      },
      { file: 'todos-api/todos/create.go', text: program('create') },
      { file: 'todos-api/todos/get.go', text: program('get') },
      { file: 'todos-api/functions/hello/main.go', text: program('hello') },
      // Another service's Makefile (not above this serverless.yml) builds a bin/gone of its own.
      { file: 'other/Makefile', text: 'build:\n\tgo build -o ../todos-api/bin/gone gone.go\n' },
      { file: 'other/gone.go', text: program('gone') },
    ]);
    const unit = (n: string) => r.units.find((u) => u.name === n)!;
    assert.deepEqual(unit('create').codeFiles, ['todos-api/todos/create.go']);
    assert.deepEqual(unit('get').codeFiles, ['todos-api/todos/get.go']);
    assert.deepEqual(unit('hello').codeFiles, ['todos-api/functions/hello/main.go']);
    assert.equal(unit('gone').codeFile, undefined);
    // Each program's state finding counts for its own function only.
    assert.deepEqual(
      r.findings.filter((f) => f.ruleId === 'go/in-memory-state').map((f) => `${f.file} ${f.unit}`),
      ['other/gone.go undefined', 'todos-api/functions/hello/main.go hello', 'todos-api/todos/create.go create', 'todos-api/todos/get.go get'],
    );
  });

  it('go1.x with main.go and no analysis of main()', () => {
    const r = analyzeWorkspace([
      { file: 'infra/template.yaml', text: template.replace('provided.al2023', 'go1.x').replace('CodeUri: orders/', 'CodeUri: ../fn') },
      { file: 'fn/util.go', text: 'package main\n' },
      { file: 'fn/main.go', text: 'package main\n\nfunc main() {}\n' },
    ]);
    assert.equal(r.units[0].codeFile, 'fn/main.go');
  });

  it("follows imports of the repository's own module (go.mod) to their packages, and no others", () => {
    const r = analyzeWorkspace([
      { file: 'go.mod', text: 'module example.com/shop // the shop\n\ngo 1.22\n\nrequire github.com/aws/aws-lambda-go v1.47.0\n' },
      { file: 'template.yaml', text: template },
      {
        file: 'orders/main.go',
        text: 'package main\n\nimport (\n\t"github.com/aws/aws-lambda-go/lambda"\n\t"example.com/shop/handlers"\n\tstore "example.com/shop/internal/store"\n)\n\nfunc main() { store.Open(); lambda.Start(handlers.Orders) }\n',
      },
      { file: 'handlers/orders.go', text: 'package handlers\n\nimport "example.com/shop/internal/store"\n\nfunc Orders() error { return store.Put() }\n' },
      { file: 'handlers/orders_test.go', text: 'package handlers\n' },
      {
        file: 'internal/store/store.go',
        text: 'package store\n\nvar rows = map[string]int{}\n\nfunc Open() {}\n\nfunc Put() error { rows["n"]++; return nil }\n',
      },
      // Same folder name, another module: not the shop's package.
      { file: 'tools/go.mod', text: 'module example.com/shoptools\n' },
      { file: 'tools/handlers/gen.go', text: 'package handlers\n' },
      { file: 'unused/unused.go', text: 'package unused\n' },
    ]);
    const unit = r.units.find((u) => u.name === 'OrdersFunction')!;
    assert.deepEqual([...(unit.codeFiles ?? [])].sort(), ['handlers/orders.go', 'internal/store/store.go', 'orders/main.go']);
  });

  describe('an imported package gives the files that declare what the importer uses', () => {
    const files = (main: string, extra: { file: string; text: string }[] = []) => [
      { file: 'go.mod', text: 'module example.com/shop\n\ngo 1.22\n' },
      { file: 'template.yaml', text: template },
      { file: 'orders/main.go', text: `package main\n\nimport (\n\t"github.com/aws/aws-lambda-go/lambda"\n\t"example.com/shop/handlers"\n)\n\n${main}\n` },
      // One file per event source in a shared package, as serverless-go-demo has it.
      {
        file: 'handlers/apigateway.go',
        text: 'package handlers\n\nimport "github.com/aws/aws-lambda-go/events"\n\nfunc NewAPIGatewayHandler() *APIGatewayHandler { return &APIGatewayHandler{} }\n\ntype APIGatewayHandler struct{}\n\nfunc (h *APIGatewayHandler) Get(e events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) { return jsonResponse(200), nil }\n',
      },
      {
        file: 'handlers/dynamodb.go',
        text: 'package handlers\n\nimport "github.com/aws/aws-lambda-go/events"\n\ntype DynamoDBEventHandler struct{ retries int }\n\nfunc NewDynamoDBEventHandler() *DynamoDBEventHandler { return &DynamoDBEventHandler{retries: maxRetries} }\n',
      },
      // A method of the stream handler in a file of its own, and a constant it uses in another.
      {
        file: 'handlers/dynamodb_stream.go',
        text: 'package handlers\n\nimport "github.com/aws/aws-lambda-go/events"\n\nfunc (h *DynamoDBEventHandler) Stream(e events.DynamoDBEvent) error { return nil }\n',
      },
      { file: 'handlers/limits.go', text: 'package handlers\n\nconst maxRetries = 3\n' },
      { file: 'handlers/response.go', text: 'package handlers\n\nfunc jsonResponse(code int) int { return code }\n' },
      ...extra,
    ];
    const codeOf = (ws: { file: string; text: string }[]) => [...(analyzeWorkspace(ws).units.find((u) => u.name === 'OrdersFunction')!.codeFiles ?? [])].sort();

    it('a stream function: the stream handler, its method in another file and the constant it uses, not the API Gateway handler', () => {
      assert.deepEqual(codeOf(files('func main() { lambda.Start(handlers.NewDynamoDBEventHandler().Stream) }')), [
        'handlers/dynamodb.go',
        'handlers/dynamodb_stream.go',
        'handlers/limits.go',
        'orders/main.go',
      ]);
    });
    it('an API function: the API Gateway handler and the helper it calls', () => {
      assert.deepEqual(codeOf(files('func main() { lambda.Start(handlers.NewAPIGatewayHandler().Get) }')), [
        'handlers/apigateway.go',
        'handlers/response.go',
        'orders/main.go',
      ]);
    });
    it('a file that runs on import is always taken: func init(), a package-level variable set by a call', () => {
      const extra = [
        { file: 'handlers/setup.go', text: 'package handlers\n\nfunc init() { register() }\n\nfunc register() {}\n' },
        {
          file: 'handlers/client.go',
          text: 'package handlers\n\nimport "net/http"\n\nvar client = newClient()\n\nfunc newClient() *http.Client { return &http.Client{} }\n',
        },
      ];
      const code = codeOf(files('func main() { lambda.Start(handlers.NewAPIGatewayHandler().Get) }', extra));
      assert.ok(code.includes('handlers/setup.go') && code.includes('handlers/client.go'), code.join(' '));
      assert.ok(!code.includes('handlers/dynamodb.go'), code.join(' '));
    });
    it('a blank import, or one whose names are not used qualified, takes the whole package', () => {
      const main =
        'package main\n\nimport (\n\t"github.com/aws/aws-lambda-go/lambda"\n\t_ "example.com/shop/handlers"\n)\n\nfunc main() { lambda.Start(func() error { return nil }) }\n';
      const ws = files('').map((f) => (f.file === 'orders/main.go' ? { ...f, text: main } : f));
      assert.equal(codeOf(ws).filter((f) => f.startsWith('handlers/')).length, 5);
    });
  });
});

describe('Java handlers', () => {
  const template = sam(`  HelloFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: HelloFunction
      Handler: com.example.hello.App::handleRequest
      Runtime: java21
`);
  it('joins Class::method to src/main/java under CodeUri, and the classes it uses', () => {
    const app = `package com.example.hello;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.example.util.Json;

public class App implements RequestHandler<String, String> {
    public String handleRequest(String in, Context ctx) { return Json.write(new Greeting(in)); }
}
`;
    const greeting = `package com.example.hello;

import java.util.*;

public class Greeting {
    private static final Map<String, Integer> perName = new HashMap<>();
    public Greeting(String n) {}
    public void count(String n) { perName.merge(n, 1, Integer::sum); }
}
`;
    const json = 'package com.example.util;\n\npublic class Json { public static String write(Object o) { return ""; } }\n';
    const r = analyzeWorkspace([
      { file: 'template.yaml', text: template },
      { file: 'HelloFunction/src/main/java/com/example/hello/App.java', text: app },
      { file: 'HelloFunction/src/main/java/com/example/hello/Greeting.java', text: greeting },
      { file: 'HelloFunction/src/main/java/com/example/util/Json.java', text: json },
      { file: 'HelloFunction/src/main/java/com/example/hello/Unused.java', text: 'package com.example.hello;\n\nclass Unused {}\n' },
    ]);
    const unit = r.units[0];
    assert.equal(unit.codeFile, 'HelloFunction/src/main/java/com/example/hello/App.java');
    assert.equal(r.findings.find((f) => f.ruleId === 'java/in-memory-state')?.unit, 'HelloFunction');
  });

  it("CodeUri naming a built zip: the class's source under the template's folder", () => {
    const r = analyzeWorkspace([
      {
        file: 'tickets/template.yaml',
        text: template.replace('CodeUri: HelloFunction', 'CodeUri: target/tickets.zip').replace('com.example.hello.App', 'com.example.TicketFunction'),
      },
      { file: 'tickets/src/main/java/com/example/TicketFunction.java', text: 'package com.example;\n\npublic class TicketFunction {}\n' },
      { file: 'other/src/main/java/com/example/TicketFunction.java', text: 'package com.example;\n\npublic class TicketFunction {}\n' },
    ]);
    assert.equal(r.units[0].codeFile, 'tickets/src/main/java/com/example/TicketFunction.java');
  });

  it('a class-only handler, and Terraform pointing at a built jar', () => {
    const tf = `resource "aws_lambda_function" "report" {
  function_name = "report"
  filename      = "../target/report.jar"
  handler       = "com.acme.Report"
  runtime       = "java17"
  role          = "arn:aws:iam::123456789012:role/r"
}
`;
    const r = analyzeWorkspace([
      { file: 'report/infra/main.tf', text: tf },
      { file: 'report/src/main/java/com/acme/Report.java', text: 'package com.acme;\n\npublic class Report {}\n' },
    ]);
    assert.equal(r.units[0].codeFile, 'report/src/main/java/com/acme/Report.java');
  });

  it('a library handler (aws-serverless-java-container) joins the application class it starts', () => {
    const app = `package com.unicorn.store;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class StoreApplication {
    public static void main(String[] args) { SpringApplication.run(StoreApplication.class, args); }
}
`;
    const r = analyzeWorkspace([
      {
        file: 'template.yaml',
        text: template
          .replace('com.example.hello.App::handleRequest', 'com.amazonaws.serverless.proxy.spring.SpringDelegatingLambdaContainerHandler')
          .replace('CodeUri: HelloFunction', 'CodeUri: UnicornFunction'),
      },
      { file: 'UnicornFunction/src/main/java/com/unicorn/store/StoreApplication.java', text: app },
    ]);
    assert.equal(r.units[0].codeFile, 'UnicornFunction/src/main/java/com/unicorn/store/StoreApplication.java');
    // Its main never runs on Lambda: neither the server nor the application's cold start is reported for the function.
    assert.deepEqual(
      r.findings.filter((f) => f.ruleId.startsWith('java/')).map((f) => f.ruleId),
      [],
    );
  });

  describe('Quarkus and GraalVM native images', () => {
    const handlerClass = (cls: string, named?: string) => `package com.shop.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;

${named ? `@Named("${named}")\n` : ''}public class ${cls} implements RequestHandler<String, String> {
    public String handleRequest(String input, Context context) { return input; }
}
`;
    const fn = (name: string, runtime: string, handler: string, env = '') =>
      `  ${name}:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: target/function.zip\n      Runtime: ${runtime}\n      Handler: ${handler}\n${env}`;
    const envOf = (v: string) => `      Environment:\n        Variables:\n          quarkus_lambda_handler: ${v}\n`;
    const QUARKUS = 'io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest';
    const sources = [
      { file: 'svc/src/main/java/com/shop/handler/GetHandler.java', text: handlerClass('GetHandler', 'getOrder') },
      { file: 'svc/src/main/java/com/shop/handler/PutHandler.java', text: handlerClass('PutHandler', 'putOrder') },
    ];
    const codeOf = (files: { file: string; text: string }[]) => Object.fromEntries(analyzeWorkspace(files).units.map((u) => [u.name, u.codeFile]));

    it('QUARKUS_LAMBDA_HANDLER picks the @Named handler class, on the JVM and in a native image', () => {
      const t = sam(fn('Get', 'java21', QUARKUS, envOf('getOrder')) + fn('Put', 'provided.al2023', 'not.used.in.provided.runtime', envOf('putOrder')));
      assert.deepEqual(codeOf([{ file: 'svc/template.yaml', text: t }, ...sources]), {
        Get: 'svc/src/main/java/com/shop/handler/GetHandler.java',
        Put: 'svc/src/main/java/com/shop/handler/PutHandler.java',
      });
    });
    it('without the variable: the only handler class; with two and no variable, or a name no class has, nothing', () => {
      const one = codeOf([{ file: 'svc/template.yaml', text: sam(fn('Get', 'java21', QUARKUS)) }, sources[0]]);
      assert.equal(one.Get, 'svc/src/main/java/com/shop/handler/GetHandler.java');
      const two = codeOf([
        { file: 'svc/template.yaml', text: sam(fn('Get', 'java21', QUARKUS) + fn('Del', 'java21', QUARKUS, envOf('deleteOrder'))) },
        ...sources,
      ]);
      assert.deepEqual(two, { Get: undefined, Del: undefined });
    });
    it('a native image on provided naming its handler class joins that class', () => {
      const t = sam(fn('Get', 'provided.al2', 'com.shop.handler.GetHandler'));
      assert.equal(codeOf([{ file: 'svc/template.yaml', text: t }, ...sources]).Get, 'svc/src/main/java/com/shop/handler/GetHandler.java');
    });
  });

  it('drops a main-only finding for code that belongs only to a Lambda function', () => {
    const handler = `package com.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

public class StreamLambdaHandler implements RequestStreamHandler {
    public void handleRequest(java.io.InputStream in, java.io.OutputStream out, Context c) { Application.class.getName(); }
}
`;
    const application = `package com.example;

import org.springframework.boot.SpringApplication;

public class Application {
    public static void main(String[] args) { SpringApplication.run(Application.class, args); }
}
`;
    const files = [
      {
        file: 'template.yaml',
        text: sam(
          `  Api:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: .\n      Handler: com.example.StreamLambdaHandler::handleRequest\n      Runtime: java21\n`,
        ),
      },
      { file: 'src/main/java/com/example/StreamLambdaHandler.java', text: handler },
      { file: 'src/main/java/com/example/Application.java', text: application },
    ];
    const r = analyzeWorkspace(files);
    assert.equal(r.units[0].codeFile, 'src/main/java/com/example/StreamLambdaHandler.java');
    assert.deepEqual(
      r.findings.filter((f) => f.ruleId === 'java/listening-server'),
      [],
    );
    // Without the function, the same application is a service that starts a server.
    const alone = analyzeWorkspace(files.slice(2));
    assert.equal(alone.findings.filter((f) => f.ruleId === 'java/listening-server').length, 1);
  });
});

describe('C# handlers', () => {
  it('joins Assembly::Namespace.Class::Method to the class file under CodeUri, with its folder', () => {
    const template = sam(`  Thumbnails:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ./src/Thumbnails/
      Handler: Thumbnails::Thumbnails.Function::FunctionHandler
      Runtime: dotnet8
`);
    const fn = `using Amazon.Lambda.Core;

namespace Thumbnails;

public class Function
{
    public string FunctionHandler(string key, ILambdaContext context) => Resizer.Resize(key);
}
`;
    const resizer = `namespace Thumbnails;

public static class Resizer
{
    private static int _count;
    public static string Resize(string key) { _count++; return key; }
}
`;
    const r = analyzeWorkspace([
      { file: 'template.yaml', text: template },
      { file: 'src/Thumbnails/Function.cs', text: fn },
      { file: 'src/Thumbnails/Resizer.cs', text: resizer },
      { file: 'src/Other/Function.cs', text: 'namespace Other;\n\npublic class Function {}\n' },
    ]);
    assert.equal(r.units[0].codeFile, 'src/Thumbnails/Function.cs');
    assert.equal(r.findings.find((f) => f.ruleId === 'csharp/in-memory-state')?.unit, 'Thumbnails');
  });

  it("follows `using` into the referenced project's files that declare the namespace, the nearest copy of it only", () => {
    const fn = (name: string) => `using Amazon.Lambda.Core;
using Shared.DataAccess;

namespace ${name};

public class Function
{
    public string FunctionHandler(string id, ILambdaContext context) => new ProductsDao().Get(id);
}
`;
    const dao = `using System;
using Shared.Models;

namespace Shared.DataAccess
{
    public class ProductsDao
    {
        private static readonly Dictionary<string, Product> Cache = new();
        public string Get(string id) { Cache[id] = new Product(); return id; }
    }
}
`;
    const r = analyzeWorkspace([
      {
        file: 'src/NET8/template.yaml',
        text: sam(`  GetProduct:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ./GetProduct/
      Handler: GetProduct::GetProduct.Function::FunctionHandler
      Runtime: dotnet8
`),
      },
      { file: 'src/NET8/GetProduct/Function.cs', text: fn('GetProduct') },
      { file: 'src/NET8/Shared/DataAccess/ProductsDao.cs', text: dao },
      { file: 'src/NET8/Shared/Models/Product.cs', text: 'namespace Shared.Models;\n\npublic class Product {}\n' },
      // The same namespaces in another sample's copy of the project, and an unrelated namespace beside them.
      { file: 'src/NET6/Shared/DataAccess/ProductsDao.cs', text: dao },
      { file: 'src/NET8/Shared/Other/Unused.cs', text: 'namespace Shared.Other;\n\npublic class Unused {}\n' },
    ]);
    assert.deepEqual(r.units[0].codeFiles, [
      'src/NET8/GetProduct/Function.cs',
      'src/NET8/Shared/DataAccess/ProductsDao.cs',
      'src/NET8/Shared/Models/Product.cs',
    ]);
  });

  it('a Lambda Annotations handler (`Class_Method_Generated`) joins the class the attribute is on', () => {
    const r = analyzeWorkspace([
      {
        file: 'template.yaml',
        text: sam(`  GetProducts:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ./src/Api
      Handler: Api::Api.Functions_GetProducts_Generated::GetProducts
      Runtime: dotnet8
`),
      },
      {
        file: 'src/Api/Functions.cs',
        text: 'using Amazon.Lambda.Annotations;\nusing Amazon.Lambda.Core;\nnamespace Api;\n\npublic class Functions\n{\n    [LambdaFunction]\n    public string GetProducts(ILambdaContext context) => context.AwsRequestId;\n}\n',
      },
      { file: 'src/Api/Products_Generated.cs', text: 'namespace Api;\n\npublic class Products {}\n' },
    ]);
    assert.equal(r.units[0].codeFile, 'src/Api/Functions.cs');
  });

  it('an executable assembly (Handler: the assembly name; or provided.al2023 bootstrap) joins the file its program starts in', () => {
    const template = sam(`  Report:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ./src/Report/
      Handler: Report
      Runtime: dotnet8
  Native:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ./src/Native/
      Handler: bootstrap
      Runtime: provided.al2023
`);
    const topLevel =
      'using Amazon.Lambda.Core;\nusing Amazon.Lambda.RuntimeSupport;\n\nvar handler = (string s, ILambdaContext c) => s;\nawait LambdaBootstrapBuilder.Create(handler).Build().RunAsync();\n';
    const staticMain =
      'using Amazon.Lambda.RuntimeSupport;\nnamespace Native;\n\npublic class Function\n{\n    private static async Task Main()\n    {\n        await LambdaBootstrapBuilder.Create(Handle).Build().RunAsync();\n    }\n\n    public static string Handle(string s) => s;\n}\n';
    const r = analyzeWorkspace([
      { file: 'template.yaml', text: template },
      { file: 'src/Report/Entry.cs', text: topLevel },
      { file: 'src/Report/Layout.cs', text: 'namespace Report;\n\npublic static class Layout {}\n' },
      { file: 'src/Native/Helpers.cs', text: 'namespace Native;\n\npublic static class Helpers {}\n' },
      { file: 'src/Native/Function.cs', text: staticMain },
    ]);
    const code = Object.fromEntries(r.units.map((u) => [u.name, u.codeFile]));
    assert.deepEqual(code, { Report: 'src/Report/Entry.cs', Native: 'src/Native/Function.cs' });
    // Two programs in one folder: which one the assembly starts is not known, so neither is taken.
    const two = analyzeWorkspace([
      { file: 'template.yaml', text: template },
      { file: 'src/Report/Entry.cs', text: topLevel },
      { file: 'src/Report/Tool.cs', text: staticMain.replace('namespace Native', 'namespace Report') },
    ]);
    assert.equal(two.units.find((u) => u.name === 'Report')?.codeFile, undefined);
  });
});

describe('CDK GoFunction', () => {
  it('joins `entry` (the main package folder, relative to the app root) to the file whose main() starts the runtime', () => {
    const stack = `import { Duration, Stack } from 'aws-cdk-lib';
import { GoFunction } from '@aws-cdk/aws-lambda-go-alpha';

export class ShopStack extends Stack {
  constructor(scope: any, id: string) {
    super(scope, id);
    new GoFunction(this, 'OrdersFn', { entry: 'functions/orders', timeout: Duration.seconds(20) });
    new GoFunction(this, 'LabelsFn', { entry: 'functions/labels/main.go' });
  }
}
`;
    const main = 'package main\n\nimport "github.com/aws/aws-lambda-go/lambda"\n\nfunc main() { lambda.Start(handle) }\n';
    const r = analyzeWorkspace([
      { file: 'lib/shop-stack.ts', text: stack },
      { file: 'functions/orders/main.go', text: main },
      { file: 'functions/orders/handle.go', text: 'package main\n\nfunc handle() error { return nil }\n' },
      { file: 'functions/labels/main.go', text: main },
    ]);
    const orders = r.units.find((u) => u.name === 'OrdersFn')!;
    assert.equal(orders.runtime, 'provided.al2023');
    assert.equal(orders.timeoutSeconds, 20);
    assert.equal(orders.codeFile, 'functions/orders/main.go');
    assert.deepEqual([...(orders.codeFiles ?? [])].sort(), ['functions/orders/handle.go', 'functions/orders/main.go']);
    assert.equal(r.units.find((u) => u.name === 'LabelsFn')!.codeFile, 'functions/labels/main.go');
  });
});

describe('Go workloads', () => {
  it("a workload's Go package comes main.go first, with the packages of its own module it imports", () => {
    const r = analyzeWorkspace([
      {
        file: 'k8s/frontend.yaml',
        text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: frontend\nspec:\n  template:\n    spec:\n      containers:\n        - name: server\n          image: frontend\n          ports:\n            - containerPort: 8080\n',
      },
      {
        file: 'src/frontend/Dockerfile',
        text: 'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n',
      },
      { file: 'src/frontend/go.mod', text: 'module example.com/frontend\n\ngo 1.22\n' },
      { file: 'src/frontend/handlers.go', text: 'package main\n' },
      {
        file: 'src/frontend/main.go',
        text: 'package main\n\nimport (\n\t"net/http"\n\t"example.com/frontend/money"\n)\n\nfunc main() { money.Init(); http.ListenAndServe(":8080", nil) }\n',
      },
      { file: 'src/frontend/money/money.go', text: 'package money\n\nfunc Init() {}\n' },
      { file: 'src/frontend/money/money_test.go', text: 'package money\n' },
    ]);
    const unit = r.units.find((u) => u.name === 'frontend')!;
    assert.deepEqual(unit.codeFiles, ['src/frontend/main.go', 'src/frontend/handlers.go', 'src/frontend/money/money.go']);
    assert.ok(r.findings.some((f) => f.ruleId === 'go/listening-server' && f.unit === 'frontend'));
  });
});

describe('CDK in Java', () => {
  const stack = `package com.myorg;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionProps;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;

public class OrdersStack extends Stack {
    public OrdersStack(final Construct scope, final String id) {
        super(scope, id);
        Function orders = Function.Builder.create(this, "OrdersFn")
                .runtime(Runtime.JAVA_21)
                .handler("com.acme.orders.OrderHandler::handleRequest")
                .code(Code.fromAsset("../software/orders/target/orders.jar"))
                .memorySize(2048)
                .timeout(Duration.minutes(20))
                .architecture(Architecture.ARM_64)
                .environment(Map.of("TABLE", "orders", "STAGE", "prod"))
                .build();
        orders.addEventSource(new SqsEventSource(queue));
        new Function(this, "Legacy", FunctionProps.builder()
                .runtime(Runtime.JAVA_8)
                .handler("com.acme.legacy.Handler")
                .code(Code.fromAsset("../software/legacy/target/legacy.jar"))
                .build());
        String notAFunction = Map.of("a", "b").toString();
    }
}
`;
  const handler = `package com.acme.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

public class OrderHandler implements RequestHandler<SQSEvent, Void> {
    public Void handleRequest(SQSEvent event, Context context) {
        return null;
    }
}
`;

  it('reads builder chains and props builders, never running the app, and joins each to its Maven module', () => {
    const r = analyzeWorkspace([
      { file: 'infra/src/main/java/com/myorg/OrdersStack.java', text: stack },
      { file: 'software/orders/src/main/java/com/acme/orders/OrderHandler.java', text: handler },
      {
        file: 'software/legacy/src/main/java/com/acme/legacy/Handler.java',
        text: 'package com.acme.legacy;\n\npublic class Handler {\n    public String handleRequest(String in) { return in; }\n}\n',
      },
    ]);
    const orders = r.units.find((u) => u.name === 'OrdersFn')!;
    assert.equal(orders.source, 'cdk');
    assert.equal(orders.runtime, 'java21');
    assert.equal(orders.timeoutSeconds, 1200);
    assert.equal(orders.memoryMB, 2048);
    assert.equal(orders.architecture, 'arm64');
    assert.deepEqual(
      orders.events.map((e) => e.type),
      ['sqs'],
    );
    assert.deepEqual(Object.keys(orders.environment ?? {}).sort(), ['STAGE', 'TABLE']);
    assert.equal(orders.codeFile, 'software/orders/src/main/java/com/acme/orders/OrderHandler.java');
    const legacy = r.units.find((u) => u.name === 'Legacy')!;
    assert.equal(legacy.runtime, 'java8');
    assert.equal(legacy.codeFile, 'software/legacy/src/main/java/com/acme/legacy/Handler.java');
    assert.equal(r.units.length, 2);
    // The model rules judge the declared settings at their builder calls: 1200 s is over Lambda's 900 s.
    const over = r.findings.find((f) => f.ruleId === 'iac/timeout-limit');
    assert.equal(over?.unit, 'OrdersFn');
    assert.equal(over?.line, 22);
    assert.ok(r.findings.some((f) => f.ruleId === 'iac/deprecated-runtime' && f.unit === 'Legacy'));
    // The CDK app itself is an infrastructure program: no code rule judges it.
    assert.ok(!r.findings.some((f) => f.file.startsWith('infra/') && f.ruleId.startsWith('java/')));
  });

  it("asset paths from cdk.json's folder, a jar copied out of a sibling Maven module, an adapter handler's module", () => {
    const fn = (id: string, code: string, handler: string) =>
      `        Function.Builder.create(this, "${id}").runtime(Runtime.JAVA_21).handler("${handler}").code(Code.fromAsset("${code}")).build();\n`;
    const app = `package com.myorg;\n\nimport software.amazon.awscdk.services.lambda.*;\n\npublic class AppStack extends Stack {\n    public AppStack(final Construct scope, final String id) {\n        super(scope, id);\n${fn('Folder', '../lambda/', 'com.acme.Transformer::handleRequest')}${fn('Copied', './asset/lambda-1.0.0-jar-with-dependencies.jar', 'com.acme.jobs.Worker')}${fn('Ambiguous', './asset/other.jar', 'com.acme.dup.Dup')}${fn('Api', '../../api/target/api-1.0.jar', 'io.micronaut.function.aws.proxy.MicronautLambdaHandler')}    }\n}\n`;
    const cls = (pkg: string, name: string, body = '') => `package ${pkg};\n\n${body ? '@SpringBootApplication\n' : ''}public class ${name} {\n${body}}\n`;
    const main = '    public static void main(String[] args) {}\n';
    const r = analyzeWorkspace([
      { file: 'app/infra/cdk.json', text: '{ "app": "mvn -e -q compile exec:java" }' },
      { file: 'app/infra/src/main/java/com/myorg/AppStack.java', text: app },
      { file: 'app/lambda/src/main/java/com/acme/Transformer.java', text: cls('com.acme', 'Transformer') },
      { file: 'app/jobs/src/main/java/com/acme/jobs/Worker.java', text: cls('com.acme.jobs', 'Worker') },
      // Two modules with the same class: the jar's name says which it is not.
      { file: 'app/one/src/main/java/com/acme/dup/Dup.java', text: cls('com.acme.dup', 'Dup') },
      { file: 'app/two/src/main/java/com/acme/dup/Dup.java', text: cls('com.acme.dup', 'Dup') },
      { file: 'api/src/main/java/com/acme/api/Application.java', text: cls('com.acme.api', 'Application', main) },
      { file: 'tools/src/main/java/com/acme/tools/Cli.java', text: cls('com.acme.tools', 'Cli', main) },
    ]);
    const code = (name: string) => r.units.find((u) => u.name === name)?.codeFile;
    assert.equal(code('Folder'), 'app/lambda/src/main/java/com/acme/Transformer.java');
    assert.equal(code('Copied'), 'app/jobs/src/main/java/com/acme/jobs/Worker.java');
    assert.equal(code('Ambiguous'), undefined);
    assert.equal(code('Api'), 'api/src/main/java/com/acme/api/Application.java');
  });

  it('code written inline (Code.fromInline) says so rather than that the handler is missing', () => {
    const inline = stack.replace(
      '.code(Code.fromAsset("../software/orders/target/orders.jar"))',
      '.code(Code.fromInline("exports.handler = async () => \'hi\';"))',
    );
    const r = analyzeWorkspace([{ file: 'infra/src/main/java/com/myorg/OrdersStack.java', text: inline }]);
    const notes = r.units.find((u) => u.name === 'OrdersFn')!.decidedBy?.map((d) => d.message) ?? [];
    assert.ok(
      notes.some((m) => /^code written inline in the CDK app is not analysed/.test(m)),
      notes.join('\n'),
    );
  });
});

describe('CDK asset paths', () => {
  it('a plain Code.fromAsset path is relative to the app root; one built from __dirname to the stack file', () => {
    const stack = `import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
export class S extends Stack {
  constructor(scope: any, id: string) {
    super(scope, id);
    new lambda.Function(this, 'Sync', { runtime: lambda.Runtime.NODEJS_22_X, code: lambda.Code.fromAsset('resources/lambdas/sync'), handler: 'index.handler' });
    new lambda.Function(this, 'Get', { runtime: lambda.Runtime.NODEJS_22_X, code: lambda.Code.fromAsset(path.join(__dirname, '../resources/lambdas/get')), handler: 'index.handler' });
  }
}
`;
    const fn = 'export const handler = async () => ({ statusCode: 200 });\n';
    const r = analyzeWorkspace([
      { file: 'cdk/lib/stack.ts', text: stack },
      { file: 'cdk/resources/lambdas/sync/index.ts', text: fn },
      { file: 'cdk/resources/lambdas/get/index.ts', text: fn },
      { file: 'cdk/resources/lambdas/other/index.ts', text: fn },
    ]);
    assert.equal(r.units.find((u) => u.name === 'Sync')!.codeFile, 'cdk/resources/lambdas/sync/index.ts');
    assert.equal(r.units.find((u) => u.name === 'Get')!.codeFile, 'cdk/resources/lambdas/get/index.ts');
  });
});

describe('a large C# or Java service joined to a workload', () => {
  const deployment = (name: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: acme/${name}:1\n          ports:\n            - containerPort: 8080\n`;
  it('keeps the program among the 400 files it reads, however many sort before it', () => {
    const files = [
      { file: 'k8s/catalog.yaml', text: deployment('catalog') },
      { file: 'src/catalog/Dockerfile', text: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out/ .\nENTRYPOINT ["dotnet", "Catalog.dll"]\n' },
      { file: 'src/catalog/Program.cs', text: 'var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n' },
      ...Array.from({ length: 410 }, (_, i) => ({
        file: `src/catalog/Api/A${String(i).padStart(3, '0')}.cs`,
        text: `namespace Catalog;\npublic class A${i} {}\n`,
      })),
    ];
    const r = analyzeWorkspace(files);
    const unit = r.units.find((u) => u.name === 'catalog')!;
    assert.equal(unit.codeFiles?.[0], 'src/catalog/Program.cs');
    assert.equal(unit.codeFiles?.length, 400);
    assert.ok(r.findings.some((f) => f.file === 'src/catalog/Program.cs' && f.ruleId === 'csharp/listening-server' && f.unitIds?.length));
  });
});
