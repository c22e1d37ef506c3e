import { csEventSource } from '../../../src/core/rules/csharp/event-source';
import { langRuleTester } from '../../helpers/langRuleTester';

langRuleTester(csEventSource, 'csharp', {
  valid: [
    {
      name: 'a POJO input',
      code: `using Amazon.Lambda.Core;

public class Function { public string FunctionHandler(Order o, ILambdaContext c) => o.Id; }
`,
    },
    {
      name: 'an SQSEvent type of another library',
      code: `using Acme.Queues;

public class Q { public void On(SQSEvent e) { } }
`,
    },
  ],
  invalid: [
    {
      name: 'SQS with a partial batch response',
      code: `using Amazon.Lambda.Core;
using Amazon.Lambda.SQSEvents;

public class Function
{
    public async Task<SQSBatchResponse> FunctionHandler(SQSEvent evnt, ILambdaContext context) => new SQSBatchResponse();
}
`,
      errors: [
        { line: 6, column: 23, message: 'partial batch response', severity: 'warning' },
        { line: 6, column: 57, message: '`SQSEvent` is a batch that a Lambda trigger' },
      ],
    },
    {
      name: 'an API Gateway HTTP API request',
      code: `using Amazon.Lambda.APIGatewayEvents;

public class Api { public APIGatewayHttpApiV2ProxyResponse Get(APIGatewayHttpApiV2ProxyRequest request) => null; }
`,
      errors: [{ line: 3, column: 64, message: 'API Gateway/ALB event shape' }],
    },
  ],
});
