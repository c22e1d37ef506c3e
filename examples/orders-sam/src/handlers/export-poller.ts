import type { SQSEvent } from 'aws-lambda';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { startExport, exportStatus } from '../lib/exports';

const s3 = new S3Client({});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts a warehouse export and waits for it: exports take up to 20 minutes at month end. */
export const handler = async (event: SQSEvent) => {
  for (const record of event.Records) {
    const job = JSON.parse(record.body) as { exportId: string };
    const runId = await startExport(job.exportId);
    const started = Date.now();
    // Poll every 30 s for up to 20 minutes.
    while (Date.now() - started < 20 * 60 * 1000) {
      const status = await exportStatus(runId);
      if (status.done) {
        await s3.send(new PutObjectCommand({ Bucket: process.env.BUCKET, Key: `${job.exportId}.csv`, Body: status.csv }));
        break;
      }
      await sleep(30_000);
    }
  }
};
