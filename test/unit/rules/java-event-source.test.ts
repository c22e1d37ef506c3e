import { javaEventSource } from '../../../src/core/rules/java/event-source';
import { langRuleTester } from '../../helpers/langRuleTester';

langRuleTester(javaEventSource, 'java', {
  valid: [
    {
      name: 'a LexEvent of our own package',
      code: `package com.example;

import com.acme.chat.LexEvent;

public class Bot { public String on(LexEvent e) { return e.text(); } }
`,
    },
    {
      name: 'a POJO input',
      code: `package com.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

public class Handler implements RequestHandler<Order, String> {
    public String handleRequest(Order o, Context c) { return o.id(); }
}
`,
    },
    {
      name: 'an SQSEvent class of another library',
      code: `package com.example;

import com.acme.events.SQSEvent;

class Q { void on(SQSEvent e) {} }
`,
    },
  ],
  invalid: [
    {
      name: 'an API Gateway handler that reads the caller identity its authorizer verified',
      code: `package com.example;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;

public class Handler {
    public Object handle(APIGatewayProxyRequestEvent event) {
        return event.getRequestContext().getAuthorizer().get("claims");
    }
}
`,
      errors: [{ line: 6, column: 26, message: '`APIGatewayProxyRequestEvent` is the API Gateway request, and this code reads the caller identity in it' }],
    },
    {
      name: 'a Firehose transformation and a Cognito trigger: only Lambda receives them',
      code: `package com.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.KinesisFirehoseEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreSignUpEvent;

public class Handler {
    public Object transform(KinesisFirehoseEvent event, Context context) { return null; }
    public CognitoUserPoolPreSignUpEvent signUp(CognitoUserPoolPreSignUpEvent event) { return event; }
}
`,
      errors: [
        { line: 8, column: 29, message: '`KinesisFirehoseEvent` is an event of Firehose data transformation', severity: 'error' },
        { line: 9, column: 12, message: '`CognitoUserPoolPreSignUpEvent` is an event of Cognito triggers', severity: 'error' },
      ],
    },
    {
      name: 'SQS with a partial batch response (wildcard import)',
      code: `package com.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.*;

public class Handler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) { return null; }
}
`,
      errors: [
        { line: 7, column: 48, message: '`SQSEvent` is a batch that a Lambda trigger', severity: 'warning' },
        { line: 7, column: 58, message: 'partial batch response' },
      ],
    },
    {
      name: 'API Gateway proxy request',
      code: `package com.example;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;

class Api { Object h(APIGatewayProxyRequestEvent r) { return r.getBody(); } }
`,
      errors: [{ line: 5, column: 22, message: 'API Gateway/ALB event shape' }],
    },
    {
      name: 'a WebSocket route handler',
      code: `package com.example;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;

class Ws { Object h(APIGatewayV2WebSocketEvent e) { return e.getRequestContext().getConnectionId(); } }
`,
      errors: [{ line: 5, column: 21, message: '`APIGatewayV2WebSocketEvent` is an API Gateway WebSocket event' }],
    },
    // The events package is named however the type is reached (the pre-filter's second literal).
    {
      name: 'a fully qualified event type, with no import',
      code: `package com.example;

class Job { void on(com.amazonaws.services.lambda.runtime.events.ScheduledEvent e) {} }
`,
      errors: [{ line: 3, column: 21, message: '`ScheduledEvent` is an EventBridge event' }],
    },
    {
      name: 'an import written with spaces around its dots',
      code: `package com.example;

import com.amazonaws.services.lambda.runtime . events
    .KinesisEvent;

class Stream { void on(KinesisEvent e) {} }
`,
      errors: [{ line: 6, column: 24, message: '`KinesisEvent` is a batch that a Lambda trigger' }],
    },
  ],
});
