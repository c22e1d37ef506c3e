import { goLongRunning } from '../../../src/core/rules/go/long-running';
import { langRuleTester } from '../../helpers/langRuleTester';

langRuleTester(goLongRunning, 'go', {
  valid: [
    {
      name: 'a receive loop that also returns on a receive error, and a cancelled check whose else branch leaves',
      code: `package main

import "context"

func consume(ctx context.Context) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		msg, err := receiver.Receive(ctx, nil)
		if err != nil {
			return err
		}
		handle(msg)
	}
}

func wait(ctx context.Context) {
	for {
		if ctx.Err() != nil {
			log()
		} else {
			return
		}
	}
}
`,
    },
    {
      name: 'a CLI that lists pods once, and a controller-runtime client built in a test helper: no watch',
      code: `package main

import (
	"context"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

func list(cs *kubernetes.Clientset) error {
	_, err := cs.CoreV1().Pods("").List(context.TODO(), metav1.ListOptions{})
	store := cache.NewStore(cache.MetaNamespaceKeyFunc)
	_ = store
	return err
}

func newClient() (client.Client, error) { return client.New(cfg, client.Options{}) }

// NewManager of our own is not controller-runtime's.
func NewManager() *Manager { return &Manager{} }

func start() { _ = NewManager() }
`,
    },
    {
      name: 'a retry loop that returns on success, and a drain loop that breaks when empty',
      code: `package main

func fetch() error {
	for {
		if err := try(); err == nil {
			return nil
		}
	}
}

func drain(q *Queue) {
	for {
		m, ok := q.Pop()
		if !ok {
			break
		}
		handle(m)
	}
}
`,
    },
    {
      name: 'a labelled break out of a select inside the loop',
      code: `package main

func collect(ch <-chan int) {
loop:
	for {
		select {
		case v, ok := <-ch:
			if !ok {
				break loop
			}
			use(v)
		}
	}
}
`,
    },
    {
      name: 'in a Lambda handler, leaving on ctx.Done() ends at the invocation deadline',
      code: `package main

import (
	"context"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
)

func handler(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
			poll()
		}
	}
}

func main() { lambda.Start(handler) }
`,
    },
    {
      name: 'an accept loop is the server (go/listening-server), and a signal loop waits for an operator',
      code: `package main

import (
	"net"
	"os"
	"os/signal"
)

func main() {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs)
	go func() {
		for {
			s := <-sigs
			reload(s)
		}
	}()
	ln, _ := net.Listen("tcp", ":9000")
	for {
		c, _ := ln.Accept()
		go serve(c)
	}
}
`,
    },
    {
      name: 'select {} after starting a server keeps it alive',
      code: `package main

import "net/http"

func main() {
	go http.ListenAndServe(":8080", nil)
	select {}
}
`,
    },
    {
      name: 'short sleeps are back-offs; ranging over a slice is not a consumer',
      code: `package main

import "time"

func retry(items []string) {
	for _, it := range items {
		time.Sleep(500 * time.Millisecond)
		send(it)
	}
	time.Sleep(2 * time.Second)
}
`,
    },
    {
      name: 'a number with no unit is nanoseconds: time.Sleep(5000) waits 5 µs, 3 * 1000 waits 3 µs',
      code: `package main

import "time"

func poll() {
	time.Sleep(5000)
	time.Sleep(3 * 1000)
}
`,
    },
  ],
  invalid: [
    {
      name: 'a background consumer that reconnects forever: it returns only once its context is cancelled',
      code: `package main

import (
	"context"
	"time"
)

func main() {
	go runConsumer(context.Background())
	serve()
}

func runConsumer(ctx context.Context) {
	for {
		if err := consumeLoop(ctx); err != nil {
			if ctx.Err() != nil {
				return
			}
			time.Sleep(5 * time.Second)
		}
	}
}

func poll(ctx context.Context) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		fetch()
	}
}
`,
      errors: [
        { line: 14, column: 2, message: '`for {` in `runConsumer` loops until the process stops', severity: 'warning' },
        { line: 25, column: 2, message: '`for {` in `poll` loops until the process stops', severity: 'warning' },
      ],
    },
    {
      name: 'a controller-runtime manager and client-go informers',
      code: `package main

import (
	"time"

	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	ctrl "sigs.k8s.io/controller-runtime"
)

func main() {
	mgr, _ := ctrl.NewManager(ctrl.GetConfigOrDie(), ctrl.Options{})
	_ = mgr.Start(ctrl.SetupSignalHandler())
}

func watchPods(cs *kubernetes.Clientset, stop chan struct{}) {
	factory := informers.NewSharedInformerFactory(cs, 30*time.Second)
	factory.Start(stop)
}
`,
      errors: [{ line: 12, message: '`ctrl.NewManager(...)` makes this a Kubernetes controller (controller-runtime)', severity: 'error' }],
    },
    {
      name: 'client-go informers alone',
      code: `package main

import (
	"time"

	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
)

func watchPods(cs *kubernetes.Clientset, stop chan struct{}) {
	factory := informers.NewSharedInformerFactory(cs, 30*time.Second)
	factory.Start(stop)
}
`,
      errors: [{ line: 11, message: '`informers.NewSharedInformerFactory(...)` watches the Kubernetes API (a client-go informer)', severity: 'error' }],
    },
    {
      name: 'a poll loop that only stops on shutdown',
      code: `package main

import (
	"context"
	"time"
)

func worker(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		default:
			pollQueue()
		}
	}
}
`,
      errors: [{ line: 9, column: 2, message: '`for {` in `worker` loops until the process stops', severity: 'warning' }],
    },
    {
      name: 'break inside a switch leaves the switch, not the loop',
      code: `package main

func main() {
	for {
		switch next() {
		case "stop":
			break
		default:
			work()
		}
	}
}
`,
      errors: [{ line: 4, column: 2, message: '`for {` in `main`' }],
    },
    {
      name: 'ranging over a RabbitMQ delivery channel',
      code: `package main

import amqp "github.com/rabbitmq/amqp091-go"

func main() {
	conn, _ := amqp.Dial("amqp://guest:guest@mq:5672/")
	ch, _ := conn.Channel()
	msgs, _ := ch.Consume("orders", "", false, false, false, false, nil)
	for d := range msgs {
		handle(d)
	}
}
`,
      errors: [{ line: 9, column: 2, message: 'consumes RabbitMQ messages' }],
    },
    {
      name: 'select {} with nothing else to do',
      code: `package main

func main() {
	go tick()
	select {}
}
`,
      errors: [{ line: 5, column: 2, message: '`select {}` blocks forever' }],
    },
    {
      name: 'a 5-minute sleep in the handler',
      code: `package main

import "time"

func handler() {
	time.Sleep(5 * time.Minute)
}
`,
      errors: [{ line: 6, column: 2, message: 'waits 300 s inside the invocation' }],
    },
    {
      name: 'a minute written in nanoseconds',
      code: `package main

import "time"

func handler() {
	time.Sleep(60_000_000_000)
}
`,
      errors: [{ line: 6, column: 2, message: 'waits 60 s inside the invocation' }],
    },
    {
      name: "a block comment between a forever loop's keyword and its block",
      code: `package main

func poll() {
	for /* ever */ {
		step()
	}
}
`,
      errors: [{ line: 4, column: 2, message: '`for {` in `poll` loops until the process stops' }],
    },
    {
      name: "a line comment between a blocking select's keyword and its block",
      code: `package main

func main() {
	select // park here
	{}
}
`,
      errors: [{ line: 4, column: 2, message: '`select {}` blocks forever' }],
    },
    {
      name: 'a controller-runtime manager alone, from its manager package',
      code: `package main

import "sigs.k8s.io/controller-runtime/pkg/manager"

func run(cfg *rest.Config) error {
	mgr, err := manager.New(cfg, manager.Options{})
	if err != nil {
		return err
	}
	return mgr.Start(signals())
}
`,
      errors: [{ line: 6, column: 14, message: '`manager.New(...)` makes this a Kubernetes controller (controller-runtime)', severity: 'error' }],
    },
  ],
});
