import { goBackgroundWork } from '../../../src/core/rules/go/background-work';
import { langRuleTester } from '../../helpers/langRuleTester';

langRuleTester(goBackgroundWork, 'go', {
  valid: [
    {
      name: 'fan-out in the handler, waited for with a WaitGroup',
      code: `package main

import (
	"context"
	"sync"

	"github.com/aws/aws-lambda-go/lambda"
)

func handler(ctx context.Context, ids []string) error {
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func(id string) {
			defer wg.Done()
			process(id)
		}(id)
	}
	wg.Wait()
	return nil
}

func main() { lambda.Start(handler) }
`,
    },
    {
      name: 'errgroup and a results channel drained before returning',
      code: `package main

import (
	"net/http"

	"golang.org/x/sync/errgroup"
)

func handle(w http.ResponseWriter, r *http.Request) {
	var g errgroup.Group
	g.Go(func() error { return nil })
	results := make(chan int)
	go produce(results)
	for v := range results {
		_ = v
	}
	_ = g.Wait()
}
`,
    },
    {
      name: 'goroutines in main start servers and workers: that is what main is for',
      code: `package main

import "net/http"

func main() {
	go consume()
	go http.ListenAndServe(":8080", nil)
	select {}
}
`,
    },
    {
      name: 'a ticker polled synchronously inside the request, stopped before returning',
      code: `package main

import (
	"context"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
)

func handler(ctx context.Context) error {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for i := 0; i < 5; i++ {
		<-t.C
		if done() {
			return nil
		}
	}
	return nil
}

func main() { lambda.Start(handler) }
`,
    },
    {
      name: 'an AfterFunc timeout guard in a request',
      code: `package main

import (
	"net/http"
	"time"
)

func handle(w http.ResponseWriter, r *http.Request) {
	t := time.AfterFunc(2*time.Second, cancel)
	defer t.Stop()
	work()
}
`,
    },
    {
      name: 'a method named Tick on something else',
      code: `package main

type clock struct{}

func (c clock) Tick() {}

func main() { clock{}.Tick() }
`,
    },
  ],
  invalid: [
    {
      name: 'a goroutine the Lambda handler never waits for',
      code: `package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
)

func handler(ctx context.Context, order Order) (string, error) {
	go sendReceipt(order)
	return "ok", nil
}

func main() { lambda.Start(handler) }
`,
      errors: [{ line: 10, column: 2, message: '`go sendReceipt(...)` in `handler` keeps running after the handler returns', severity: 'warning' }],
    },
    {
      name: 'fire-and-forget audit log in a net/http handler',
      code: `package main

import "net/http"

func createOrder(w http.ResponseWriter, r *http.Request) {
	go func() {
		audit(r.Context())
	}()
	w.WriteHeader(201)
}
`,
      errors: [{ line: 6, column: 2, message: '`go func() {...}()` in `createOrder`' }],
    },
    {
      name: 'a gRPC method that starts work and returns',
      code: `package main

import (
	"context"

	pb "example.com/orders/genproto"
)

func (s *server) PlaceOrder(ctx context.Context, req *pb.PlaceOrderRequest) (*pb.PlaceOrderResponse, error) {
	go s.notify(req.Email)
	return &pb.PlaceOrderResponse{}, nil
}
`,
      errors: [{ line: 10, column: 2, message: '`go s.notify(...)` in `PlaceOrder`' }],
    },
    {
      name: 'a ticker in main and a ticker in a goroutine started elsewhere',
      code: `package main

import "time"

func main() {
	go refresh()
	for range time.Tick(time.Minute) {
		flush()
	}
}

func refresh() {
	t := time.NewTicker(30 * time.Second)
	for range t.C {
		reload()
	}
}
`,
      errors: [
        { line: 7, column: 12, message: '`time.Tick(...)` fires periodically' },
        { line: 13, column: 7, message: '`time.NewTicker(...)`' },
      ],
    },
    {
      name: 'robfig/cron scheduler',
      code: `package main

import "github.com/robfig/cron/v3"

func main() {
	c := cron.New()
	c.AddFunc("@hourly", cleanup)
	c.Start()
}
`,
      errors: [{ line: 6, column: 7, message: 'in-process scheduler' }],
    },
    {
      name: 'a ticker of a renamed time import, in main',
      code: `package main

import clock "time"

func main() {
	t := clock.NewTicker(clock.Minute)
	for range t.C {
		flush()
	}
}
`,
      errors: [{ line: 6, column: 7, message: '`clock.NewTicker(...)` fires periodically' }],
    },
    {
      name: 'time.AfterFunc at package level',
      code: `package main

import "time"

var stop = time.AfterFunc(time.Hour, shutdown)
`,
      errors: [{ line: 5, column: 12, message: '`time.AfterFunc(...)` fires periodically' }],
    },
    {
      name: 'a goroutine started with no space after the keyword',
      code: `package main

import "net/http"

func handle(w http.ResponseWriter, r *http.Request) {
	go(notify)(r.Context())
}
`,
      errors: [{ line: 6, column: 2, message: '`go (notify)(...)` in `handle`' }],
    },
    {
      name: 'a goroutine with a comment after the keyword',
      code: `package main

import "net/http"

func handle(w http.ResponseWriter, r *http.Request) {
	go/* audit */ audit(r)
}
`,
      errors: [{ line: 6, column: 2, message: 'in `handle` keeps running after the handler returns' }],
    },
  ],
});
