import { csEventSource } from '../../../src/core/rules/csharp/event-source';
import { langRuleTester } from '../../helpers/langRuleTester';

langRuleTester(csEventSource, 'csharp', {
  valid: [
    {
      name: 'a LexEvent and a ConfigEvent of our own namespaces',
      code: `using Acme.Chat;
using Acme.Audit;

public class Bot { public string On(LexEvent e) => e.Text; public void Audit(ConfigEvent c) { } }
`,
    },
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
      name: 'an API Gateway handler that reads the caller identity its authorizer verified',
      code: `using Amazon.Lambda.APIGatewayEvents;

public class Function
{
    public object Handle(APIGatewayProxyRequest request) => request.RequestContext.Authorizer["claims"];
}
`,
      errors: [{ line: 5, column: 26, message: '`APIGatewayProxyRequest` is the API Gateway request, and this code reads the caller identity in it' }],
    },
    {
      name: 'Lex, Firehose and Cognito events: only Lambda receives them',
      code: `using Amazon.Lambda.LexEvents;
using Amazon.Lambda.KinesisFirehoseEvents;
using Amazon.Lambda.CognitoEvents;

public class Function
{
    public LexResponse Book(LexEvent e) => null;
    public KinesisFirehoseResponse Transform(KinesisFirehoseEvent e) => null;
    public CognitoPreSignupEvent SignUp(CognitoPreSignupEvent e) => e;
}
`,
      errors: [
        { line: 7, column: 29, message: '`LexEvent` is an event of Amazon Lex code hooks, and only a Lambda function can receive it', severity: 'error' },
        { line: 8, column: 46, message: '`KinesisFirehoseEvent` is an event of Firehose data transformation', severity: 'error' },
        { line: 9, column: 12, message: '`CognitoPreSignupEvent` is an event of Cognito triggers', severity: 'error' },
      ],
    },
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
    {
      name: 'a WebSocket route handler: the REST request type with the connection id read',
      code: `using Amazon.Lambda.APIGatewayEvents;

public class Ws
{
    public APIGatewayProxyResponse Connect(APIGatewayProxyRequest request)
    {
        var id = request.RequestContext.ConnectionId;
        return null;
    }
}
`,
      errors: [{ line: 5, column: 44, message: '`APIGatewayProxyRequest` is an API Gateway WebSocket event' }],
    },
  ],
});
