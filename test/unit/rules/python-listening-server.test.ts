import { pyListeningServer } from '../../../src/core/rules/python/listening-server';
import { pyRuleTester } from '../python/pyRuleTester';

pyRuleTester(pyListeningServer, {
  valid: [
    {
      name: 'Flask app wrapped by serverless-wsgi',
      code: `import serverless_wsgi
from flask import Flask
app = Flask(__name__)

def handler(event, context):
    return serverless_wsgi.handle_request(app, event, context)

app.run()
`,
    },
    {
      name: 'FastAPI app wrapped by Mangum',
      code: `from fastapi import FastAPI
from mangum import Mangum
import uvicorn
app = FastAPI()
handler = Mangum(app)
uvicorn.run(app)
`,
    },
    {
      name: 'dev server under a __main__ guard',
      code: `from flask import Flask
app = Flask(__name__)

if __name__ == "__main__":
    app.run(debug=True, port=5000)
`,
    },
    {
      name: 'uvicorn under a reversed __main__ guard',
      code: `import uvicorn
from app import api
if "__main__" == __name__:
    uvicorn.run(api, port=8000)
`,
    },
    {
      name: 'server only when not on Lambda',
      code: `import os
from flask import Flask
app = Flask(__name__)
if not os.environ.get("AWS_LAMBDA_FUNCTION_NAME"):
    app.run()
`,
    },
    {
      name: 'guard through a module-level flag, and the else branch of an on-Lambda check',
      code: `import os
from flask import Flask
app = Flask(__name__)
IS_LOCAL = not bool(os.getenv("AWS_LAMBDA_FUNCTION_NAME"))
if IS_LOCAL:
    app.run()
if "AWS_EXECUTION_ENV" in os.environ:
    pass
else:
    app.run(port=5000)
`,
    },
    {
      name: 'Lambda Web Adapter setup (AWS_LWA_ settings)',
      code: `import os
import uvicorn
from app import api
uvicorn.run(api, host="0.0.0.0", port=int(os.environ.get("AWS_LWA_PORT", "8080")))
`,
    },
    {
      name: 'apig-wsgi adapter',
      code: `from apig_wsgi import make_lambda_handler
from flask import Flask
app = Flask(__name__)
lambda_handler = make_lambda_handler(app)
app.run()
`,
    },
    {
      name: 'a method called run on something else',
      code: `import subprocess
job = Job()
job.run()
subprocess.run(["ls"])
`,
    },
    {
      name: 'grpc server created but never started (a test double)',
      code: `import grpc
server = grpc.server(None)
server.add_insecure_port("[::]:50051")
`,
    },
    {
      name: 'test files are local-only',
      file: 'tests/test_app.py',
      code: `from flask import Flask
app = Flask(__name__)
app.run()
`,
    },
    // __main__ blocks and the app object (issue #16): the entry of a service counts, a developer's try-out does not.
    {
      name: 'app module with no __main__ (served by gunicorn, Zappa or the serverless-wsgi plugin, which the file does not show)',
      code: `from flask import Flask, jsonify
app = Flask(__name__)

@app.route("/hello")
def hello():
    return jsonify(message="hi")
`,
    },
    {
      name: 'Django wsgi.py: the application object alone',
      file: 'mysite/wsgi.py',
      code: `import os
from django.core.wsgi import get_wsgi_application
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
application = get_wsgi_application()
`,
    },
    {
      name: '__main__ runs the app on localhost only (a local try-out, not an image entry)',
      code: `from fastapi import FastAPI
import uvicorn
app = FastAPI()
if __name__ == "__main__":
    uvicorn.run(app, port=8000, reload=True)
`,
    },
    {
      name: '__main__ serving on 0.0.0.0 in a module that also has a Lambda handler (the block is a local try-out)',
      code: `from flask import Flask
app = Flask(__name__)

def lambda_handler(event, context):
    return {"statusCode": 200}

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080)
`,
    },
    {
      name: 'Mangum adapter with a uvicorn __main__ for containers',
      code: `from fastapi import FastAPI
from mangum import Mangum
import uvicorn
app = FastAPI()
handler = Mangum(app)
if __name__ == "__main__":
    uvicorn.run(app, host="0.0.0.0", port=8080)
`,
    },
    {
      name: 'a CLI script whose __main__ runs once',
      code: `import argparse
from flask import Flask
app = Flask(__name__)
def main():
    parser = argparse.ArgumentParser()
    print(parser.parse_args())
if __name__ == "__main__":
    main()
`,
    },
    {
      name: 'a local function named start_http_server',
      code: `def start_http_server(port):
    return port
start_http_server(8000)
`,
    },
    {
      name: 'metrics server only in the __main__ try-out of a handler module',
      code: `from prometheus_client import start_http_server
def handler(event, context):
    return 1
if __name__ == "__main__":
    start_http_server(8000)
`,
    },
  ],
  invalid: [
    {
      name: 'Flask app served from __main__ on 0.0.0.0: reported once, at the app',
      code: `import os
from flask import Flask
app = Flask(__name__)

@app.route("/")
def index():
    return "ok"

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", 8080)))
`,
      errors: [{ line: 3, column: 1, message: '`app` (Flask app) is what this service serves from a port', severity: 'warning' }],
    },
    {
      name: 'FastAPI app that __main__ serves by its import string',
      code: `import uvicorn
from fastapi import FastAPI
api = FastAPI()
if __name__ == "__main__":
    uvicorn.run("service:api", host="0.0.0.0", port=8080)
`,
      errors: [{ line: 3, column: 1, message: '(`uvicorn.run(...)` runs it)', severity: 'warning' }],
    },
    {
      name: 'app served on the port the platform sets, no host given',
      code: `import os
from flask import Flask
app = Flask(__name__)
if __name__ == "__main__":
    app.run(port=int(os.environ["PORT"]))
`,
      errors: [{ line: 3, message: 'Flask app' }],
    },
    {
      name: 'gRPC server started by a function that __main__ calls',
      code: `import grpc
from concurrent import futures

def serve():
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=10))
    server.add_insecure_port("[::]:8080")
    server.start()
    server.wait_for_termination()

if __name__ == "__main__":
    serve()
`,
      errors: [{ line: 7, column: 5, message: 'gRPC' }],
    },
    {
      name: 'app made by a factory inside __main__',
      code: `from flask import Flask
def create_app():
    return Flask(__name__)
if __name__ == "__main__":
    app = create_app()
    app.run(host="0.0.0.0", port=8080)
`,
      errors: [{ line: 6, column: 5, message: '`app.run()`' }],
    },
    {
      name: 'Prometheus metrics server at module level of a handler module',
      code: `from prometheus_client import start_http_server, Counter
REQUESTS = Counter("requests", "Requests")
start_http_server(8000)
def handler(event, context):
    REQUESTS.inc()
`,
      errors: [{ line: 3, column: 1, message: 'serves Prometheus metrics from a port', severity: 'warning' }],
    },
    {
      name: 'Prometheus WSGI metrics server in a worker',
      code: `import prometheus_client
import time
prometheus_client.start_wsgi_server(9100)
while True:
    time.sleep(5)
`,
      errors: [{ line: 3, message: 'Prometheus' }],
    },
    {
      name: 'Flask app.run',
      code: `from flask import Flask
app = Flask(__name__)
app.run(host="0.0.0.0", port=8080)
`,
      errors: [{ line: 3, column: 1, message: '(Flask) starts a server on a port', severity: 'warning' }],
    },
    {
      name: 'aliased flask import',
      code: `import flask as f
server = f.Flask("svc")
server.run()
`,
      errors: [{ line: 3, message: 'Flask' }],
    },
    {
      name: 'uvicorn.run',
      code: `import uvicorn
from fastapi import FastAPI
app = FastAPI()
uvicorn.run(app, host="0.0.0.0", port=8000)
`,
      errors: [{ line: 4, message: '`uvicorn.run(...)` (uvicorn)' }],
    },
    {
      name: 'from uvicorn import run',
      code: `from uvicorn import run as serve
serve("main:app")
`,
      errors: [{ line: 2, message: 'uvicorn' }],
    },
    {
      name: 'waitress serve',
      code: `from waitress import serve
from app import application
serve(application, listen="*:8080")
`,
      errors: [{ line: 3, message: 'waitress' }],
    },
    {
      name: 'http.server serve_forever',
      code: `from http.server import HTTPServer, BaseHTTPRequestHandler
httpd = HTTPServer(("", 8000), BaseHTTPRequestHandler)
httpd.serve_forever()
`,
      errors: [{ line: 3, message: '`httpd.serve_forever()`' }],
    },
    {
      name: 'socketserver in a with block',
      code: `import socketserver
with socketserver.TCPServer(("", 9000), Handler) as srv:
    srv.serve_forever()
`,
      errors: [{ line: 3 }],
    },
    {
      name: 'grpc server start',
      code: `import grpc
from concurrent import futures
server = grpc.server(futures.ThreadPoolExecutor(max_workers=10))
server.add_insecure_port("[::]:50051")
server.start()
server.wait_for_termination()
`,
      errors: [{ line: 5, message: 'gRPC needs long-lived HTTP/2 connections' }],
    },
    {
      name: 'aiohttp run_app',
      code: `from aiohttp import web
app = web.Application()
web.run_app(app, port=8080)
`,
      errors: [{ line: 3, message: 'aiohttp' }],
    },
    {
      name: 'Django runserver',
      code: `from django.core.management import execute_from_command_line
execute_from_command_line(["manage.py", "runserver", "0.0.0.0:8000"])
`,
      errors: [{ line: 2, message: "Django's development server" }],
    },
    {
      name: 'factory-made Flask app',
      code: `from flask import Flask
from myapp import create_app
app = create_app()
app.run(port=5000)
`,
      errors: [{ line: 4 }],
    },
    {
      name: 'websockets server',
      code: `import asyncio, websockets
async def main():
    async with websockets.serve(echo, "0.0.0.0", 8765):
        await asyncio.Future()
`,
      errors: [{ line: 3, message: 'WebSocket clients' }],
    },
    {
      name: 'gunicorn custom application',
      code: `from gunicorn.app.base import BaseApplication
class StandaloneApplication(BaseApplication):
    pass
StandaloneApplication(app, {"bind": "0.0.0.0:8000"}).run()
`,
      errors: [{ line: 4, message: 'gunicorn' }],
    },
  ],
});
