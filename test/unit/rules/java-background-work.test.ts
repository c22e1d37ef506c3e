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
  ],
});
