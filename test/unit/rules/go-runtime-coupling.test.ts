import { goRuntimeCoupling } from '../../../src/core/rules/go/runtime-coupling';
import { langRuleTester } from '../../helpers/langRuleTester';

langRuleTester(goRuntimeCoupling, 'go', {
  valid: [
    {
      name: 'presence tests of Lambda variables read false in a Pod, which the code expects',
      code: `package main

import "os"

func onLambda() bool {
	_, ok := os.LookupEnv("AWS_LAMBDA_RUNTIME_API")
	return ok || os.Getenv("AWS_LAMBDA_FUNCTION_NAME") != ""
}
`,
    },
    {
      name: "the application's own variables and paths",
      code: `package main

import "os"

func config() string {
	p := "/opt-in/feature"
	return os.Getenv("TABLE_NAME") + p
}
`,
    },
    {
      name: 'the local branch of an on-Lambda check',
      code: `package main

import (
	"os"

	"github.com/aws/aws-lambda-go/lambda"
)

func main() {
	if os.Getenv("AWS_LAMBDA_FUNCTION_NAME") == "" {
		serveLocally(os.Getenv("AWS_LAMBDA_LOG_GROUP_NAME"))
		return
	}
}
`,
    },
  ],
  invalid: [
    {
      name: 'lambda.Start, the Lambda context and a Lambda-only variable',
      code: `package main

import (
	"context"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"
)

func handler(ctx context.Context) (string, error) {
	lc, _ := lambdacontext.FromContext(ctx)
	name := os.Getenv("AWS_LAMBDA_FUNCTION_NAME")
	return lc.AwsRequestID + name, nil
}

func main() {
	lambda.Start(handler)
}
`,
      errors: [
        { line: 12, column: 11, message: 'reads the Lambda context', severity: 'info' },
        { line: 13, column: 10, message: '`AWS_LAMBDA_FUNCTION_NAME` is set only by the Lambda runtime' },
        { line: 18, column: 2, message: "`lambda.Start(...)` serves Lambda's Runtime API only" },
      ],
    },
    {
      name: 'a layer path under /opt',
      code: `package main

import "os"

func load() ([]byte, error) {
	return os.ReadFile("/opt/config/settings.json")
}
`,
      errors: [{ line: 6, column: 21, message: '`/opt/config/settings.json` points into /opt' }],
    },
    {
      name: 'a renamed lambda import starting the handler',
      code: `package main

import runtime "github.com/aws/aws-lambda-go/lambda"

func main() {
	runtime.StartWithOptions(handle)
}
`,
      errors: [{ line: 6, column: 2, message: "`runtime.StartWithOptions(...)` serves Lambda's Runtime API only" }],
    },
    {
      name: 'the Lambda context through a renamed lambdacontext import',
      code: `package main

import (
	"context"

	lc "github.com/aws/aws-lambda-go/lambdacontext"
)

func requestID(ctx context.Context) string {
	c, _ := lc.FromContext(ctx)
	return c.AwsRequestID
}
`,
      errors: [{ line: 10, column: 10, message: '`lc.FromContext(...)` reads the Lambda context' }],
    },
    // One case per variable: each is the only literal of the pre-filter in its file.
    ...['AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR', 'AWS_EXECUTION_ENV', '_HANDLER', '_X_AMZN_TRACE_ID'].map((name) => ({
      name: `${name} read through a renamed os import`,
      code: `package main

import sys "os"

func setting() string {
	return sys.Getenv("${name}")
}
`,
      errors: [{ line: 6, column: 9, message: `\`${name}\` is set only by the Lambda runtime` }],
    })),
  ],
});
