import { pyColdStartImport } from '../../../src/core/rules/python/cold-start-import';
import { pyRuleTester } from '../python/pyRuleTester';

pyRuleTester(pyColdStartImport, {
  valid: [
    {
      name: 'a module of the google.cloud namespace importing a sibling package',
      file: 'google/cloud/pubsub/__init__.py',
      code: `from google.cloud.pubsub_v1 import PublisherClient
`,
    },
    {
      name: "a package's own modules importing it (a library, not a function)",
      file: 'google/cloud/pubsub_v1/publisher/client.py',
      code: `from google.cloud.pubsub_v1 import types
from google.cloud.pubsub_v1.publisher import exceptions
`,
    },
    // Heavier SDKs and init-time calls (issue #16): clients and factories at module level are what AWS recommends.
    {
      name: 'SDK clients, resources and factories at module level of a handler module',
      code: `import os
import boto3
ssm = boto3.client("ssm")
table = boto3.resource("dynamodb").Table(os.environ["TABLE"])
pages = boto3.client("s3").get_paginator("list_objects_v2")
waiter = ssm.get_waiter("command_executed")
def handler(event, context):
    return ssm.get_parameter(Name="/app/key")["Parameter"]["Value"]
`,
    },
    {
      name: 'remote call at module level of a script (no handler: module level is the program)',
      file: 'jobs/task.py',
      code: `import boto3
s3 = boto3.client("s3")
objects = s3.list_objects_v2(Bucket="b")
for o in objects.get("Contents", []):
    print(o["Key"])
`,
    },
    {
      name: 'Azure Functions programming model import',
      code: `import azure.functions as func
def main(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("ok")
`,
    },
    {
      name: 'botocore module function at module level (no client)',
      code: `import botocore.session
session = botocore.session.get_session()
def handler(event, context):
    return 1
`,
    },
    {
      name: 'module-level remote call under a TYPE_CHECKING or __main__ guard',
      code: `import boto3
ssm = boto3.client("ssm")
def handler(event, context):
    return 1
if __name__ == "__main__":
    print(ssm.get_parameter(Name="x"))
`,
    },
    {
      name: 'boto3 clients at module level',
      code: `import boto3
import botocore.config
s3 = boto3.client("s3", config=botocore.config.Config(retries={"max_attempts": 3}))
`,
    },
    {
      name: 'heavy import inside the function that needs it',
      code: `def export(rows):
    import pandas as pd
    return pd.DataFrame(rows).to_csv()
`,
    },
    {
      name: 'type-checking-only import',
      code: `from typing import TYPE_CHECKING
if TYPE_CHECKING:
    import pandas as pd
`,
    },
    {
      name: 'optional import in try/except',
      code: `try:
    import numpy as np
except ImportError:
    np = None
`,
    },
    {
      name: 'network call inside the handler',
      code: `import requests
def handler(event, context):
    return requests.get("https://example.com").json()
`,
    },
    {
      name: 'light standard-library imports',
      code: `import json, os, re, datetime
from decimal import Decimal
`,
    },
    {
      name: 'heavy import under __main__',
      code: `if __name__ == "__main__":
    import matplotlib.pyplot as plt
    plt.show()
`,
    },
    {
      name: 'module-level DB connection (recommended reuse)',
      code: `import pymysql
conn = pymysql.connect(host="db", user="u")
`,
    },
    {
      name: 'a local module called numpy_helpers',
      code: `import numpy_helpers
from .pandas_utils import frame
`,
    },
  ],
  invalid: [
    {
      name: 'LLM framework imports, reported once per framework',
      code: `from langchain_core.prompts import PromptTemplate
from langchain_openai import ChatOpenAI
import langchain_community.vectorstores
`,
      errors: [{ line: 1, column: 1, message: 'LangChain (roughly 60 MB installed)' }],
    },
    {
      name: 'Google Cloud and Azure SDK packages',
      code: `from google.cloud import storage
import google.cloud.bigquery
from azure.storage.blob import BlobServiceClient
`,
      errors: [
        { line: 1, message: '`google.cloud.storage`' },
        { line: 2, message: '`google.cloud.bigquery`' },
        { line: 3, message: '`azure.storage`' },
      ],
    },
    {
      name: 'Azure import reported; its client factories at module level are not remote calls',
      code: `import os
from azure.servicebus import ServiceBusClient
sb = ServiceBusClient.from_connection_string(os.environ["CONN"])
sender = sb.get_queue_sender(queue_name="q")
receiver = sb.get_queue_receiver(queue_name="q")
def handler(event, context):
    sender.send_messages(event)
`,
      errors: [{ line: 2, message: '`azure.servicebus`' }],
    },
    {
      name: 'vector database clients and LlamaIndex',
      code: `import chromadb
from pinecone import Pinecone
from llama_index.core import VectorStoreIndex
`,
      errors: [
        { line: 1, message: 'Chroma' },
        { line: 2, message: 'Pinecone' },
        { line: 3, message: 'LlamaIndex' },
      ],
    },
    {
      name: 'Sentence Transformers does not fit a zip package',
      code: `from sentence_transformers import SentenceTransformer
`,
      errors: [{ line: 1, message: '250 MB unzipped limit', severity: 'warning' }],
    },
    {
      name: 'SDK calls at module level of a handler module run during INIT',
      code: `import os
import boto3
ssm = boto3.client("ssm")
table = boto3.resource("dynamodb").Table(os.environ["TABLE"])
API_KEY = ssm.get_parameter(Name="/app/key", WithDecryption=True)["Parameter"]["Value"]
CONFIG = table.get_item(Key={"pk": "config"})["Item"]
ACCOUNT = boto3.client("sts").get_caller_identity()["Account"]
def handler(event, context):
    return API_KEY
`,
      errors: [
        { line: 5, column: 11, message: '`ssm.get_parameter(...)` calls boto3 at module level', severity: 'info' },
        { line: 6, column: 10, message: '`table.get_item(...)`' },
        { line: 7, column: 11, message: 'get_caller_identity' },
      ],
    },
    {
      name: 'remote call at module level of a service entry (its start-up)',
      code: `import boto3
from flask import Flask
ssm = boto3.client("ssm")
DB_PASSWORD = ssm.get_parameter(Name="/db/password", WithDecryption=True)["Parameter"]["Value"]
app = Flask(__name__)
if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080)
`,
      errors: [{ line: 4, column: 15, message: '`ssm.get_parameter(...)` calls boto3 at module level' }],
    },
    {
      name: 'secret read through a Google Cloud client at module level',
      code: `from google.cloud import secretmanager_v1
client = secretmanager_v1.SecretManagerServiceClient()
SECRET = client.access_secret_version(name="projects/p/secrets/s/versions/latest").payload.data
def handler(event, context):
    return 1
`,
      errors: [
        { line: 1, message: 'google.cloud.secretmanager_v1' },
        { line: 3, column: 10, message: 'calls google.cloud.secretmanager_v1 at module level' },
      ],
    },
    {
      name: 'pandas',
      code: `import pandas as pd
`,
      errors: [{ line: 1, column: 1, message: 'pandas (roughly 70 MB installed)', severity: 'info' }],
    },
    {
      name: 'numpy via from-import',
      code: `from numpy import array
`,
      errors: [{ line: 1, message: 'NumPy' }],
    },
    {
      name: 'scikit-learn submodule',
      code: `from sklearn.ensemble import RandomForestClassifier
`,
      errors: [{ line: 1, message: 'scikit-learn' }],
    },
    {
      name: 'torch does not fit a zip package',
      code: `import torch
`,
      errors: [{ line: 1, message: '250 MB unzipped limit', severity: 'warning' }],
    },
    {
      name: 'tensorflow',
      code: `import tensorflow as tf
`,
      errors: [{ line: 1, message: 'container image', severity: 'warning' }],
    },
    {
      name: 'one finding per package',
      code: `import numpy
import numpy.linalg
import scipy.stats
`,
      errors: [
        { line: 1, message: 'NumPy' },
        { line: 3, message: 'SciPy' },
      ],
    },
    {
      name: 'requests.get at module level',
      code: `import requests
CONFIG = requests.get("https://config.internal/app").json()
`,
      errors: [{ line: 2, message: 'during INIT' }],
    },
    {
      name: 'urlopen at module level in a class body',
      code: `from urllib.request import urlopen
class Settings:
    raw = urlopen("https://example.com/settings").read()
`,
      errors: [{ line: 3, message: '`urlopen(...)`' }],
    },
    {
      name: 'httpx at module level',
      code: `import httpx
KEYS = httpx.get("https://example.com/.well-known/jwks.json").json()
`,
      errors: [{ line: 2 }],
    },
  ],
});
