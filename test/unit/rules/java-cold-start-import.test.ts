import { javaColdStartImport } from '../../../src/core/rules/java/cold-start-import';
import { langRuleTester } from '../../helpers/langRuleTester';

/** A handler class whose static field is set by `init` when the class loads: the start-up call is on line 7. */
const handlerInit = (init: string, framework: string) => ({
  name: `${init} in a handler's static field`,
  code: `package com.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

public class Handler implements RequestHandler<String, String> {
    private static final Object STARTED = ${init};
    public String handleRequest(String in, Context c) { return in; }
}
`,
  errors: [{ line: 7, column: 43, message: `starts ${framework} when the handler class loads` }],
});

langRuleTester(javaColdStartImport, 'java', {
  valid: [
    {
      name: 'SDK clients in static final fields (what AWS recommends)',
      code: `package com.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

public class Handler implements RequestHandler<String, String> {
    private static final DynamoDbClient DB = DynamoDbClient.create();
    public String handleRequest(String in, Context ctx) { return in; }
}
`,
    },
    {
      name: 'a Spring context built inside a request, not at class load',
      code: `package com.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

public class Handler implements RequestHandler<String, String> {
    public String handleRequest(String in, Context ctx) {
        var app = new AnnotationConfigApplicationContext(Config.class);
        return in;
    }
}
`,
    },
    {
      name: 'a handler primed for SnapStart with CRaC hooks',
      code: `package com.example;

import com.amazonaws.serverless.proxy.spring.SpringBootLambdaContainerHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import org.crac.Core;
import org.crac.Resource;

public class StreamLambdaHandler implements RequestStreamHandler, Resource {
    private static final SpringBootLambdaContainerHandler HANDLER = SpringBootLambdaContainerHandler.getAwsProxyHandler(Application.class);
    public StreamLambdaHandler() { Core.getGlobalContext().register(this); }
}
`,
    },
    {
      name: 'an annotation called SpringBootApplication from elsewhere',
      code: `package com.example;

import com.acme.SpringBootApplication;

@SpringBootApplication
public class NotSpring {}
`,
    },
  ],
  invalid: [
    {
      name: 'a Spring Boot application class',
      code: `package com.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class OrdersApplication {
    public static void main(String[] args) { SpringApplication.run(OrdersApplication.class, args); }
}
`,
      errors: [{ line: 6, column: 1, message: '`@SpringBootApplication` makes this a Spring Boot application', severity: 'warning' }],
    },
    {
      name: 'aws-serverless-java-container started in a static initialiser, Guice in a constructor',
      code: `package com.example;

import com.amazonaws.serverless.proxy.spring.SpringBootLambdaContainerHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.inject.Guice;

public class StreamLambdaHandler implements RequestStreamHandler {
    private static SpringBootLambdaContainerHandler handler;
    static {
        handler = SpringBootLambdaContainerHandler.getAwsProxyHandler(Application.class);
    }
    private final Object injector;
    public StreamLambdaHandler() { injector = Guice.createInjector(new AppModule()); }
    public void handleRequest(java.io.InputStream in, java.io.OutputStream out, Context c) {}
}
`,
      errors: [
        { line: 11, column: 19, message: 'starts Spring Boot (aws-serverless-java-container) when the handler class loads' },
        { line: 14, column: 47, message: 'starts Guice' },
      ],
    },
    {
      name: 'one finding for a start-up call whose arguments start another (Micronaut.run inside SpringApplication.run)',
      code: `package com.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

public class Handler implements RequestHandler<String, String> {
    private static final Object CTX = SpringApplication.run(App.class, Micronaut.run(Other.class));
    private static final Object DB = Persistence.createEntityManagerFactory("orders");
    public String handleRequest(String in, Context c) { return in; }
}
`,
      errors: [
        { line: 7, column: 39, message: 'starts Spring Boot when the handler class loads' },
        { line: 8, column: 38, message: 'starts JPA/Hibernate' },
      ],
    },
    // One spelling each, so that every pre-filter literal of the rule is the only one some case has.
    {
      name: 'a Spring Boot application annotation from a wildcard import, with no run call',
      code: `package com.example;

import org.springframework.boot.autoconfigure.*;

@SpringBootApplication
public class OrdersApplication {}
`,
      errors: [{ line: 5, column: 1, message: '`@SpringBootApplication` makes this a Spring Boot application' }],
    },
    {
      name: 'a Quarkus main class',
      code: `package com.example;

import io.quarkus.runtime.annotations.QuarkusMain;

@QuarkusMain
public class Main {}
`,
      errors: [{ line: 5, column: 1, message: '`@QuarkusMain` makes this a Quarkus application' }],
    },
    handlerInit('SpringApplication.run(App.class)', 'Spring Boot'),
    handlerInit('new SpringApplicationBuilder(App.class)', 'Spring Boot'),
    handlerInit('SpringBootLambdaContainerHandler.getHttpApiV2ProxyHandler(App.class)', 'Spring Boot (aws-serverless-java-container)'),
    handlerInit('new SpringBootProxyHandlerBuilder<>().springBootApplication(App.class).buildAndInitialize()', 'Spring Boot (aws-serverless-java-container)'),
    handlerInit('new AnnotationConfigApplicationContext(Config.class)', 'a Spring application context'),
    handlerInit('new ClassPathXmlApplicationContext("beans.xml")', 'a Spring application context'),
    handlerInit('ApplicationContext.run()', 'Micronaut'),
    handlerInit('Micronaut.run(App.class)', 'Micronaut'),
    handlerInit('Guice.createInjector(new AppModule())', 'Guice'),
    handlerInit('Persistence.createEntityManagerFactory("orders")', 'JPA/Hibernate'),
    handlerInit('new Configuration().configure().buildSessionFactory()', 'Hibernate'),
  ],
});
