import { pyInMemoryState } from '../../../src/core/rules/python/in-memory-state';
import { pyRuleTester } from '../python/pyRuleTester';

pyRuleTester(pyInMemoryState, {
  valid: [
    {
      name: 'a dict every invocation rewrites in full (fixed keys first), then reads: scratch space, not state',
      code: `import json
results = {}
def handler(event, context):
    results["get"] = run_get()
    results["post"] = run_post()
    return json.dumps(results)
`,
    },
    {
      name: 'module-level boto3 client and resource',
      code: `import boto3
s3 = boto3.client("s3")
table = boto3.resource("dynamodb").Table("orders")
def handler(event, context):
    s3.put_object(Bucket="b", Key="k", Body=b"")
`,
    },
    {
      name: 'constant lookup table, only read',
      code: `PRICES = {"basic": 10, "pro": 20}
ALLOWED = ["a", "b"]
def handler(event, context):
    return PRICES[event["plan"]] if event["plan"] in ALLOWED else None
`,
    },
    {
      name: 'cache used as an optimisation',
      code: `import boto3
ssm = boto3.client("ssm")
_cache = {}
def get_param(name):
    if name not in _cache:
        _cache[name] = ssm.get_parameter(Name=name)["Parameter"]["Value"]
    return _cache[name]
`,
    },
    {
      name: 'per-region clients dict',
      code: `import boto3
clients = {}
def client_for(region):
    if region not in clients:
        clients[region] = boto3.client("sqs", region_name=region)
    return clients[region]
`,
    },
    {
      name: 'lazy initialisation through global',
      code: `import psycopg2
conn = None
def handler(event, context):
    global conn
    if conn is None:
        conn = psycopg2.connect(dsn)
`,
    },
    {
      name: 'list built inside the handler',
      code: `def handler(event, context):
    results = []
    for r in event["Records"]:
        results.append(r["body"])
    return results
`,
    },
    {
      name: 'lru_cache on a pure function',
      code: `from functools import lru_cache
@lru_cache(maxsize=128)
def parse_schema(name):
    return load(name)
`,
    },
    {
      name: 'config loaded once at import',
      code: `import json, os
CONFIG = {}
CONFIG.update(json.loads(os.environ.get("CONFIG", "{}")))
def handler(event, context):
    return CONFIG.get("mode")
`,
    },
    {
      name: 'route registry filled by a decorator at import time',
      code: `ROUTES = {}
def route(path):
    def deco(fn):
        ROUTES[path] = fn
        return fn
    return deco
@route("/orders")
def orders(event):
    return []
def handler(event, context):
    return ROUTES[event["rawPath"]](event)
`,
    },
    {
      name: 'config loaded lazily on first use',
      code: `import json, boto3
_config = {}
def get_config():
    if not _config:
        _config.update(json.loads(boto3.client("ssm").get_parameter(Name="/app")["Parameter"]["Value"]))
    return _config
`,
    },
    {
      name: 'global reassigned through a transformation',
      code: `PATTERN = "a+"
def compiled():
    global PATTERN
    PATTERN = compile_pattern(PATTERN)
    return PATTERN
`,
    },
    {
      name: 'mutation only under __main__',
      code: `SEEN = set()
def main():
    if __name__ == "__main__":
        SEEN.add(1)
`,
    },
  ],
  invalid: [
    // Each spelling alone in its file, so that the pre-filter's literal for it is what lets the rule run (the table
    // tester analyses every case with and without the pre-filter).
    {
      name: 'an annotation that goes on to the next line',
      code: `from typing import Dict
SESSIONS: Dict[
    str, list] = {}
def handler(event, context):
    SESSIONS[event["user"]] = event["token"]
`,
      errors: [{ line: 2, message: 'dict `SESSIONS`' }],
    },
    {
      name: 'a binding after a semicolon',
      code: `import os; hits = {}
def handler(event, context):
    hits[event["path"]] = 1
`,
      errors: [{ line: 1, message: 'dict `hits`' }],
    },
    {
      name: "an item's attribute assigned",
      code: `jobs = [Job()]
def handler(event, context):
    jobs[0].status = event["status"]
`,
      errors: [{ line: 1, message: 'list `jobs`' }],
    },
    {
      name: 'an item deleted',
      code: `pending = {}
def handler(event, context):
    del pending[event["id"]]
`,
      errors: [{ line: 1, message: 'dict `pending`' }],
    },
    {
      name: 'a memoising decorator imported under another name',
      code: `from functools import cache as memo
@memo
def count_requests(user_id):
    return 0
`,
      errors: [{ line: 2, message: '@memo' }],
    },
    {
      name: "fixed keys, but one written only on some requests: an earlier request's value survives",
      code: `results = {}
def handler(event, context):
    results["get"] = run_get()
    if event.get("post"):
        results["post"] = run_post()
    return results
`,
      errors: [{ line: 1, message: 'Module-level dict \`results\`' }],
    },
    {
      name: "fixed keys, but read before they are written: the previous request's values",
      code: `results = {}
def handler(event, context):
    previous = dict(results)
    results["get"] = run_get()
    return previous
`,
      errors: [{ line: 1 }],
    },
    {
      name: 'keys from the request: each request adds its own',
      code: `bag = {}
def handler(event, context):
    bag[event["id"]] = True
    return len(bag)
`,
      errors: [{ line: 1 }],
    },
    {
      name: 'fixed keys written in two functions',
      code: `totals = {}
def handler(event, context):
    totals["a"] = 1
    return totals
def other(event, context):
    totals["b"] = 2
    return totals
`,
      errors: [{ line: 1 }],
    },
    {
      name: 'sessions dict written per request',
      code: `SESSIONS = {}
def handler(event, context):
    SESSIONS[event["user"]] = event["token"]
`,
      errors: [{ line: 1, column: 1, message: 'Module-level dict `SESSIONS` is written by `handler`' }],
    },
    {
      name: 'list appended per request',
      code: `processed = []
def handler(event, context):
    processed.append(event["id"])
`,
      errors: [{ line: 1, message: 'list `processed`' }],
    },
    {
      name: 'seen-set for deduplication',
      code: `seen_ids = set()
def handler(event, context):
    if event["id"] in seen_ids:
        return
    seen_ids.add(event["id"])
`,
      errors: [{ line: 1, message: 'set `seen_ids`' }],
    },
    {
      name: 'counter via global',
      code: `request_count = 0
def handler(event, context):
    global request_count
    request_count += 1
`,
      errors: [{ line: 1, column: 1, message: 'module-level counter' }],
    },
    {
      name: 'counter via reassignment',
      code: `TOTAL = 0
def handler(event, context):
    global TOTAL
    TOTAL = TOTAL + event["amount"]
`,
      errors: [{ line: 1, column: 1, message: '`TOTAL`' }],
    },
    {
      name: 'defaultdict of rate limits',
      code: `from collections import defaultdict
rate_limits = defaultdict(int)
def handler(event, context):
    rate_limits[event["ip"]] += 1
`,
      errors: [{ line: 2, message: 'defaultdict `rate_limits`' }],
    },
    {
      name: 'cache whose name says it holds sessions',
      code: `session_cache = {}
def handler(event, context):
    session_cache[event["sid"]] = event
`,
      errors: [{ line: 1 }],
    },
    {
      name: 'TTLCache used as a rate limiter',
      code: `from cachetools import TTLCache
attempts = TTLCache(maxsize=10000, ttl=60)
def handler(event, context):
    attempts[event["user"]] = attempts.get(event["user"], 0) + 1
`,
      errors: [{ line: 2, message: 'TTLCache `attempts`' }],
    },
    {
      name: 'lru_cache remembering sessions',
      code: `import functools
@functools.lru_cache(maxsize=None)
def get_user_session(user_id):
    return {"user": user_id}
`,
      errors: [{ line: 2, message: '@functools.lru_cache' }],
    },
    {
      name: 'nested write through a subscript',
      code: `CARTS = {}
def add_item(event, context):
    CARTS.setdefault(event["user"], []).append(event["item"])
`,
      errors: [{ line: 1, message: '`add_item`' }],
    },
  ],
});
