import { javaInMemoryState } from '../../../src/core/rules/java/in-memory-state';
import { langRuleTester } from '../../helpers/langRuleTester';

const HEAD = `package com.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.AtomicLong;
`;

/**
 * A static field of an ordinary class, of type `type` and set by `init`, that `save` writes with `write`: the field is on
 * line 6. The text names nothing else the rule's pre-filter looks for.
 */
const staticField = (type: string, init: string, write: string, kind: 'collection' | 'counter', imports = 'import java.util.*;') => ({
  name: `a static ${type} set by ${init || 'default'}`,
  code: `package com.example;

${imports}

class Registry {
    static ${type} items${init ? ` = ${init}` : ''};
    void save(String item) { ${write}; }
}
`,
  errors: [{ line: 6, column: 5, message: `\`items\` is a static ${kind}` }],
});

/** An instance field of a class annotated `@annotation` (a framework singleton) that a method writes. */
const singletonField = (annotation: string) => ({
  name: `instance state of an @${annotation} class`,
  code: `package com.example;

import java.util.*;

@${annotation}
public class Store {
    private final List<String> items = new ArrayList<>();
    public void save(String item) { items.add(item); }
}
`,
  errors: [{ line: 7, column: 5, message: '`items` is a Store instance collection written by `save`' }],
});

langRuleTester(javaInMemoryState, 'java', {
  valid: [
    {
      name: 'a map written only inside an anonymous class (its own field) and inside a branch that runs off Lambda',
      code: `${HEAD}
public class Handler implements RequestHandler<String, String> {
    private static final Map<String, Integer> SEEN = new HashMap<>();
    public String handleRequest(String in, Context ctx) {
        Runnable r = new Runnable() {
            private final Map<String, Integer> SEEN = new HashMap<>();
            public void run() { SEEN.put(in, 1); }
        };
        r.run();
        if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") == null) {
            SEEN.put(in, 1);
        }
        return in;
    }
}
`,
    },
    {
      name: 'static final SDK clients and a registry filled in a static block',
      code: `${HEAD}
public class Handler implements RequestHandler<String, String> {
    private static final S3Client S3 = S3Client.create();
    private static final Map<String, String> TABLES = new HashMap<>();
    static { TABLES.put("orders", System.getenv("ORDERS_TABLE")); }
    public String handleRequest(String in, Context ctx) { return TABLES.get(in); }
}
`,
    },
    {
      name: 'a list reset at the start of every invocation',
      code: `${HEAD}
public class Handler implements RequestHandler<String, String> {
    List<String> messages = new ArrayList<>();
    public String handleRequest(String in, Context ctx) {
        this.messages = new ArrayList<>();
        messages.add(in);
        return String.join(",", messages);
    }
}
`,
    },
    {
      name: 'a cache, and a local variable shadowing the field',
      code: `${HEAD}
public class Handler implements RequestHandler<String, String> {
    private static final Map<String, String> secretCache = new ConcurrentHashMap<>();
    private static final List<String> seen = new ArrayList<>();
    public String handleRequest(String in, Context ctx) {
        secretCache.computeIfAbsent(in, k -> fetch(k));
        List<String> seen = new ArrayList<>();
        seen.add(in);
        return in;
    }
}
`,
    },
    {
      name: 'instance fields of an ordinary class are per object',
      code: `package com.example;

import java.util.*;

public class Basket {
    private final List<String> items = new ArrayList<>();
    private int count;
    void add(String i) { items.add(i); count++; }
}
`,
    },
  ],
  invalid: [
    {
      name: 'a static counter and a static map written by the handler',
      code: `${HEAD}
public class Handler implements RequestHandler<String, String> {
    private static int invocations = 0;
    private static final Map<String, Integer> perUser = new HashMap<>();
    public String handleRequest(String user, Context ctx) {
        invocations++;
        perUser.merge(user, 1, Integer::sum);
        return "ok";
    }
}
`,
      errors: [
        { line: 10, column: 5, message: '`invocations` is a static counter updated by `handleRequest`', severity: 'warning' },
        { line: 11, column: 5, message: '`perUser` is a static collection written by `handleRequest`' },
      ],
    },
    {
      name: 'instance state of a Spring singleton and an atomic counter',
      code: `package com.example;

import java.util.*;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Service;

@Service
public class SessionService {
    private final Map<String, String> sessions = new HashMap<>();
    private final AtomicLong requests = new AtomicLong();
    public void login(String user, String token) {
        sessions.put(user, token);
        requests.incrementAndGet();
    }
}
`,
      errors: [
        { line: 9, column: 5, message: '`sessions` is a SessionService instance collection written by `login`' },
        { line: 10, column: 5, message: '`requests` is a SessionService instance counter' },
      ],
    },
    // One spelling each, so that every pre-filter literal of the rule is the only one (of its list) some case has.
    {
      name: 'instance state of a RequestStreamHandler (nothing static)',
      code: `package com.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.*;
import java.util.*;

public class Handler implements RequestStreamHandler {
    private final Set<String> seen = new HashSet<>();
    public void handleRequest(InputStream in, OutputStream out, Context ctx) {
        seen.add(ctx.getAwsRequestId());
    }
}
`,
      errors: [{ line: 9, column: 5, message: '`seen` is a Handler instance collection written by `handleRequest`' }],
    },
    {
      name: 'instance state of a RequestHandler (nothing static)',
      code: `package com.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.*;

public class Handler implements RequestHandler<String, String> {
    private final List<String> seen = new ArrayList<>();
    public String handleRequest(String in, Context ctx) {
        seen.add(in);
        return in;
    }
}
`,
      errors: [{ line: 8, column: 5, message: '`seen` is a Handler instance collection written by `handleRequest`' }],
    },
    {
      name: 'a counter of a gRPC service (its …ImplBase supertype)',
      code: `package com.example;

import io.grpc.stub.StreamObserver;

public class GreeterImpl extends GreeterGrpc.GreeterImplBase {
    private int calls;
    public void sayHello(HelloRequest req, StreamObserver<HelloReply> out) {
        calls++;
    }
}
`,
      errors: [{ line: 6, column: 5, message: '`calls` is a GreeterImpl instance counter updated by `sayHello`' }],
    },
    ...['RestController', 'Controller', 'Service', 'Component', 'Repository', 'Singleton', 'ApplicationScoped'].map(singletonField),
    // Every collection, counter and number type the rule knows, each alone in its file.
    ...[
      'HashMap',
      'LinkedHashMap',
      'TreeMap',
      'ConcurrentHashMap',
      'ConcurrentSkipListMap',
      'WeakHashMap',
      'Hashtable',
      'ArrayList',
      'LinkedList',
      'CopyOnWriteArrayList',
      'Vector',
      'HashSet',
      'LinkedHashSet',
      'TreeSet',
      'ConcurrentSkipListSet',
      'CopyOnWriteArraySet',
      'ArrayDeque',
      'ConcurrentLinkedQueue',
      'ConcurrentLinkedDeque',
      'LinkedBlockingQueue',
      'ArrayBlockingQueue',
      'PriorityQueue',
    ].map((t) => staticField('Object', `new ${t}<>()`, 'items.clear()', 'collection', 'import java.util.concurrent.*;')),
    staticField('Set<String>', 'Collections.synchronizedSet(seed())', 'items.add(item)', 'collection'),
    // `newConcurrentMap()` is Guava's `Maps.newConcurrentMap` by its static import.
    staticField(
      'Map<String, String>',
      'newConcurrentMap()',
      'items.put(item, item)',
      'collection',
      'import static com.google.common.collect.Maps.newConcurrentMap;',
    ),
    staticField('List<String>', 'Lists.newArrayList()', 'items.add(item)', 'collection', 'import com.google.common.collect.Lists;'),
    staticField('Set<String>', 'Sets.newHashSet()', 'items.add(item)', 'collection', 'import com.google.common.collect.Sets;'),
    ...['AtomicInteger', 'AtomicLong', 'LongAdder', 'DoubleAdder'].map((t) =>
      staticField(
        t,
        `new ${t}()`,
        t.startsWith('Atomic') ? 'items.incrementAndGet()' : 'items.increment()',
        'counter',
        'import java.util.concurrent.atomic.*;',
      ),
    ),
    ...['int', 'long', 'short', 'double', 'float', 'Integer', 'Long', 'Double'].map((t) => staticField(t, '', 'items++', 'counter', '')),
  ],
});
