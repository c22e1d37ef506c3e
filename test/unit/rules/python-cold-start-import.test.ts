import { pyColdStartImport } from '../../../src/core/rules/python/cold-start-import';
import { pyRuleTester } from '../python/pyRuleTester';

pyRuleTester(pyColdStartImport, {
  valid: [
    { name: 'boto3 clients at module level', code: `import boto3
import botocore.config
s3 = boto3.client("s3", config=botocore.config.Config(retries={"max_attempts": 3}))
` },
    { name: 'heavy import inside the function that needs it', code: `def export(rows):
    import pandas as pd
    return pd.DataFrame(rows).to_csv()
` },
    { name: 'type-checking-only import', code: `from typing import TYPE_CHECKING
if TYPE_CHECKING:
    import pandas as pd
` },
    { name: 'optional import in try/except', code: `try:
    import numpy as np
except ImportError:
    np = None
` },
    { name: 'network call inside the handler', code: `import requests
def handler(event, context):
    return requests.get("https://example.com").json()
` },
    { name: 'light standard-library imports', code: `import json, os, re, datetime
from decimal import Decimal
` },
    { name: 'heavy import under __main__', code: `if __name__ == "__main__":
    import matplotlib.pyplot as plt
    plt.show()
` },
    { name: 'module-level DB connection (recommended reuse)', code: `import pymysql
conn = pymysql.connect(host="db", user="u")
` },
    { name: 'a local module called numpy_helpers', code: `import numpy_helpers
from .pandas_utils import frame
` },
  ],
  invalid: [
    { name: 'pandas', code: `import pandas as pd
`, errors: [{ line: 1, column: 1, message: 'pandas (roughly 70 MB installed)', severity: 'info' }] },
    { name: 'numpy via from-import', code: `from numpy import array
`, errors: [{ line: 1, message: 'NumPy' }] },
    { name: 'scikit-learn submodule', code: `from sklearn.ensemble import RandomForestClassifier
`, errors: [{ line: 1, message: 'scikit-learn' }] },
    { name: 'torch does not fit a zip package', code: `import torch
`, errors: [{ line: 1, message: '250 MB unzipped limit', severity: 'warning' }] },
    { name: 'tensorflow', code: `import tensorflow as tf
`, errors: [{ line: 1, message: 'container image', severity: 'warning' }] },
    { name: 'one finding per package', code: `import numpy
import numpy.linalg
import scipy.stats
`, errors: [{ line: 1, message: 'NumPy' }, { line: 3, message: 'SciPy' }] },
    { name: 'requests.get at module level', code: `import requests
CONFIG = requests.get("https://config.internal/app").json()
`, errors: [{ line: 2, message: 'during INIT' }] },
    { name: 'urlopen at module level in a class body', code: `from urllib.request import urlopen
class Settings:
    raw = urlopen("https://example.com/settings").read()
`, errors: [{ line: 3, message: '`urlopen(...)`' }] },
    { name: 'httpx at module level', code: `import httpx
KEYS = httpx.get("https://example.com/.well-known/jwks.json").json()
`, errors: [{ line: 2 }] },
  ],
});
