'use strict';
const AWS = require('aws-sdk');
const ses = new AWS.SES();

// Remembers which messages were already sent, so SQS redeliveries are not sent twice.
const sent = new Set();

module.exports.handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    const msg = JSON.parse(record.body);
    if (sent.has(msg.id)) continue;
    try {
      await ses.sendEmail({ Source: 'no-reply@acme.example', Destination: { ToAddresses: [msg.to] }, Message: msg.message }).promise();
      sent.add(msg.id);
    } catch (err) {
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
