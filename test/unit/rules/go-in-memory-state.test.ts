import { goInMemoryState } from '../../../src/core/rules/go/in-memory-state';
import { langRuleTester } from '../../helpers/langRuleTester';

langRuleTester(goInMemoryState, 'go', {
  valid: [
    {
      name: 'writes inside a once.Do nested in a branch, and in a branch that runs off Lambda',
      code: `package main

import (
	"context"
	"os"
	"sync"
)

var seen = map[string]int{}
var hits int
var once sync.Once

func handler(ctx context.Context, id string) error {
	if id != "" {
		once.Do(func() {
			seen["warm"] = 1
			hits++
		})
	}
	if os.Getenv("AWS_LAMBDA_FUNCTION_NAME") == "" {
		seen[id]++
		hits++
	}
	return nil
}
`,
    },
    {
      name: 'SDK client created once in init(), and a sync.Once client',
      code: `package main

import (
	"context"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

var db *dynamodb.Client
var clients = map[string]*dynamodb.Client{}
var once sync.Once
var tables map[string]string

func init() {
	db = dynamodb.New(dynamodb.Options{})
	clients["default"] = db
}

func handler(ctx context.Context) error {
	once.Do(func() {
		tables = map[string]string{}
		tables["orders"] = "orders-prod"
	})
	return nil
}
`,
    },
    {
      name: 'read-only lookup tables',
      code: `package main

var allowed = map[string]bool{"USD": true, "EUR": true}
var regions = []string{"us-east-1", "eu-west-1"}

func handler(c string) bool { return allowed[c] && len(regions) > 0 }
`,
    },
    {
      name: 'a local variable shadows the package-level one',
      code: `package main

var counts = map[string]int{}

func handler(words []string) map[string]int {
	counts := map[string]int{}
	for _, w := range words {
		counts[w]++
	}
	return counts
}
`,
    },
    {
      name: 'a cache written by the handler (an optimisation AWS recommends)',
      code: `package main

var secretCache = map[string]string{}

func handler(name string) string {
	if v, ok := secretCache[name]; ok {
		return v
	}
	secretCache[name] = fetch(name)
	return secretCache[name]
}
`,
    },
    {
      name: 'registration helpers fill registries at start-up',
      code: `package main

var routes = map[string]func(){}

func registerRoutes() {
	routes["/health"] = health
}
`,
    },
  ],
  invalid: [
    {
      name: 'a session map written by a handler',
      code: `package main

import "net/http"

var sessions = make(map[string]string)

func login(w http.ResponseWriter, r *http.Request) {
	sessions[r.FormValue("user")] = newToken()
}
`,
      errors: [{ line: 5, column: 5, message: 'Package-level map `sessions` is written by `login`', severity: 'warning' }],
    },
    {
      name: 'a request counter and an atomic counter',
      code: `package main

import (
	"sync/atomic"
)

var requests int
var served atomic.Int64

func handler() {
	requests++
	served.Add(1)
}
`,
      errors: [
        { line: 7, column: 5, message: '`requests` is a package-level counter updated by `handler`' },
        { line: 8, column: 5, message: '`served`' },
      ],
    },
    {
      name: 'appending to a package-level slice and deleting from a map under a mutex',
      code: `package main

import "sync"

var (
	mu      sync.Mutex
	pending []string
	seen    = map[string]bool{}
)

func enqueue(id string) {
	mu.Lock()
	defer mu.Unlock()
	pending = append(pending, id)
	delete(seen, id)
}
`,
      errors: [
        { line: 7, column: 2, message: 'slice `pending`' },
        { line: 8, column: 2, message: 'map `seen`' },
      ],
    },
    {
      name: 'a sync.Map of rate limits',
      code: `package main

import "sync"

var rateLimits sync.Map

func allow(ip string) bool {
	rateLimits.Store(ip, 1)
	return true
}
`,
      errors: [{ line: 5, column: 5, message: 'sync.Map `rateLimits`' }],
    },
    {
      name: 'a var declaration with no space before its parenthesis',
      code: `package main

var(sessions = map[string]string{})

func login(id string) {
	sessions[id] = "x"
}
`,
      errors: [{ line: 3, column: 5, message: 'Package-level map `sessions` is written by `login`' }],
    },
  ],
});
