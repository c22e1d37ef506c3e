import { pyRuntimeCoupling } from '../../../src/core/rules/python/runtime-coupling';
import { pyRuleTester } from '../python/pyRuleTester';

pyRuleTester(pyRuntimeCoupling, {
  valid: [
    {
      name: 'handler that ignores the context',
      code: `import json
def handler(event, context):
    return {"statusCode": 200, "body": json.dumps(event)}
`,
    },
    {
      name: 'guard on the Lambda variable (reads false in a Pod)',
      code: `import os
IS_LAMBDA = bool(os.environ.get("AWS_LAMBDA_FUNCTION_NAME"))
if os.getenv("AWS_EXECUTION_ENV") is None:
    load_dotenv()
`,
    },
    {
      name: 'read with a default',
      code: `import os
NAME = os.environ.get("AWS_LAMBDA_FUNCTION_NAME", "local")
`,
    },
    {
      name: 'ordinary environment variables',
      code: `import os
TABLE = os.environ["TABLE_NAME"]
REGION = os.environ.get("AWS_REGION")
`,
    },
    {
      name: 'gRPC servicer context is not the Lambda context',
      code: `class Greeter:
    def SayHello(self, request, context):
        context.set_code(0)
        return context.function_name
`,
    },
    {
      name: 'paths that merely contain opt',
      code: `CONFIG = "/etc/options.yaml"
LOCAL = "./opt/data.json"
`,
    },
    {
      name: 'function_name on something that is not a context',
      code: `def describe(fn):
    return fn.function_name
`,
    },
    {
      name: 'Powertools Logger without handler decorators',
      code: `from aws_lambda_powertools import Logger
logger = Logger()
def handler(event, context):
    logger.info("hi")
`,
    },
    {
      name: 'context stub in a __main__ block',
      code: `if __name__ == "__main__":
    print(ctx.aws_request_id)
`,
    },
  ],
  invalid: [
    {
      name: 'remaining time',
      code: `def handler(event, context):
    while context.get_remaining_time_in_millis() > 5000:
        step()
`,
      errors: [{ line: 2, column: 11, message: 'how long the invocation has left', severity: 'warning' }],
    },
    {
      name: 'request id',
      code: `def lambda_handler(event, context):
    log(context.aws_request_id)
`,
      errors: [{ line: 2, message: '`context.aws_request_id`', severity: 'info' }],
    },
    {
      name: 'function name on a renamed context parameter',
      code: `def transcode(evt, ctx):
    return ctx.function_name
`,
      errors: [{ line: 2, message: 'ctx.function_name' }],
    },
    {
      name: 'memory limit on a helper receiving the context',
      code: `def budget(c):
    return int(c.memory_limit_in_mb) * 0.8
`,
      errors: [{ line: 2 }],
    },
    {
      name: 'Lambda-only environment variable',
      code: `import os
ROOT = os.environ["LAMBDA_TASK_ROOT"]
`,
      errors: [{ line: 2, message: '`LAMBDA_TASK_ROOT` is set only by the Lambda runtime' }],
    },
    {
      name: 'getenv of AWS_LAMBDA_FUNCTION_NAME used as a value',
      code: `import os
def handler(event, context):
    return {"fn": os.getenv("AWS_LAMBDA_FUNCTION_NAME")}
`,
      errors: [{ line: 3, message: 'AWS_LAMBDA_FUNCTION_NAME' }],
    },
    {
      name: 'layer path under /opt',
      code: `import sys
sys.path.append("/opt/python/lib")
`,
      errors: [{ line: 2, message: '/opt/python/lib' }],
    },
    {
      name: 'f-string into /opt',
      code: `def font(name):
    return f"/opt/fonts/{name}.ttf"
`,
      errors: [{ line: 2, message: '/opt/fonts/' }],
    },
    {
      name: 'Powertools decorators',
      code: `from aws_lambda_powertools import Logger, Tracer
logger = Logger()
tracer = Tracer()
@logger.inject_lambda_context(log_event=True)
@tracer.capture_lambda_handler
def handler(event, context):
    return {}
`,
      errors: [
        { line: 4, message: '`@logger.inject_lambda_context` expects a Lambda context object', severity: 'info' },
        { line: 5, message: '`@tracer.capture_lambda_handler` sends its segments to X-Ray', severity: 'info' },
      ],
    },
    {
      name: 'Powertools metrics and batch decorators: what each leans on',
      code: `from aws_lambda_powertools import Metrics
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, batch_processor
metrics = Metrics()
processor = BatchProcessor(event_type=EventType.SQS)
@metrics.log_metrics(capture_cold_start_metric=True)
@batch_processor(record_handler=print, processor=processor)
def handler(event, context):
    return processor.response()
`,
      errors: [
        { line: 5, message: 'EMF lines on stdout', severity: 'warning' },
        { line: 6, message: '`@batch_processor` answers with `batchItemFailures`', severity: 'info' },
      ],
    },
    {
      name: 'Powertools event_source decorator',
      code: `from aws_lambda_powertools.utilities.data_classes import event_source, SQSEvent
@event_source(data_class=SQSEvent)
def handler(event, context):
    pass
`,
      errors: [{ line: 2, message: '`@event_source` parses the Lambda event into a Powertools data class' }],
    },
  ],
});
