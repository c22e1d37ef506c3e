import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { analyzeFile } from '../../../src/core/analyze';
import { ensureParser } from '../../../src/core/parsers/load';
import { javaListeningServer } from '../../../src/core/rules/java/listening-server';
import { langRuleTester } from '../../helpers/langRuleTester';

/** `statement` in a method of a class importing `imports` (one line each): the statement is on line 6 + the imports. */
const serverCase = (name: string, imports: string[], statement: string, message: string) => ({
  name,
  code: `package com.example;

${imports.join('\n')}

public class Main {
    void serve(String[] args) throws Exception {
        ${statement}
    }
}
`,
  errors: [{ line: 6 + imports.length, column: 9, message }],
});

langRuleTester(javaListeningServer, 'java', {
  valid: [
    {
      name: 'Spring Boot served through aws-serverless-java-container',
      code: `package com.example;

import com.amazonaws.serverless.proxy.spring.SpringBootLambdaContainerHandler;
import org.springframework.boot.SpringApplication;

public class StreamLambdaHandler {
    public static void main(String[] args) {
        SpringApplication.run(Application.class, args);
    }
}
`,
    },
    {
      name: 'Spring Cloud Function AWS adapter',
      code: `package com.example;

import org.springframework.boot.SpringApplication;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

public class App {
    public static void main(String[] args) { SpringApplication.run(App.class, args); }
}
`,
    },
    {
      name: 'off Lambda only (System.getenv("AWS_LAMBDA_FUNCTION_NAME") == null)',
      code: `package com.example;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;

public class Main {
    public static void main(String[] args) throws Exception {
        if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") == null) {
            HttpServer.create(new InetSocketAddress(8080), 0).start();
        }
    }
}
`,
    },
    {
      name: 'Lambda Web Adapter settings',
      code: `package com.example;

import org.springframework.boot.SpringApplication;

public class App {
    static final String PORT = System.getenv().getOrDefault("AWS_LWA_PORT", "8080");
    public static void main(String[] args) { SpringApplication.run(App.class, args); }
}
`,
    },
    {
      name: 'a class called Server that is not Jetty, and a loopback-only socket',
      code: `package com.example;

import java.net.InetAddress;
import java.net.ServerSocket;

public class Tools {
    void run() throws Exception {
        Server s = new Server(8080);
        ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }
}
`,
    },
    {
      name: 'a gRPC channel (client) is not a server',
      code: `package com.example;

import io.grpc.ManagedChannelBuilder;

public class Client {
    void call() { ManagedChannelBuilder.forAddress("ads", 9555).usePlaintext().build(); }
}
`,
    },
    {
      name: 'test sources',
      file: 'src/test/java/com/example/AppTest.java',
      code: `package com.example;

import org.springframework.boot.SpringApplication;

class AppTest { void t() { SpringApplication.run(App.class); } }
`,
    },
    {
      name: 'a SpringApplication of another library, and a run() on something else',
      code: `package com.example;

import com.acme.SpringApplication;

public class Jobs {
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(Jobs.class);
        app.run(args);
        Runnable r = () -> {};
        r.run();
    }
}
`,
    },
  ],
  invalid: [
    {
      name: 'Spring Boot application main',
      code: `package com.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class OrdersApplication {
    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args);
    }
}
`,
      errors: [{ line: 9, column: 9, message: '`SpringApplication.run(...)` starts the Spring Boot application', severity: 'warning' }],
    },
    {
      name: 'Spring Boot built as an instance, configured, then run',
      code: `package com.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class OrdersApplication {
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(OrdersApplication.class);
        app.addListeners(new EnvironmentListener());
        app.run(args);
    }
}
`,
      errors: [{ line: 11, column: 9, message: '`app.run(...)` starts the Spring Boot application', severity: 'warning' }],
    },
    {
      name: 'gRPC ServerBuilder and an embedded Jetty server',
      code: `package com.example;

import io.grpc.ServerBuilder;
import org.eclipse.jetty.server.Server;

public class Main {
    public static void main(String[] args) throws Exception {
        ServerBuilder.forPort(9555).addService(new AdServiceImpl()).build().start();
        Server jetty = new Server(8080);
        jetty.start();
    }
}
`,
      errors: [
        { line: 8, column: 9, message: 'builds a gRPC server on a port', severity: 'error' },
        { line: 9, column: 24, message: 'embedded Jetty server', severity: 'warning' },
      ],
    },
    {
      name: 'a ServerSocket accept loop and Netty',
      code: `package com.example;

import io.netty.bootstrap.ServerBootstrap;
import java.net.*;

public class Echo {
    void serve() throws Exception {
        ServerSocket ss = new ServerSocket(7000);
        new ServerBootstrap().group(boss, workers).bind(8080).sync();
    }
}
`,
      errors: [
        { line: 8, column: 27, message: 'opens a listening socket', severity: 'error' },
        { line: 9, column: 9, message: '`new ServerBootstrap(...)` opens a listening socket', severity: 'error' },
      ],
    },
    {
      name: 'Micronaut and Vert.x',
      code: `package com.example;

import io.micronaut.runtime.Micronaut;
import io.vertx.core.Vertx;

public class Application {
    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
        Vertx.vertx().createHttpServer().requestHandler(r -> r.response().end("ok")).listen(8080);
    }
}
`,
      errors: [
        { line: 8, column: 9, message: 'Micronaut' },
        { line: 9, column: 9, message: 'Vert.x' },
      ],
    },
    // One spelling each, so that every pre-filter literal of the rule is the only one some case has.
    serverCase('Jetty alone', ['import org.eclipse.jetty.server.Server;'], 'new Server(8080).join();', 'embedded Jetty server'),
    serverCase('embedded Tomcat', ['import org.apache.catalina.startup.Tomcat;'], 'new Tomcat().getConnector();', 'embedded embedded Tomcat server'),
    serverCase(
      'Netty from a wildcard import',
      ['import io.netty.bootstrap.*;'],
      'new ServerBootstrap().bind(8080);',
      '`new ServerBootstrap(...)` opens a listening socket',
    ),
    serverCase(
      'a ServerSocket alone',
      ['import java.net.ServerSocket;'],
      'new ServerSocket(7000).accept();',
      '`new ServerSocket(...)` opens a listening socket',
    ),
    serverCase('NanoHTTPD', ['import fi.iki.elonen.NanoHTTPD;'], 'new NanoHTTPD(8080) {}.start();', 'embedded NanoHTTPD server'),
    serverCase('Micronaut alone', ['import io.micronaut.runtime.Micronaut;'], 'Micronaut.run(Main.class, args);', 'starts the Micronaut application'),
    serverCase(
      'Quarkus.run through a static import (the package imported with a wildcard)',
      ['import io.quarkus.runtime.*;', 'import static io.quarkus.runtime.Quarkus.run;'],
      'run(args);',
      '`run(...)` starts the Quarkus application',
    ),
    serverCase(
      'the JDK HttpServer',
      ['import com.sun.net.httpserver.HttpServer;', 'import java.net.InetSocketAddress;'],
      'HttpServer.create(new InetSocketAddress(8080), 0);',
      'embedded JDK HttpServer server',
    ),
    serverCase(
      'Undertow through a static import',
      ['import static io.undertow.Undertow.builder;'],
      'builder().addHttpListener(8080, "0.0.0.0").build();',
      'embedded Undertow server',
    ),
    serverCase('Javalin', ['import io.javalin.Javalin;'], 'Javalin.create().get("/", ctx -> ctx.result("ok"));', 'embedded Javalin server'),
    serverCase('a gRPC ServerBuilder alone', ['import io.grpc.ServerBuilder;'], 'ServerBuilder.forPort(9555).build();', 'builds a gRPC server on a port'),
    serverCase(
      'a gRPC NettyServerBuilder',
      ['import io.grpc.netty.NettyServerBuilder;'],
      'NettyServerBuilder.forAddress(address).build();',
      'builds a gRPC server',
    ),
    serverCase(
      'gRPC through Grpc.newServerBuilderForPort',
      ['import io.grpc.*;'],
      'Grpc.newServerBuilderForPort(9555, creds).build();',
      'builds a gRPC server',
    ),
    serverCase('an NIO server channel', ['import java.nio.channels.ServerSocketChannel;'], 'ServerSocketChannel.open();', 'opens a listening socket'),
    serverCase(
      'an asynchronous NIO server channel',
      ['import java.nio.channels.AsynchronousServerSocketChannel;'],
      'AsynchronousServerSocketChannel.open();',
      'opens a listening socket',
    ),
    serverCase(
      'a SpringApplicationBuilder run',
      ['import org.springframework.boot.builder.SpringApplicationBuilder;'],
      'new SpringApplicationBuilder(Main.class).web(type).run(args);',
      '`SpringApplicationBuilder.run(...)` starts the Spring Boot application',
    ),
    serverCase('Vert.x alone', ['import io.vertx.core.Vertx;'], 'Vertx.vertx().createHttpServer().listen(8080);', 'embedded Vert.x server'),
  ],
});

before(() => ensureParser('java'));

it('marks a server started in main as program-only (the Lambda runtime never calls main)', () => {
  const code = `package com.example;

import org.springframework.boot.SpringApplication;

public class App {
    public static void main(String[] args) { SpringApplication.run(App.class, args); }
    void start() { SpringApplication.run(App.class); }
}
`;
  const found = analyzeFile(code, 'src/main/java/com/example/App.java').findings.filter((f) => f.ruleId === 'java/listening-server');
  assert.deepEqual(
    found.map((f) => Boolean(f.programOnly)),
    [true, false],
  );
});
