import { pyLocalDiskWrite } from '../../../src/core/rules/python/local-disk-write';
import { pyRuleTester } from '../python/pyRuleTester';

pyRuleTester(pyLocalDiskWrite, {
  valid: [
    // Paths that come in as parameters, and files a child process writes (issue #16).
    {
      name: 'parameter whose callers pass paths under /tmp',
      code: `import os, tempfile
def save(rows, path):
    with open(path, "w") as f:
        f.write(rows)
def handler(event, context):
    save(event["rows"], "/tmp/rows.csv")
    save(event["rows"], os.path.join(tempfile.gettempdir(), "more.csv"))
`,
    },
    {
      name: 'parameter reassigned under /tmp before the write',
      code: `import os
def save(rows, name):
    name = os.path.join("/tmp", name)
    with open(name, "w") as f:
        f.write(rows)
def handler(event, context):
    save(event["rows"], "rows.csv")
`,
    },
    {
      name: 'parameter defaulting to an S3 URI, and a caller passing stdout',
      code: `import sys
def export(data, target="s3://bucket/key", out=None):
    with open(out or sys.stdout.fileno(), "w") as f:
        f.write(data)
`,
    },
    {
      name: 'child process writing under /tmp, to stdout, or unzip -o (overwrite, not output)',
      code: `import subprocess
def handler(event, context):
    subprocess.run(["pandoc", "in.md", "-o", "/tmp/report.pdf"], check=True)
    subprocess.run(["curl", "-s", "-o", "-", "https://example.com"], check=True)
    subprocess.run(["unzip", "-o", "bundle.zip", "-d", "/tmp/bundle"], check=True)
    subprocess.run("grep -o pattern input.txt", shell=True)
`,
    },
    {
      name: 'output path from the environment',
      code: `import os, subprocess
def handler(event, context):
    subprocess.run(["ffmpeg", "-i", "in.mp4", "--output", os.environ["OUT"]])
`,
    },
    {
      name: 'write under /tmp',
      code: `def handler(event, context):
    with open("/tmp/report.csv", "w") as f:
        f.write("x")
`,
    },
    {
      name: 'tempfile helpers',
      code: `import os, tempfile
def handler(event, context):
    path = os.path.join(tempfile.gettempdir(), "out.json")
    with open(path, "w") as f:
        f.write("{}")
    with tempfile.NamedTemporaryFile("w", delete=False) as tmp:
        tmp.write("x")
`,
    },
    {
      name: 'TemporaryDirectory',
      code: `import tempfile, shutil, os
def handler(event, context):
    with tempfile.TemporaryDirectory() as d:
        shutil.copy("template.docx", os.path.join(d, "out.docx"))
`,
    },
    {
      name: 'reading files shipped with the code',
      code: `import json
def handler(event, context):
    with open("schema.json") as f:
        return json.load(f)
`,
    },
    {
      name: 'pathlib under /tmp',
      code: `from pathlib import Path
def handler(event, context):
    out = Path("/tmp") / "result.txt"
    out.write_text("done")
`,
    },
    {
      name: 'path from a parameter or the environment is unknown',
      code: `import os
def save(path, data):
    with open(path, "w") as f:
        f.write(data)
def handler(event, context):
    open(os.environ["OUTPUT_FILE"], "a").write("x")
`,
    },
    {
      name: 'in-memory sqlite',
      code: `import sqlite3
def handler(event, context):
    sqlite3.connect(":memory:")
`,
    },
    {
      name: 'reading under /mnt is not a write',
      code: `def handler(event, context):
    with open("/mnt/efs/config.json") as f:
        return f.read()
`,
    },
    {
      name: 'local writes in a __main__ block',
      code: `if __name__ == "__main__":
    with open("local-output.txt", "w") as f:
        f.write("x")
`,
    },
    {
      name: 'f-string from a tempfile folder',
      code: `import tempfile
WORK = tempfile.mkdtemp()
def handler(event, context):
    open(f"{WORK}/{event['id']}.json", "w").write("{}")
`,
    },
    {
      name: 'f-string under /tmp',
      code: `def handler(event, context):
    open(f"/tmp/{event['id']}.json", "w").write("{}")
`,
    },
  ],
  invalid: [
    // Under /mnt: the finding carries the path; the join drops it where the function mounts EFS there (join test).
    {
      name: 'a write under /mnt',
      code: `def handler(event, context):
    with open("/mnt/efs/shared.log", "a") as f:
        f.write("x")
`,
      errors: [{ line: 2, message: 'under /mnt, which is writable on Lambda only where the function mounts a file system' }],
    },
    {
      name: 'a pathlib write under /mnt from an f-string',
      code: `import pathlib
def handler(event, context):
    pathlib.Path(f"/mnt/data/{event['id']}.json").write_text("{}")
`,
      errors: [{ line: 3, message: 'under /mnt' }],
    },
    {
      name: 'path given by a caller in the module',
      code: `import json
def save(rows, path):
    with open(path, "w") as f:
        json.dump(rows, f)
def handler(event, context):
    save(event["rows"], "output/rows.json")
`,
      errors: [{ line: 3, column: 10, message: '`open(...)` writes to `path`, and `save(...)` (line 6) passes `output/rows.json`' }],
    },
    {
      name: 'path built on a parameter, given by keyword from a method call',
      code: `import os
class Exporter:
    def write(self, data, out_dir):
        with open(os.path.join(out_dir, "data.csv"), "w") as f:
            f.write(data)
def handler(event, context):
    Exporter().write(event["data"], out_dir="exports")
`,
      errors: [{ line: 4, column: 14, message: 'passes `exports`' }],
    },
    {
      name: 'parameter default outside /tmp',
      code: `def dump(data, out_path="reports/out.json"):
    with open(out_path, "w") as f:
        f.write(data)
`,
      errors: [{ line: 2, column: 10, message: 'which defaults to `reports/out.json`' }],
    },
    {
      name: 'child process told to write next to the code (-o)',
      code: `import subprocess
def handler(event, context):
    subprocess.run(["pandoc", "in.md", "-o", "report.pdf"], check=True)
`,
      errors: [{ line: 3, column: 5, message: '`subprocess.run(...)` has `pandoc` write its output to `report.pdf` (`-o`)' }],
    },
    {
      name: 'shell command with --output=',
      code: `import os
def handler(event, context):
    os.system(f"ffmpeg -i {event['src']} --output=out/clip.mp4")
`,
      errors: [{ line: 3, column: 5, message: '`out/clip.mp4` (`--output`)' }],
    },
    {
      name: 'open for writing, bare file name: fix to tempfile',
      code: `import json
def handler(event, context):
    with open("report.csv", "w") as f:
        f.write("x")
`,
      errors: [{ line: 3, column: 10, message: 'writes to `report.csv`' }],
      output: `import json
import os
import tempfile
def handler(event, context):
    with open(os.path.join(tempfile.gettempdir(), "report.csv"), "w") as f:
        f.write("x")
`,
    },
    {
      name: 'append mode keyword, imports already there',
      code: `import os
import tempfile
def handler(event, context):
    open('audit.log', mode='a').write("x")
`,
      errors: [{ line: 4 }],
      output: `import os
import tempfile
def handler(event, context):
    open(os.path.join(tempfile.gettempdir(), 'audit.log'), mode='a').write("x")
`,
    },
    {
      name: 'absolute path outside /tmp: suggestion, no fix',
      code: `def handler(event, context):
    with open("/var/data/out.json", "wb") as f:
        f.write(b"")
`,
      errors: [{ line: 2, message: '/var/data/out.json' }],
      output: null,
      suggestionOutput: `import os
import tempfile
def handler(event, context):
    with open(os.path.join(tempfile.gettempdir(), "out.json"), "wb") as f:
        f.write(b"")
`,
    },
    {
      name: 'path through a variable',
      code: `OUT_DIR = "exports"
def handler(event, context):
    target = OUT_DIR + "/latest.csv"
    with open(target, "w") as f:
        f.write("x")
`,
      errors: [{ line: 4 }],
    },
    {
      name: 'pathlib write_text: fix inside Path()',
      code: `"""Exports."""
from pathlib import Path
def handler(event, context):
    Path("summary.txt").write_text("ok")
`,
      errors: [{ line: 4, message: '`.write_text()`' }],
      output: `"""Exports."""
from pathlib import Path
import os
import tempfile
def handler(event, context):
    Path(os.path.join(tempfile.gettempdir(), "summary.txt")).write_text("ok")
`,
    },
    {
      name: 'shutil.copy to a local folder',
      code: `import shutil
def handler(event, context):
    shutil.copy("/tmp/in.pdf", "archive/in.pdf")
`,
      errors: [{ line: 3, message: '`shutil.copy(...)`' }],
      suggestionOutput:
        'import shutil\nimport os\nimport tempfile\ndef handler(event, context):\n    shutil.copy("/tmp/in.pdf", os.path.join(tempfile.gettempdir(), "in.pdf"))\n',
    },
    {
      name: 'sqlite database file',
      code: `import sqlite3
conn = sqlite3.connect("app.db")
`,
      errors: [{ line: 2, message: 'database file', severity: 'warning' }],
      output: null,
    },
    {
      name: 'makedirs in the working directory',
      code: `import os
def handler(event, context):
    os.makedirs(os.path.join(os.getcwd(), "cache"), exist_ok=True)
`,
      errors: [{ line: 3 }],
    },
    {
      name: 'log file handler',
      code: `import logging
logging.basicConfig(filename="service.log", level=logging.INFO)
handler = logging.FileHandler("errors.log")
`,
      errors: [
        { line: 2, message: 'Log to stdout' },
        { line: 3, message: 'FileHandler' },
      ],
    },
    {
      name: 'next to the code (LAMBDA_TASK_ROOT is read-only)',
      code: `import os
BASE_DIR = os.path.dirname(os.path.abspath(__file__))
def handler(event, context):
    with open(f"{BASE_DIR}/state.json", "w") as f:
        f.write("{}")
`,
      errors: [{ line: 4 }],
    },
    {
      name: 'DataFrame.to_csv with a relative path',
      code: `import pandas as pd
def handler(event, context):
    df = pd.DataFrame(event["rows"])
    df.to_csv("export.csv", index=False)
`,
      errors: [{ line: 4, message: '`.to_csv()`' }],
      output:
        'import pandas as pd\nimport os\nimport tempfile\ndef handler(event, context):\n    df = pd.DataFrame(event["rows"])\n    df.to_csv(os.path.join(tempfile.gettempdir(), "export.csv"), index=False)\n',
    },
  ],
});
