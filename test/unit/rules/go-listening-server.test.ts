import { goListeningServer } from '../../../src/core/rules/go/listening-server';
import { langRuleTester } from '../../helpers/langRuleTester';

langRuleTester(goListeningServer, 'go', {
  valid: [
    {
      name: 'router handed to lambda.Start through aws-lambda-go-api-proxy',
      code: `package main

import (
	"net/http"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/awslabs/aws-lambda-go-api-proxy/httpadapter"
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/", hello)
	lambda.Start(httpadapter.New(mux).ProxyWithContext)
	http.ListenAndServe(":8080", mux)
}
`,
    },
    {
      name: 'Gin behind the gin adapter',
      code: `package main

import (
	"github.com/gin-gonic/gin"
	ginadapter "github.com/awslabs/aws-lambda-go-api-proxy/gin"
)

func main() {
	r := gin.Default()
	_ = ginadapter.New(r)
	r.Run()
}
`,
    },
    {
      name: 'local server only when not on Lambda, Lambda entry otherwise',
      code: `package main

import (
	"net/http"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
)

func main() {
	if os.Getenv("AWS_LAMBDA_FUNCTION_NAME") == "" {
		http.ListenAndServe(":8080", nil)
	} else {
		lambda.Start(handler)
	}
}
`,
    },
    {
      name: 'on-Lambda flag from LookupEnv, server in the else branch',
      code: `package main

import (
	"net/http"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
)

func main() {
	_, onLambda := os.LookupEnv("AWS_LAMBDA_RUNTIME_API")
	if onLambda {
		lambda.Start(handler)
	} else {
		srv := &http.Server{Addr: ":8080"}
		srv.ListenAndServe()
	}
}
`,
    },
    {
      name: 'Lambda Web Adapter settings (AWS_LWA_ variables)',
      code: `package main

import (
	"net/http"
	"os"
)

func main() {
	port := os.Getenv("AWS_LWA_PORT")
	http.ListenAndServe(":"+port, nil)
}
`,
    },
    {
      name: 'a helper bound to localhost (a metrics or IPC endpoint for this process only)',
      code: `package main

import "net/http"

func startDebug() {
	go http.ListenAndServe("localhost:6060", nil)
}
`,
    },
    {
      name: 'an http.Client and a gRPC client are not servers',
      code: `package main

import (
	"net/http"

	"google.golang.org/grpc"
)

func call() {
	c := &http.Client{}
	c.Do(nil)
	conn, _ := grpc.NewClient("orders:50051")
	defer conn.Close()
}
`,
    },
    {
      name: 'Run on a negroni handler chain that is handed to lambda.Start is not called; a runner of another package',
      code: `package main

import (
	"github.com/acme/jobs"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/awslabs/aws-lambda-go-api-proxy/httpadapter"
	"github.com/urfave/negroni"
)

func main() {
	n := negroni.New()
	r := jobs.NewRunner()
	r.Run()
	lambda.Start(httpadapter.New(n).ProxyWithContext)
}
`,
    },
    {
      name: 'a method called Serve on something else',
      code: `package main

type queue struct{}

func (q *queue) Serve(n int) {}

func main() {
	q := &queue{}
	q.Serve(1)
}
`,
    },
    {
      name: 'test files are never deployed',
      file: 'server_test.go',
      code: `package main

import "net/http"

func TestServe(t *testing.T) {
	http.ListenAndServe(":0", nil)
}
`,
    },
  ],
  invalid: [
    {
      name: 'http.ListenAndServe',
      code: `package main

import "net/http"

func main() {
	http.HandleFunc("/", hello)
	http.ListenAndServe(":8080", nil)
}
`,
      errors: [{ line: 7, column: 2, message: '`http.ListenAndServe(...)` starts an HTTP server on a port', severity: 'warning' }],
    },
    {
      name: 'an http.Server started in a goroutine',
      code: `package main

import (
	"log"
	"net/http"
)

func main() {
	srv := &http.Server{Addr: ":8080", Handler: router()}
	go func() {
		log.Fatal(srv.ListenAndServeTLS("cert.pem", "key.pem"))
	}()
}
`,
      errors: [{ line: 11, column: 13, message: '`srv.ListenAndServeTLS(...)`' }],
    },
    {
      name: 'gRPC server on a listener: one finding, at Serve',
      code: `package main

import (
	"net"

	"google.golang.org/grpc"
)

func main() {
	lis, _ := net.Listen("tcp", ":50051")
	var srv *grpc.Server
	srv = grpc.NewServer()
	pb.RegisterOrdersServer(srv, &server{})
	srv.Serve(lis)
}
`,
      errors: [{ line: 14, column: 2, message: '(gRPC server) serves gRPC on a port', severity: 'error' }],
    },
    {
      name: 'a bare TCP listener',
      code: `package main

import "net"

func main() {
	ln, _ := net.Listen("tcp", ":9000")
	for {
		conn, _ := ln.Accept()
		go handle(conn)
	}
}
`,
      errors: [{ line: 6, column: 11, message: '`net.Listen(...)` opens a listening socket', severity: 'error' }],
    },
    {
      name: 'Gin and Echo apps',
      code: `package main

import (
	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
)

func main() {
	r := gin.Default()
	go r.Run(":8080")
	e := echo.New()
	e.Logger.Fatal(e.Start(":1323"))
}
`,
      errors: [
        { line: 10, column: 5, message: '(Gin)' },
        { line: 12, column: 17, message: '(Echo)' },
      ],
    },
    {
      name: 'Negroni, Martini and Beego apps',
      code: `package main

import (
	"github.com/astaxie/beego"
	"github.com/codegangsta/negroni"
	"github.com/go-martini/martini"
)

func main() {
	n := negroni.Classic()
	go n.Run(":3000")
	m := martini.Classic()
	go m.RunOnAddr(":3001")
	beego.Run()
}
`,
      errors: [
        { line: 11, column: 5, message: '(Negroni)' },
        { line: 13, column: 5, message: '(Martini)' },
        { line: 14, column: 2, message: '`beego.Run(...)` starts an HTTP server on a port' },
      ],
    },
    {
      name: 'aliased import',
      code: `package main

import nethttp "net/http"

func main() {
	nethttp.ListenAndServe(":80", nil)
}
`,
      errors: [{ line: 6, column: 2 }],
    },
    {
      name: 'an Echo app of a renamed import, started with TLS',
      code: `package main

import web "github.com/labstack/echo/v4"

func main() {
	e := web.New()
	e.Logger.Fatal(e.StartTLS(":443", "cert.pem", "key.pem"))
}
`,
      errors: [{ line: 7, column: 17, message: '`e.StartTLS(...)` (Echo) starts an HTTP server on a port' }],
    },
    {
      name: 'a gRPC server on a socket handed down by the caller',
      code: `package main

import rpc "google.golang.org/grpc"

func serveOn(sock net.Conn) {
	s := rpc.NewServer()
	s.Serve(inherited())
}
`,
      errors: [{ line: 7, column: 2, message: '(gRPC server) serves gRPC on a port' }],
    },
  ],
});
