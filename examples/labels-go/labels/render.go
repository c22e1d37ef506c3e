package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// labelsPrinted counts labels per carrier for the daily report.
var labelsPrinted = map[string]int{}

func render(s Shipment) (string, error) {
	path := filepath.Join(os.TempDir(), s.ID+".zpl")
	zpl := fmt.Sprintf("^XA^FO50,50^FD%s^FS^FO50,100^FD%s^FS^XZ", s.Carrier, strings.ToUpper(s.Address))
	if err := os.WriteFile(path, []byte(zpl), 0o600); err != nil {
		return "", err
	}
	labelsPrinted[s.Carrier]++
	return path, nil
}

func upload(ctx context.Context, bucket, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	key := filepath.Base(path)
	_, err = store.PutObject(ctx, &s3.PutObjectInput{Bucket: &bucket, Key: &key, Body: f})
	return err
}

func notifyCarrier(s Shipment, requestID string) {
	fmt.Printf("notify %s about %s (%s)\n", s.Carrier, s.ID, requestID)
}
