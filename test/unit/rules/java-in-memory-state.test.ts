import { javaInMemoryState } from '../../../src/core/rules/java/in-memory-state';
import { langRuleTester } from '../../helpers/langRuleTester';

const HEAD = `package com.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.AtomicLong;
`;

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
  ],
});
