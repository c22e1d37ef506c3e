import { goLongLivedConnection } from '../../../src/core/rules/go/long-lived-connection';
import { langRuleTester } from '../../helpers/langRuleTester';

langRuleTester(goLongLivedConnection, 'go', {
  valid: [
    {
      name: 'a health Watch stub that never streams',
      code: `package main

import (
	"google.golang.org/grpc/codes"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"
)

func (s *server) Watch(req *healthpb.HealthCheckRequest, ws healthpb.Health_WatchServer) error {
	return status.Errorf(codes.Unimplemented, "not implemented")
}
`,
    },
    {
      name: 'a kafka-go reader on one partition (no consumer group) and a producer',
      code: `package main

import "github.com/segmentio/kafka-go"

func read() {
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: []string{"b:9092"}, Topic: "t", Partition: 0})
	defer r.Close()
	w := &kafka.Writer{Addr: kafka.TCP("b:9092")}
	_ = w
}
`,
    },
    {
      name: 'an Upgrade method of something that is not a WebSocket upgrader',
      code: `package main

func migrate(db *DB) {
	db.Upgrade(3)
}
`,
    },
    {
      name: 'unary gRPC methods',
      code: `package main

import (
	"context"

	pb "example.com/shop/genproto"
)

func (s *server) GetProduct(ctx context.Context, req *pb.GetProductRequest) (*pb.Product, error) {
	return nil, nil
}
`,
    },
  ],
  invalid: [
    {
      name: 'a gorilla/websocket upgrader',
      code: `package main

import (
	"net/http"

	"github.com/gorilla/websocket"
)

var upgrader = websocket.Upgrader{ReadBufferSize: 1024}

func chat(w http.ResponseWriter, r *http.Request) {
	conn, _ := upgrader.Upgrade(w, r, nil)
	defer conn.Close()
}
`,
      errors: [{ line: 12, column: 13, message: '`upgrader.Upgrade(...)` upgrades the request to a WebSocket', severity: 'warning' }],
    },
    {
      name: 'a server-streaming gRPC method (generated and generic stream types)',
      code: `package main

import (
	"google.golang.org/grpc"

	pb "example.com/prices/genproto"
)

func (s *server) Subscribe(req *pb.SubscribeRequest, stream pb.Prices_SubscribeServer) error {
	for p := range s.updates {
		stream.Send(p)
	}
	return nil
}

func (s *server) Chat(stream grpc.BidiStreamingServer[pb.Msg, pb.Msg]) error {
	m, _ := stream.Recv()
	return stream.Send(m)
}
`,
      errors: [
        { line: 9, column: 54, message: '`Subscribe` is a gRPC server-streaming' },
        { line: 16, column: 23, message: '`Chat`' },
      ],
    },
    {
      name: 'Kafka consumer groups (sarama, kafka-go with a GroupID)',
      code: `package main

import (
	"github.com/IBM/sarama"
	"github.com/segmentio/kafka-go"
)

func main() {
	group, _ := sarama.NewConsumerGroup([]string{"b:9092"}, "billing", cfg)
	defer group.Close()
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: brokers, GroupID: "billing", Topic: "orders"})
	defer r.Close()
}
`,
      errors: [
        { line: 9, column: 14, message: '(sarama consumer group) joins a consumer group' },
        { line: 11, column: 7, message: 'kafka-go reader with a GroupID' },
      ],
    },
    {
      name: 'a NATS subscription',
      code: `package main

import "github.com/nats-io/nats.go"

func main() {
	nc, _ := nats.Connect(nats.DefaultURL)
	nc.Subscribe("orders.*", onOrder)
}
`,
      errors: [{ line: 7, column: 2, message: 'keeps a subscription open' }],
    },
    {
      name: 'a WebSocket accepted with a renamed coder/websocket import',
      code: `package main

import (
	"net/http"

	ws "github.com/coder/websocket"
)

func chat(w http.ResponseWriter, r *http.Request) {
	c, _ := ws.Accept(w, r, nil)
	defer c.CloseNow()
}
`,
      errors: [{ line: 10, column: 10, message: '`ws.Accept(...)` upgrades the request to a WebSocket' }],
    },
    {
      name: 'a kafka-go reader with a GroupID alone',
      code: `package main

import kafka "github.com/segmentio/kafka-go"

func main() {
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: brokers, GroupID: "billing", Topic: "orders"})
	defer r.Close()
}
`,
      errors: [{ line: 6, column: 7, message: 'kafka-go reader with a GroupID' }],
    },
    {
      name: 'a confluent-kafka-go consumer',
      code: `package main

import "github.com/confluentinc/confluent-kafka-go/v2/kafka"

func main() {
	c, _ := kafka.NewConsumer(&kafka.ConfigMap{"bootstrap.servers": "b:9092", "group.id": "billing"})
	defer c.Close()
}
`,
      errors: [{ line: 6, column: 10, message: '(confluent-kafka-go consumer) joins a consumer group' }],
    },
    {
      name: 'a franz-go client',
      code: `package main

import "github.com/twmb/franz-go/pkg/kgo"

func main() {
	cl, _ := kgo.NewClient(kgo.SeedBrokers("b:9092"), kgo.ConsumerGroup("billing"))
	defer cl.Close()
}
`,
      errors: [{ line: 6, column: 11, message: '(franz-go client) joins a consumer group' }],
    },
    {
      name: 'a generated server stream alone',
      code: `package main

import pb "example.com/feed/genproto"

func (s *server) Watch(req *pb.WatchRequest, stream pb.Feed_WatchServer) error {
	return stream.Send(&pb.Event{})
}
`,
      errors: [{ line: 5, column: 46, message: '`Watch` is a gRPC server-streaming' }],
    },
    {
      name: 'a generic server stream alone',
      code: `package main

import (
	"google.golang.org/grpc"

	pb "example.com/logs/genproto"
)

func (s *server) Tail(req *pb.TailRequest, out grpc.ServerStreamingServer[pb.Line]) error {
	return out.Send(&pb.Line{})
}
`,
      errors: [{ line: 9, column: 44, message: '`Tail` is a gRPC server-streaming' }],
    },
  ],
});
