import type { ScheduledEvent, Context } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { purgeExpired } from '../lib/orders';

const db = new DynamoDBClient({});

export const handler = async (_event: ScheduledEvent, context: Context) => {
  let purged = 0;
  // Stop early rather than be killed by the timeout.
  while (context.getRemainingTimeInMillis() > 10_000) {
    const n = await purgeExpired(db, 100);
    purged += n;
    if (n === 0) break;
  }
  console.log(JSON.stringify({ purged, requestId: context.awsRequestId }));
};
