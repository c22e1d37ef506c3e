import { javaRuntimeCoupling } from '../../../src/core/rules/java/runtime-coupling';
import { langRuleTester } from '../../helpers/langRuleTester';

langRuleTester(javaRuntimeCoupling, 'java', {
  valid: [
    {
      name: 'a Context and RequestHandler of other libraries',
      code: `package com.example;

import javax.naming.Context;
import com.acme.RequestHandler;

public class Api implements RequestHandler<String> {
    String lookup(Context context) throws Exception { return context.getNameInNamespace(); }
}
`,
    },
    {
      name: 'presence tests of Lambda variables, and the logger',
      code: `package com.example;

import com.amazonaws.services.lambda.runtime.Context;

class Env {
    boolean onLambda() { return System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null; }
    void log(Context context) { context.getLogger().log("hi"); }
}
`,
    },
    {
      name: "an /opt path in the branch that runs off Lambda (the image's own /opt, not a layer)",
      code: `package com.example;

class Config {
    String path() {
        if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") == null) {
            return "/opt/app/config.json";
        }
        return "config.json";
    }
}
`,
    },
  ],
  invalid: [
    // Each report alone in its file, so that the pre-filter's literal for it is what lets the rule run (the table
    // tester analyses every case with and without the pre-filter).
    {
      name: 'a Context accessor in a helper, with no handler class in the file',
      code: `package com.example;

import com.amazonaws.services.lambda.runtime.Context;

final class Tags {
    static String of(Context ctx) { return ctx.getInvokedFunctionArn(); }
}
`,
      errors: [{ line: 6, message: '`ctx.getInvokedFunctionArn()` reads the Lambda Context' }],
    },
    {
      name: 'only a Lambda-only variable, read through a static import of getenv',
      code: `package com.example;

import static java.lang.System.getenv;

final class Runtime {
    static String name() { return getenv("AWS_EXECUTION_ENV"); }
}
`,
      errors: [{ line: 6, message: '`AWS_EXECUTION_ENV` is set only by the Lambda runtime' }],
    },
    {
      name: 'only a layer path',
      code: `package com.example;

final class Paths {
    static final String CERTS = "/opt/certs";
}
`,
      errors: [{ line: 4, message: '`/opt/certs` points into /opt' }],
    },
    {
      name: 'only the remaining time',
      code: `package com.example;

import com.amazonaws.services.lambda.runtime.*;

final class Deadline {
    static boolean near(Context c) { return c.getRemainingTimeInMillis() < 1000; }
}
`,
      errors: [{ line: 6, message: 'asks Lambda how long', severity: 'warning' }],
    },
    {
      name: 'a RequestHandler reading the remaining time, the request id and LAMBDA_TASK_ROOT',
      code: `package com.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

public class Handler implements RequestHandler<String, String> {
    public String handleRequest(String in, Context context) {
        long left = context.getRemainingTimeInMillis();
        String id = context.getAwsRequestId();
        String root = System.getenv("LAMBDA_TASK_ROOT");
        return id + root + "/opt/lib/native.so";
    }
}
`,
      errors: [
        { line: 6, column: 33, message: '`RequestHandler<String, String>` is invoked by the Lambda Java runtime', severity: 'info' },
        { line: 8, column: 21, message: '`context.getRemainingTimeInMillis()` asks Lambda how long', severity: 'warning' },
        { line: 9, column: 21, message: '`context.getAwsRequestId()` reads the Lambda Context' },
        { line: 10, column: 23, message: '`LAMBDA_TASK_ROOT` is set only by the Lambda runtime' },
        { line: 11, column: 28, message: '`/opt/lib/native.so` points into /opt' },
      ],
    },
    {
      name: 'a stream handler that passes each event to a Spring Boot app through aws-serverless-java-container',
      code: `package com.example;

import com.amazonaws.serverless.proxy.model.AwsProxyRequest;
import com.amazonaws.serverless.proxy.spring.SpringBootLambdaContainerHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

public class StreamLambdaHandler implements RequestStreamHandler {
}
`,
      errors: [
        {
          line: 7,
          message:
            "`RequestStreamHandler` only passes each Lambda event to the Spring Boot app through aws-serverless-java-container, and in a Pod the Lambda runtime that calls it is not there. Run the app's own main, which starts its embedded server on a port, behind a Service",
        },
      ],
    },
    {
      name: "a Jersey app's handler (no main of its own: a servlet container serves it)",
      code: `package com.example;

import com.amazonaws.serverless.proxy.jersey.JerseyLambdaContainerHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

public class StreamLambdaHandler implements RequestStreamHandler {
}
`,
      errors: [
        {
          line: 6,
          message:
            'to the Jersey app through aws-serverless-java-container, and in a Pod the Lambda runtime that calls it is not there. Serve the app from a web server of its own',
        },
      ],
    },
    {
      name: "the library's own Spring Boot handler class, in the library's Spring package",
      code: `package com.amazonaws.serverless.proxy.spring;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

public class SpringDelegatingLambdaContainerHandler implements RequestStreamHandler {
}
`,
      errors: [{ line: 5, message: 'only passes each Lambda event to the Spring Boot app' }],
    },
  ],
});
