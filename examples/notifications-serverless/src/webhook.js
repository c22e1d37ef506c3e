'use strict';
const fs = require('fs');
const path = require('path');

module.exports.handler = async (event) => {
  const provider = event.pathParameters.provider;
  // Keep a copy of every webhook for debugging.
  fs.appendFileSync(path.join(__dirname, 'webhooks.log'), JSON.stringify({ provider, body: event.body }) + '\n');
  fetch(process.env.AUDIT_URL, { method: 'POST', body: event.body });
  return { statusCode: 202 };
};
