import { goEventSource } from '../../../src/core/rules/go/event-source';
import { langRuleTester } from '../../helpers/langRuleTester';

langRuleTester(goEventSource, 'go', {
  valid: [
    {
      name: 'tricky: an Authorizer field of a struct of our own is no API Gateway identity read',
      code: `package main

type Ctx struct{ Authorizer string }
type Req struct{ RequestContext Ctx }

func who(r Req) string { return r.RequestContext.Authorizer }
`,
    },
    {
      name: 'a LexEvent type of our own package',
      code: `package main

type LexEvent struct{ Text string }

func hook(e LexEvent) string { return e.Text }
`,
    },
    {
      name: 'a handler on its own payload type',
      code: `package main

import "context"

type Order struct{ ID string }

func handler(ctx context.Context, o Order) error { return nil }
`,
    },
    {
      name: 'a type called SQSEvent from another package',
      code: `package main

import "example.com/queue/events"

func handle(e events.SQSEvent) {}
`,
    },
  ],
  invalid: [
    {
      name: 'an API Gateway handler that reads the caller identity its authorizer verified',
      code: `package main

import "github.com/aws/aws-lambda-go/events"

func handle(req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	sub := req.RequestContext.Authorizer["claims"]
	_ = sub
	return events.APIGatewayProxyResponse{}, nil
}
`,
      errors: [{ line: 5, column: 17, message: '`events.APIGatewayProxyRequest` is the API Gateway request, and this code reads the caller identity in it' }],
    },
    {
      name: 'a Gin router served through aws-lambda-go-api-proxy: the event is only handed to the router',
      code: `package main

import (
	"context"

	"github.com/aws/aws-lambda-go/events"
	ginadapter "github.com/awslabs/aws-lambda-go-api-proxy/gin"
)

var ginLambda *ginadapter.GinLambda

func Handler(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	return ginLambda.ProxyWithContext(ctx, req)
}
`,
      errors: [
        {
          line: 12,
          column: 39,
          message: '`events.APIGatewayProxyRequest` is the API Gateway/ALB event shape, which this code only hands to Gin through aws-lambda-go-api-proxy',
        },
      ],
    },
    {
      name: 'a Lex code hook and an S3 Object Lambda transformation: only Lambda receives them',
      code: `package main

import (
	"context"

	"github.com/aws/aws-lambda-go/events"
)

func hook(ctx context.Context, e events.LexEvent) (*events.LexEvent, error) { return &e, nil }

func olap(ctx context.Context, e *events.S3ObjectLambdaEvent) error { return nil }
`,
      errors: [
        { line: 9, column: 34, message: '`events.LexEvent` is an event of Amazon Lex code hooks', severity: 'error' },
        { line: 11, column: 35, message: '`events.S3ObjectLambdaEvent` is an event of S3 Object Lambda', severity: 'error' },
      ],
    },
    {
      name: 'SQS batch with a partial batch response',
      code: `package main

import (
	"context"

	"github.com/aws/aws-lambda-go/events"
)

func handler(ctx context.Context, e events.SQSEvent) (events.SQSEventResponse, error) {
	var failures []events.SQSBatchItemFailure
	return events.SQSEventResponse{BatchItemFailures: failures}, nil
}
`,
      errors: [
        { line: 9, column: 37, message: '`events.SQSEvent` is a batch that a Lambda trigger', severity: 'warning' },
        { line: 9, column: 55, message: 'partial batch response' },
      ],
    },
    {
      name: 'API Gateway request and an EventBridge schedule (aliased import)',
      code: `package main

import ev "github.com/aws/aws-lambda-go/events"

func api(r ev.APIGatewayProxyRequest) (ev.APIGatewayProxyResponse, error) { return ev.APIGatewayProxyResponse{}, nil }

func tick(e ev.CloudWatchEvent) {}
`,
      errors: [
        { line: 5, column: 12, message: 'API Gateway/ALB/function URL event shape' },
        { line: 7, column: 13, message: 'EventBridge event' },
      ],
    },
    {
      name: 'a WebSocket route handler',
      code: `package main

import "github.com/aws/aws-lambda-go/events"

func connect(r events.APIGatewayWebsocketProxyRequest) (events.APIGatewayProxyResponse, error) { return events.APIGatewayProxyResponse{}, nil }
`,
      errors: [{ line: 5, column: 16, message: '`events.APIGatewayWebsocketProxyRequest` is an API Gateway WebSocket event' }],
    },
  ],
});
