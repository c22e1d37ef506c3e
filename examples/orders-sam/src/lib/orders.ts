import { DynamoDBClient, ScanCommand, GetItemCommand, DeleteItemCommand } from '@aws-sdk/client-dynamodb';

const TABLE = process.env.TABLE_NAME ?? 'orders';

export async function listOrders(db: DynamoDBClient) {
  const out = await db.send(new ScanCommand({ TableName: TABLE, Limit: 50 }));
  return out.Items ?? [];
}

export async function getOrder(db: DynamoDBClient, id: string) {
  const out = await db.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: id } } }));
  return out.Item;
}

export async function purgeExpired(db: DynamoDBClient, limit: number): Promise<number> {
  const out = await db.send(new ScanCommand({ TableName: TABLE, Limit: limit, FilterExpression: 'expiresAt < :now', ExpressionAttributeValues: { ':now': { N: String(Date.now()) } } }));
  for (const item of out.Items ?? []) await db.send(new DeleteItemCommand({ TableName: TABLE, Key: { pk: item.pk } }));
  return out.Items?.length ?? 0;
}
