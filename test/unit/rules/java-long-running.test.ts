import { javaLongRunning } from '../../../src/core/rules/java/long-running';
import { langRuleTester } from '../../helpers/langRuleTester';

/** A loop with `head` in a method that names nothing else the rule's pre-filter looks for: it is on line 6. */
const loopCase = (field: string, head: string) => ({
  name: `${head}, alone`,
  code: `package com.example;

class Loop {
    ${field}
    void spin() {
        ${head} {
            work();
        }
    }
}
`,
  errors: [{ line: 6, column: 9, message: `\`${head.replace(/\s+/g, ' ')}\` in \`spin\` loops until the process stops` }],
});

langRuleTester(javaLongRunning, 'java', {
  valid: [
    {
      name: 'a fabric8 client that lists pods and a Watch of our own, an Operator class of another library',
      code: `package app;

import io.fabric8.kubernetes.client.KubernetesClient;
import com.acme.ops.Operator;

public class Lister {
  int count(KubernetesClient client) { return client.pods().inNamespace("default").list().getItems().size(); }
  void stopwatch(Clock clock) { clock.watch("lap"); }
  Operator op() { return new Operator("night shift"); }
}
`,
    },
    {
      name: 'a retry loop that returns, and a drain loop that breaks',
      code: `package com.example;

class Retry {
    String fetch() {
        while (true) {
            try { return call(); } catch (Exception e) { backoff(); }
        }
    }
    void drain(java.util.Queue<String> q) {
        for (;;) {
            String m = q.poll();
            if (m == null) break;
            handle(m);
        }
    }
}
`,
    },
    {
      name: 'a loop bounded by the remaining invocation time',
      code: `package com.example;

import com.amazonaws.services.lambda.runtime.Context;

class Poller {
    void poll(Context context) {
        while (true) {
            if (context.getRemainingTimeInMillis() < 5000) return;
            work();
        }
    }
}
`,
    },
    {
      name: 'an accept loop (the server is java/listening-server) and a bounded deadline throw',
      code: `package com.example;

import java.net.ServerSocket;

class Srv {
    void serve(ServerSocket ss) throws Exception {
        while (true) { handle(ss.accept()); }
    }
    void waitFor(long deadline) {
        while (true) {
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException("timeout");
            if (ready()) break;
        }
    }
}
`,
    },
    {
      name: 'short sleeps are back-offs',
      code: `package com.example;

class B { void b() throws Exception { Thread.sleep(500); java.util.concurrent.TimeUnit.SECONDS.sleep(2); } }
`,
    },
  ],
  invalid: [
    {
      name: 'a Java Operator SDK operator',
      code: `package app;

import io.javaoperatorsdk.operator.Operator;

public class Runner {
  public static void main(String[] args) {
    Operator operator = new Operator();
    operator.register(new WebPageReconciler());
    operator.start();
  }
}
`,
      errors: [{ line: 7, message: '`new Operator(...)` makes this a Kubernetes operator (Java Operator SDK)', severity: 'error' }],
    },
    {
      name: 'a fabric8 informer, and a watch handed a Watcher',
      code: `package app;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;

public class Sync {
  void run(KubernetesClient client, Watcher<Pod> watcher) {
    client.pods().inNamespace("default").watch(watcher);
  }
}
`,
      errors: [{ line: 9, message: '`watch(...)` watches the Kubernetes API (a fabric8 informer or watch)', severity: 'error' }],
    },
    {
      name: 'a Kafka poll loop that runs until shutdown',
      code: `package com.example;

import org.apache.kafka.clients.consumer.KafkaConsumer;

class Worker {
    private volatile boolean running = true;
    void run(KafkaConsumer<String, String> consumer) {
        while (running) {
            var records = consumer.poll(java.time.Duration.ofMillis(500));
            records.forEach(this::handle);
        }
    }
}
`,
      errors: [{ line: 8, column: 9, message: '`while (running)` in `run` polls Kafka for as long as the process lives', severity: 'warning' }],
    },
    {
      name: 'break inside a switch does not leave the loop; a do-while on a stop flag',
      code: `package com.example;

class Loop {
    void spin() {
        for (;;) {
            switch (next()) {
                case 1: break;
                default: work();
            }
        }
    }
    void tick() {
        do { work(); } while (!Thread.currentThread().isInterrupted());
    }
}
`,
      errors: [
        { line: 5, column: 9, message: '`for (;;)` in `spin` loops until the process stops' },
        { line: 13, column: 9, message: '`do … while' },
      ],
    },
    {
      name: 'a five-minute sleep',
      code: `package com.example;

class Delay { void d() throws Exception { Thread.sleep(300_000L); } }
`,
      errors: [{ line: 3, column: 43, message: 'waits 300 s inside the invocation' }],
    },
    // One spelling each, so that every pre-filter literal of the rule is the only one some case has.
    {
      name: 'for loops with no condition, comments between their semicolons',
      code: `package com.example;

class Loop {
    void spin() {
        for (long n = 0; /* no end */ ; n++) {
            work(n);
        }
    }
    void turn() {
        for (; // no end
             ;) {
            work(0);
        }
    }
}
`,
      errors: [
        { line: 5, column: 9, message: '`for (;;)` in `spin` loops until the process stops' },
        { line: 10, column: 9, message: '`for (;;)` in `turn` loops until the process stops' },
      ],
    },
    loopCase('', 'while (true)'),
    ...['running', 'isRunning', 'keepRunning', 'shouldRun', 'alive'].map((flag) => loopCase(`private volatile boolean ${flag};`, `while (this.${flag})`)),
    loopCase('private final java.util.concurrent.atomic.AtomicBoolean active = new java.util.concurrent.atomic.AtomicBoolean();', 'while (active.get())'),
    ...['stopped', 'stopping', 'shutdown', 'closed', 'done', 'cancelled', 'terminated'].map((flag) =>
      loopCase(`private volatile boolean _${flag};`, `while (!_${flag})`),
    ),
    loopCase('', 'while (!Thread.currentThread().isInterrupted())'),
    loopCase('private java.util.concurrent.ExecutorService pool;', 'while (!pool.isShutdown())'),
  ],
});
