import { javaBackgroundWork } from '../../../src/core/rules/java/background-work';
import { langRuleTester } from '../../helpers/langRuleTester';

const HANDLER_HEAD = `package com.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.concurrent.*;
`;

langRuleTester(javaBackgroundWork, 'java', {
  valid: [
    {
      name: 'a thread and a scheduler started only off Lambda (a local run)',
      code: `${HANDLER_HEAD}
public class Handler implements RequestHandler<String, String> {
    public String handleRequest(String in, Context ctx) {
        if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") == null) {
            new Thread(() -> warm()).start();
            ScheduledExecutorService s = Executors.newScheduledThreadPool(1);
        }
        return in;
    }
}
`,
    },
    {
      name: 'fan-out joined before returning',
      code: `${HANDLER_HEAD}
public class Handler implements RequestHandler<String, String> {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    public String handleRequest(String in, Context ctx) {
        Future<String> a = pool.submit(() -> fetch("a"));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> audit(in));
        b.join();
        return a.get(2, TimeUnit.SECONDS);
    }
}
`,
    },
    {
      name: 'a synchronous ProcessBuilder on /tmp files, waited for',
      code: `${HANDLER_HEAD}
public class Handler implements RequestHandler<String, String> {
    public String handleRequest(String in, Context ctx) {
        Process p = new ProcessBuilder("ffmpeg", "-i", "/tmp/in.mp4", "/tmp/out.gif").start();
        p.waitFor();
        return "/tmp/out.gif";
    }
}
`,
    },
    {
      name: 'an async endpoint returns its future to the framework',
      code: `package com.example;

import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.GetMapping;

public class Api {
    @GetMapping("/report")
    public CompletableFuture<String> report() {
        return CompletableFuture.supplyAsync(() -> build());
    }
}
`,
    },
    {
      name: 'a map lookup is not a wait, but threads outside request methods are not reported either',
      code: `package com.example;

import java.util.Map;

public class Main {
    public static void main(String[] args) {
        new Thread(() -> consume()).start();
    }
    String name(Map<String, String> m) { return m.get("a"); }
}
`,
    },
    {
      name: 'a Swing timer is not java.util.Timer',
      code: `package com.example;

import javax.swing.Timer;

class Ui { void blink() { new Timer(500, e -> repaint()).start(); } }
`,
    },
  ],
  invalid: [
    {
      name: 'a thread and an executor task the handler does not wait for',
      code: `${HANDLER_HEAD}
public class Handler implements RequestHandler<String, String> {
    private static final ExecutorService POOL = Executors.newCachedThreadPool();
    public String handleRequest(String in, Context ctx) {
        new Thread(() -> sendMetrics(in)).start();
        POOL.submit(() -> audit(in));
        return "ok";
    }
}
`,
      errors: [
        { line: 10, column: 9, message: '`new Thread(...).start(...)` in `handleRequest` starts work the request does not wait for', severity: 'warning' },
        { line: 11, column: 9, message: '`POOL.submit(...)`' },
      ],
    },
    {
      name: 'CompletableFuture.runAsync in a Spring endpoint',
      code: `package com.example;

import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.PostMapping;

public class OrdersController {
    @PostMapping("/orders")
    public String create(Order o) {
        CompletableFuture.runAsync(() -> notify(o));
        return "created";
    }
}
`,
      errors: [{ line: 9, column: 9, message: '`CompletableFuture.runAsync(...)` in `create`' }],
    },
    {
      name: 'a scheduled executor, a java.util.Timer and Spring @Scheduled/@Async',
      code: `package com.example;

import java.util.Timer;
import java.util.concurrent.Executors;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.Scheduled;

public class Jobs {
    void start() {
        Executors.newScheduledThreadPool(1).scheduleAtFixedRate(this::flush, 0, 1, java.util.concurrent.TimeUnit.MINUTES);
        new Timer().schedule(task, 1000L);
    }
    @Scheduled(fixedRate = 60000)
    public void refresh() {}
    @Async
    public void sendEmail() {}
}
`,
      errors: [
        { line: 10, column: 9, message: '`Executors.newScheduledThreadPool(...)` runs tasks on a schedule' },
        { line: 11, column: 9, message: '`new Timer(...)`' },
        { line: 13, column: 5, message: '`@Scheduled` on `refresh`' },
        { line: 15, column: 5, message: '`@Async` on `sendEmail`' },
      ],
    },
    // One spelling each, so that every pre-filter literal of the rule is the only one some case has.
    {
      name: 'a Micronaut @Scheduled written fully qualified (a wildcard import of its package)',
      code: `package com.example;

import io.micronaut.scheduling.annotation.*;

public class Jobs {
    @io.micronaut.scheduling.annotation.Scheduled(fixedDelay = "1m")
    public void refresh() {}
}
`,
      errors: [{ line: 6, column: 5, message: '`@Scheduled` on `refresh`' }],
    },
    {
      name: 'Spring @Async alone',
      code: `package com.example;

import org.springframework.scheduling.annotation.Async;

public class Mailer {
    @Async
    public void send(String to) {}
}
`,
      errors: [{ line: 6, column: 5, message: '`@Async` on `send`' }],
    },
    {
      name: 'a java.util.Timer created, not yet given a task (wildcard import)',
      code: `package com.example;

import java.util.*;

public class Jobs {
    private final Timer timer = new Timer(true);
}
`,
      errors: [{ line: 6, column: 33, message: '`new Timer(...)` runs tasks on a schedule' }],
    },
    {
      name: 'Executors.newScheduledThreadPool alone',
      code: `${HANDLER_HEAD}
public class Jobs {
    private final Object pool = Executors.newScheduledThreadPool(2);
}
`,
      errors: [{ line: 8, column: 33, message: '`Executors.newScheduledThreadPool(...)` runs tasks on a schedule' }],
    },
    {
      name: 'newSingleThreadScheduledExecutor through a static import',
      code: `package com.example;

import static java.util.concurrent.Executors.newSingleThreadScheduledExecutor;

public class Jobs {
    private final Object pool = newSingleThreadScheduledExecutor();
}
`,
      errors: [{ line: 6, column: 33, message: '`newSingleThreadScheduledExecutor(...)` runs tasks on a schedule' }],
    },
    {
      name: 'a ScheduledThreadPoolExecutor constructed',
      code: `${HANDLER_HEAD}
public class Jobs {
    private final Object pool = new ScheduledThreadPoolExecutor(1);
}
`,
      errors: [{ line: 8, column: 33, message: '`new ScheduledThreadPoolExecutor(...)` runs tasks on a schedule' }],
    },
    {
      name: 'a Quartz scheduler factory, fully qualified',
      code: `package com.example;

public class Jobs {
    private final Object factory = new org.quartz.impl.StdSchedulerFactory();
}
`,
      errors: [{ line: 4, column: 36, message: '`new org.quartz.impl.StdSchedulerFactory(...)` runs tasks on a schedule' }],
    },
    {
      name: 'CompletableFuture.supplyAsync through a static import, in a handler',
      code: `${HANDLER_HEAD}
import static java.util.concurrent.CompletableFuture.supplyAsync;

public class Handler implements RequestHandler<String, String> {
    public String handleRequest(String in, Context ctx) {
        supplyAsync(() -> audit(in));
        return "ok";
    }
}
`,
      errors: [{ line: 11, column: 9, message: '`supplyAsync(...)` in `handleRequest`' }],
    },
    {
      name: 'a thread held in a variable and started',
      code: `${HANDLER_HEAD}
public class Handler implements RequestHandler<String, String> {
    public String handleRequest(String in, Context ctx) {
        Thread worker = new Thread(() -> send(in));
        worker.start();
        return "ok";
    }
}
`,
      errors: [{ line: 10, column: 9, message: '`worker.start(...)` in `handleRequest`' }],
    },
    {
      name: 'Runtime.exec not waited for',
      code: `${HANDLER_HEAD}
public class Handler implements RequestHandler<String, String> {
    public String handleRequest(String in, Context ctx) {
        Runtime.getRuntime().exec(new String[] {"convert", in});
        return "ok";
    }
}
`,
      errors: [{ line: 9, column: 9, message: '`Runtime.getRuntime(...).exec(...)` in `handleRequest`' }],
    },
    {
      name: 'an executor task submitted and not waited for',
      code: `${HANDLER_HEAD}
public class Handler implements RequestHandler<String, String> {
    private final ExecutorService pool = Executors.newCachedThreadPool();
    public String handleRequest(String in, Context ctx) {
        pool.submit(() -> audit(in));
        return "ok";
    }
}
`,
      errors: [{ line: 10, column: 9, message: '`pool.submit(...)` in `handleRequest`' }],
    },
    {
      name: 'Executor.execute on an injected executor',
      code: `${HANDLER_HEAD}
public class Handler implements RequestHandler<String, String> {
    private final Executor executor = ForkJoinPool.commonPool();
    public String handleRequest(String in, Context ctx) {
        executor.execute(() -> audit(in));
        return "ok";
    }
}
`,
      errors: [{ line: 10, column: 9, message: '`executor.execute(...)` in `handleRequest`' }],
    },
    {
      name: 'a task scheduled on a ScheduledExecutorService the handler was given',
      code: `${HANDLER_HEAD}
public class Handler implements RequestHandler<String, String> {
    private ScheduledExecutorService ses;
    public String handleRequest(String in, Context ctx) {
        ses.schedule(() -> audit(in), 5, TimeUnit.SECONDS);
        return "ok";
    }
}
`,
      errors: [{ line: 10, column: 9, message: '`ses.schedule(...)` in `handleRequest`' }],
    },
  ],
});
