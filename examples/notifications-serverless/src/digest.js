'use strict';
const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');
const sns = new SNSClient({});

module.exports.handler = async () => {
  const since = new Date(Date.now() - 3600_000).toISOString();
  await sns.send(new PublishCommand({ TopicArn: process.env.TOPIC_ARN, Message: JSON.stringify({ since }) }));
  return { ok: true };
};
