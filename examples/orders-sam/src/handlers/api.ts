import express from 'express';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { listOrders, getOrder } from '../lib/orders';

// The team's first port of the API: the Express app that used to run in a container.
const db = new DynamoDBClient({});
const app = express();
app.use(express.json());

app.get('/orders', async (_req, res) => {
  res.json(await listOrders(db));
});

app.get('/orders/:id', async (req, res) => {
  const order = await getOrder(db, req.params.id);
  if (!order) return res.status(404).end();
  res.json(order);
});

const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => console.log(`orders api on ${port}`));

export const handler = app;
